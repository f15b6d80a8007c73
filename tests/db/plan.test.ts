import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { auditLog, goalStepMarks, goalSteps } from '../../src/lib/server/db/schema';
import { addGoal, addStep, closeGoal, markStepByCoach } from '../../src/lib/server/plan/goals';
import { GoalForm, StepForm } from '../../src/lib/server/plan/form';
import { myPlan, planForCoach } from '../../src/lib/server/plan/views';
import { applyOutbox } from '../../src/lib/server/sync/outbox';
import { timelineForCoach } from '../../src/lib/server/journal/timeline';
import { myData, myDataCounts } from '../../src/lib/server/privacy/my-data';

const NOW = new Date('2026-12-07T09:00:00Z'); // a Monday

describe.each(ENGINES)('"My plan": goals and steps, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let lotte: CoachActor;
	let lead: CoachActor;
	let stranger: CoachActor;
	let translator: CoachActor;
	let amina: { id: string };
	let bram: { id: string };
	let goalId: string;
	let stepId: string;
	let laterStepId: string;

	const tick = (participantId: string, step: string, done: boolean, at: Date, clientId = randomUUID()) =>
		applyOutbox(
			db,
			participantId,
			[{ kind: 'planStep', clientId, at: at.toISOString(), data: { stepId: step, done } }],
			NOW
		);
	const goalInput = (text: string, extra: Record<string, string> = {}) =>
		GoalForm.parse({ pictogram: 'act-taalcafe', text, ...extra });

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		lotte = await makeCoach(db, { email: `lotte-plan-${engine}@c.nl` });
		lead = await makeCoach(db, {
			email: `lead-plan-${engine}@c.nl`,
			role: 'team_lead',
			teamId: lotte.teamId
		});
		stranger = await makeCoach(db, { email: `stranger-plan-${engine}@c.nl` });
		translator = await makeCoach(db, {
			email: `tr-plan-${engine}@c.nl`,
			role: 'translator',
			teamId: lotte.teamId
		});
		amina = await makeParticipant(db, lotte, 'Amina', 'ti');
		bram = await makeParticipant(db, lotte, 'Bram');
	});
	afterAll(async () => {
		await database?.close();
	});

	it('the coach sets a goal with steps; the form refuses bad input with a Dutch reason', async () => {
		expect(GoalForm.safeParse({ pictogram: 'bomb', text: 'x' }).success).toBe(false);
		const empty = GoalForm.safeParse({ pictogram: 'work', text: '   ' });
		expect(empty.success).toBe(false);
		expect(empty.error?.issues[0]?.message).toBe('Schrijf het doel in één korte zin.');
		expect(StepForm.safeParse({ goalId: randomUUID(), text: 'x', dueOn: '2026-02-30' }).success).toBe(false);

		const goal = await addGoal(
			db,
			lotte,
			amina.id,
			goalInput('Elke week naar het taalcafé', { ownText: 'ኣብ ሰሙን' })
		);
		expect(goal.ok).toBe(true);
		goalId = (goal as { id: string }).id;
		const step = await addStep(
			db,
			lotte,
			amina.id,
			StepForm.parse({ goalId, text: 'Donderdag met Lotte naar het taalcafé', dueOn: '2026-12-10' })
		);
		const later = await addStep(db, lotte, amina.id, StepForm.parse({ goalId, text: 'Alleen gaan' }));
		stepId = (step as { id: string }).id;
		laterStepId = (later as { id: string }).id;

		const plan = await planForCoach(db, lotte, amina.id);
		expect(plan?.goals).toHaveLength(1);
		expect(plan?.goals[0]).toMatchObject({
			text: 'Elke week naar het taalcafé',
			ownText: 'ኣብ ሰሙን',
			ownLanguage: 'ti'
		});
		// Steps by their day, those without one last.
		expect(plan?.goals[0]?.steps.map((s) => s.text)).toEqual([
			'Donderdag met Lotte naar het taalcafé',
			'Alleen gaan'
		]);
		const audited = await db.select().from(auditLog).where(eq(auditLog.subjectId, amina.id));
		expect(audited.map((a) => a.action)).toEqual(
			expect.arrayContaining(['plan.goal_added', 'plan.step_added'])
		);
	});

	it('only the own caseload: another coach gets not_found, a translator forbidden, the team lead may', async () => {
		expect(await addGoal(db, stranger, amina.id, goalInput('Nee'))).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await addGoal(db, translator, amina.id, goalInput('Nee'))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await planForCoach(db, stranger, amina.id)).toBeNull();
		// A step for someone else's goal, and a tick of someone else's step, are "not found".
		expect(await addStep(db, lotte, bram.id, StepForm.parse({ goalId, text: 'x' }))).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await markStepByCoach(db, lotte, bram.id, stepId, true)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect((await planForCoach(db, lead, amina.id))?.goals).toHaveLength(1);
	});

	it("the phone shows the days in the phone's language, and the text written in the own language", async () => {
		const ti = await myPlan(db, amina.id, 'ti', NOW);
		expect(ti[0]?.ownText).toBe('ኣብ ሰሙን');
		expect(ti[0]?.steps[0]).toMatchObject({ dueOn: '2026-12-10', done: false, late: false });
		expect(ti[0]?.steps[0]?.day).toBeTruthy();
		expect(ti[0]?.steps[0]?.day).not.toContain('december');
		const nl = await myPlan(db, amina.id, 'nl', new Date('2026-12-09T09:00:00Z'));
		// Written for her in Tigrinya: shown whatever language the phone is set to, marked as Tigrinya.
		expect(nl[0]).toMatchObject({ ownText: 'ኣብ ሰሙን', ownLanguage: 'ti' });
		expect(nl[0]?.steps[0]).toMatchObject({ day: 'donderdag 10 december', relative: 'tomorrow' });
		const after = await myPlan(db, amina.id, 'nl', new Date('2026-12-12T09:00:00Z'));
		expect(after[0]?.steps[0]?.late).toBe(true);
	});

	it('a tick from the phone is stored exactly once, and only for the own steps', async () => {
		const clientId = randomUUID();
		const first = await tick(amina.id, stepId, true, new Date('2026-12-07T08:00:00Z'), clientId);
		expect(first[0]?.status).toBe('stored');
		const again = await tick(amina.id, stepId, true, new Date('2026-12-07T08:00:00Z'), clientId);
		expect(again[0]?.status).toBe('already');
		expect(await db.select().from(goalStepMarks).where(eq(goalStepMarks.clientId, clientId))).toHaveLength(1);
		// The same id for another step is not a silent "already".
		expect((await tick(amina.id, laterStepId, true, NOW, clientId))[0]).toMatchObject({
			status: 'rejected',
			reason: 'client_id_reused'
		});
		// Bram's phone cannot tick Amina's step; a step that does not exist is refused too.
		expect((await tick(bram.id, stepId, false, NOW))[0]).toMatchObject({
			status: 'rejected',
			reason: 'unknown_step'
		});
		expect((await tick(amina.id, randomUUID(), true, NOW))[0]).toMatchObject({ reason: 'unknown_step' });
		// A malformed entry is refused by the contract, not a crash.
		const bad = await applyOutbox(
			db,
			amina.id,
			[
				{ kind: 'planStep', clientId: randomUUID(), at: NOW.toISOString(), data: { stepId, done: 'yes' } }
			] as never,
			NOW
		);
		expect(bad[0]).toMatchObject({ status: 'rejected', reason: 'invalid_entry' });

		const [row] = await db.select().from(goalSteps).where(eq(goalSteps.id, stepId));
		expect(row).toMatchObject({ doneBy: 'participant' });
		expect(row?.doneAt?.toISOString()).toBe('2026-12-07T08:00:00.000Z');
		expect((await planForCoach(db, lotte, amina.id))?.goals[0]?.steps[0]).toMatchObject({
			done: true,
			doneBy: 'participant'
		});
	});

	it('the newest tick counts, even when an older one arrives later', async () => {
		await tick(amina.id, stepId, false, new Date('2026-12-07T08:30:00Z'));
		// Sent from a phone that was offline: given before the untick, arrives after it.
		await tick(amina.id, stepId, true, new Date('2026-12-07T08:10:00Z'));
		const [row] = await db.select().from(goalSteps).where(eq(goalSteps.id, stepId));
		expect(row?.doneAt).toBeNull();
		// A phone's clock in the future is clamped to the server's: it cannot pin a tick ahead of the coach's.
		await tick(amina.id, stepId, true, new Date('2030-01-01T00:00:00Z'));
		const [clamped] = await db.select().from(goalSteps).where(eq(goalSteps.id, stepId));
		expect(clamped?.doneAt?.toISOString()).toBe(NOW.toISOString());
		const later = new Date(NOW.getTime() + 60_000);
		expect(await markStepByCoach(db, lotte, amina.id, laterStepId, true, later)).toEqual({ ok: true });
		const [byCoach] = await db.select().from(goalSteps).where(eq(goalSteps.id, laterStepId));
		expect(byCoach).toMatchObject({ doneBy: 'coach' });
	});

	it('the journal shows the goal and the ticks; closing rates the goal and hides a stopped one on the phone', async () => {
		const timeline = await timelineForCoach(db, lotte, amina.id);
		const mine = timeline?.filter((e) => e.source === 'goal' || e.source === 'stepDone') ?? [];
		expect(mine.map((e) => `${e.source}:${e.kind}:${e.text}`)).toEqual(
			expect.arrayContaining([
				'goal:added:Elke week naar het taalcafé',
				'stepDone:participant:Donderdag met Lotte naar het taalcafé',
				'stepDone:coach:Alleen gaan'
			])
		);

		expect(await closeGoal(db, lotte, amina.id, { goalId, state: 'reached', rating: 1 })).toEqual({
			ok: true
		});
		// Closed once: a second close, or a step for a closed goal, is refused.
		expect(await closeGoal(db, lotte, amina.id, { goalId, state: 'stopped', rating: 0 })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await addStep(db, lotte, amina.id, StepForm.parse({ goalId, text: 'Nog een' }))).toEqual({
			ok: false,
			reason: 'conflict'
		});
		expect((await myPlan(db, amina.id, 'ti'))[0]).toMatchObject({ state: 'reached' });

		const stopped = await addGoal(db, lotte, amina.id, goalInput('Iets anders', { pictogram: 'wish' }));
		await closeGoal(db, lotte, amina.id, {
			goalId: (stopped as { id: string }).id,
			state: 'stopped',
			rating: -2
		});
		expect((await myPlan(db, amina.id, 'ti')).map((g) => g.text)).toEqual(['Elke week naar het taalcafé']);
		expect((await planForCoach(db, lotte, amina.id))?.goals.map((g) => [g.state, g.rating])).toEqual([
			['reached', 1],
			['stopped', -2]
		]);
	});

	it('at most five open goals', async () => {
		for (let i = 0; i < 5; i++)
			expect((await addGoal(db, lotte, bram.id, goalInput(`Doel ${i}`))).ok).toBe(true);
		expect(await addGoal(db, lotte, bram.id, goalInput('Zesde'))).toEqual({ ok: false, reason: 'conflict' });
	});

	it('"my data" holds the plan: counted on the phone and in the download', async () => {
		expect((await myDataCounts(db, amina.id))?.plan).toBe(2);
		const data = await myData(db, amina.id, 'ti');
		expect(data?.plan.map((g) => [g.text, g.steps.length])).toEqual([
			['Elke week naar het taalcafé', 2],
			['Iets anders', 0]
		]);
		expect((await myData(db, bram.id, 'nl'))?.plan.map((g) => g.text)).not.toContain(
			'Elke week naar het taalcafé'
		);
	});
});
