import { can, coachOf } from '$lib/server/access';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { checkinSignals } from '$lib/server/checkins/coach-view';
import {
	CASE_STATUS_LABELS,
	WORKLIST_LIMIT,
	teamCoaches,
	worklist,
	worklistQueryFrom
} from '$lib/server/coach/worklist';
import { signalLabels } from '$lib/server/coach/signals';
import { handoverDoneBy } from '$lib/server/coach/handover';
import { assignableQuestionnaires } from '$lib/server/survey/definitions';

export const load: PageServerLoad = async ({ locals, url }) => {
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
					: can(coach, 'audit.view')
						? '/coach/audit'
						: '/coach/voice'
		);
	const database = await db();
	const query = worklistQueryFrom(url);
	const handedOver = url.searchParams.get('handedOver');
	const [rows, coaches, checkins, handover, instruments] = await Promise.all([
		worklist(database, coach, query),
		teamCoaches(database, coach),
		checkinSignals(database, coach),
		handedOver ? handoverDoneBy(database, coach, handedOver) : null,
		// One research export per instrument (data and codebook, pseudonymised).
		can(coach, 'results.export') ? assignableQuestionnaires(database) : []
	]);
	return {
		handover,
		query,
		// "How are you?" answers that need attention, and who is silent: shown above the list.
		checkins,
		rows,
		total: rows[0]?.total ?? 0,
		limit: WORKLIST_LIMIT,
		coaches,
		signals: signalLabels(),
		statuses: CASE_STATUS_LABELS,
		instruments: instruments.map(({ id, title }) => ({ id, title }))
	};
};
