import { coachOf } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { viewParticipant } from '$lib/server/coach/caseload';
import { checkinHistory, markCheckinsSeen } from '$lib/server/checkins/coach-view';
import { createPlan, listPlans, runDuePlans, stopPlan } from '$lib/server/checkins/plans';
import { CADENCES, planFailure, planForm, startOf } from '$lib/server/checkins/form';
import { pokePushWorker } from '$lib/server/push/runtime';
import { parseForm, uuidParam } from '$lib/server/validation';
import { localDay } from '$lib/time/zoned';
import { TIME_ZONE } from '$lib/appointments/kinds';

function participantId(raw: string): string {
	const parsed = uuidParam.safeParse(raw);
	if (!parsed.success) error(404, 'Deze deelnemer bestaat niet.');
	return parsed.data;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const database = await db();
	const coach = coachOf(locals);
	const id = participantId(params.id);
	const participant = await viewParticipant(database, coach, id);
	if (!participant) error(404, 'Deze deelnemer bestaat niet of hoort niet bij jouw caseload.');
	const [history, plans] = await Promise.all([
		checkinHistory(database, coach, id),
		listPlans(database, coach, id)
	]);
	// The coach has now seen the answers: the caseload's signal goes away until the next answer.
	await markCheckinsSeen(database, id);
	return { participant, history, plans, cadences: CADENCES, today: localDay(new Date(), TIME_ZONE) };
};

export const actions: Actions = {
	schedule: async ({ locals, params, request }) => {
		const id = participantId(params.id);
		const form = await parseForm(request, planForm);
		if (!form.ok) return form.failure;
		const startAt = startOf(form.data);
		if (!startAt) return fail(400, { invalid: { date: 'Kies een geldige datum en tijd.' } });
		const database = await db();
		const result = await createPlan(database, coachOf(locals), {
			scope: 'participant',
			participantId: id,
			startAt,
			everyDays: form.data.every || null
		});
		if (!result.ok) return planFailure(result.reason);
		// A check-in for now is asked now, not at the planner's next round.
		if (startAt <= new Date()) {
			await runDuePlans(database);
			pokePushWorker();
		}
		redirect(303, `/coach/participants/${id}/checkins?planned=1`);
	},
	stop: async ({ locals, params, request }) => {
		const id = participantId(params.id);
		const form = await parseForm(request, z.object({ planId: z.uuid() }));
		if (!form.ok) return form.failure;
		const result = await stopPlan(await db(), coachOf(locals), form.data.planId);
		if (!result.ok) return planFailure(result.reason);
		redirect(303, `/coach/participants/${id}/checkins?stopped=1`);
	}
};
