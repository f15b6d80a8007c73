import { can, coachOf } from '$lib/server/access';
import { fail, redirect } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { coaches } from '$lib/server/db/schema';
import { createPlan, listPlans, runDuePlans, stopPlan } from '$lib/server/checkins/plans';
import { checkinSignals } from '$lib/server/checkins/coach-view';
import { CADENCES, planFailure, planForm, startOf } from '$lib/server/checkins/form';
import { pokePushWorker } from '$lib/server/push/runtime';
import { parseForm } from '$lib/server/validation';
import { localDay } from '$lib/time/zoned';
import { TIME_ZONE } from '$lib/appointments/kinds';

export const load: PageServerLoad = async ({ locals }) => {
	const database = await db();
	const coach = coachOf(locals);
	const [plans, signals, team] = await Promise.all([
		listPlans(database, coach),
		checkinSignals(database, coach),
		// A team lead plans for a coach of the team, or the whole team.
		can(coach, 'checkins.planGroup')
			? database
					.select({ id: coaches.id, name: coaches.name })
					.from(coaches)
					.where(and(eq(coaches.teamId, coach.teamId), inArray(coaches.role, ['coach', 'team_lead'])))
					.orderBy(asc(coaches.name))
			: Promise.resolve([])
	]);
	return {
		plans: plans.filter((p) => p.scope !== 'participant'),
		signals,
		team,
		self: coach.id,
		groupPlanner: can(coach, 'checkins.planGroup'),
		cadences: CADENCES,
		today: localDay(new Date(), TIME_ZONE)
	};
};

export const actions: Actions = {
	plan: async ({ locals, request }) => {
		const coach = coachOf(locals);
		const form = await parseForm(request, planForm);
		if (!form.ok) return form.failure;
		const startAt = startOf(form.data);
		if (!startAt) return fail(400, { invalid: { date: 'Kies een geldige datum en tijd.' } });
		if (form.data.scope === 'participant') return fail(400, { invalid: { scope: 'Kies voor wie.' } });
		const database = await db();
		const result = await createPlan(database, coach, {
			scope: form.data.scope,
			coachId: form.data.scope === 'coach' ? (form.data.coachId ?? coach.id) : undefined,
			startAt,
			everyDays: form.data.every || null
		});
		if (!result.ok) return planFailure(result.reason);
		if (startAt <= new Date()) {
			await runDuePlans(database);
			pokePushWorker();
		}
		redirect(303, '/coach/checkins?planned=1');
	},
	stop: async ({ locals, request }) => {
		const form = await parseForm(request, z.object({ planId: z.uuid() }));
		if (!form.ok) return form.failure;
		const result = await stopPlan(await db(), coachOf(locals), form.data.planId);
		if (!result.ok) return planFailure(result.reason);
		redirect(303, '/coach/checkins?stopped=1');
	}
};
