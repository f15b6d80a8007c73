import { can, coachOf } from '$lib/server/access';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/coach/caseload';
import { coachSignals } from '$lib/server/appointments/appointments';
import { checkinSignals } from '$lib/server/checkins/coach-view';

export const load: PageServerLoad = async ({ locals }) => {
	// A translator has no caseload: their work is the voice studio.
	// An admin has none either: their work starts at the questionnaires.
	const coach = coachOf(locals);
	if (!can(coach, 'caseload.view'))
		redirect(
			303,
			can(coach, 'questionnaires.manage')
				? '/coach/questionnaires'
				: can(coach, 'indicators.view')
					? '/coach/indicators'
					: '/coach/voice'
		);
	const database = await db();
	const [signals, caseload, checkins] = await Promise.all([
		coachSignals(database, coach),
		listCaseload(database, coach),
		checkinSignals(database, coach)
	]);
	return {
		caseload,
		// "How are you?" answers that need attention, and who is silent: shown above the list.
		checkins,
		// Quiet signals per participant: call after a no-show, or replies not yet seen.
		toCall: [...new Set(signals.noShows.map((s) => s.participantId))],
		noShowAppointment: Object.fromEntries(signals.noShows.map((s) => [s.participantId, s.appointmentId])),
		unseen: signals.unseen
	};
};
