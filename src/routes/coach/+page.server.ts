import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/coach/caseload';
import { coachSignals } from '$lib/server/appointments/appointments';

export const load: PageServerLoad = async ({ locals }) => {
	// A translator has no caseload: their work is the voice studio.
	if (locals.coach!.role === 'translator') redirect(303, '/coach/voice');
	if (locals.coach!.role === 'admin') redirect(303, '/coach/questionnaires');
	const database = await db();
	const signals = await coachSignals(database, locals.coach!);
	return {
		caseload: await listCaseload(database, locals.coach!),
		// Quiet signals per participant: call after a no-show, or replies not yet seen.
		toCall: [...new Set(signals.noShows.map((s) => s.participantId))],
		noShowAppointment: Object.fromEntries(signals.noShows.map((s) => [s.participantId, s.appointmentId])),
		unseen: signals.unseen
	};
};
