import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { goals, goalSteps } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from '../coach/caseload';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';
import { MAX_OPEN_GOALS, MAX_STEPS_PER_GOAL } from '$lib/plan/kinds';
import type { CloseGoalInput, GoalInput, StepInput } from './form';

/**
 * What the coach (or their team lead) does with a participant's plan: set a goal, add a step, tick a step, close a
 * goal. Each checks the role and that the participant is visible to this person; a goal or step of someone else is
 * 'not_found', the same as one that does not exist.
 */

type Refusal = 'forbidden' | 'not_found' | 'conflict';

async function visible(db: Db, coach: CoachActor, participantId: string) {
	if (!can(coach, 'participant.manage')) return refused('forbidden' as const);
	const participant = await participantForCoach(db, coach, participantId);
	return participant ? { ok: true as const, participant } : refused('not_found' as const);
}

const changed = (db: Db, coach: CoachActor, participantId: string, action: string, details: object) =>
	audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action, subjectType: 'participant', subjectId: participantId, details: { ...details } }
	);

/** A new goal. At most MAX_OPEN_GOALS at a time: a plan is a few small goals ('conflict' beyond that). */
export async function addGoal(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: GoalInput
): Promise<Result<{ id: string }, Refusal>> {
	const seen = await visible(db, coach, participantId);
	if (!seen.ok) return seen;
	const [open] = await db
		.select({ n: count() })
		.from(goals)
		.where(and(eq(goals.participantId, participantId), eq(goals.state, 'active')));
	if ((open?.n ?? 0) >= MAX_OPEN_GOALS) return refused('conflict');
	const [row] = await db
		.insert(goals)
		.values({
			participantId,
			pictogram: input.pictogram,
			text: input.text,
			ownText: input.ownText,
			ownLanguage: input.ownText ? seen.participant.preferredLanguage : null,
			createdByCoachId: coach.id
		})
		.returning({ id: goals.id });
	await changed(db, coach, participantId, 'plan.goal_added', { goal: row!.id });
	return { ok: true, id: row!.id };
}

/** A step towards one of the participant's active goals. */
export async function addStep(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: StepInput
): Promise<Result<{ id: string }, Refusal>> {
	const seen = await visible(db, coach, participantId);
	if (!seen.ok) return seen;
	const [goal] = await db
		.select({
			state: goals.state,
			steps: sql<number>`(select count(*) from ${goalSteps} where ${goalSteps.goalId} = ${goals.id})::int`
		})
		.from(goals)
		.where(and(eq(goals.id, input.goalId), eq(goals.participantId, participantId)));
	if (!goal) return refused('not_found');
	if (goal.state !== 'active' || goal.steps >= MAX_STEPS_PER_GOAL) return refused('conflict');
	const [row] = await db
		.insert(goalSteps)
		.values({
			goalId: input.goalId,
			participantId,
			text: input.text,
			ownText: input.ownText,
			dueOn: input.dueOn || null
		})
		.returning({ id: goalSteps.id });
	await changed(db, coach, participantId, 'plan.step_added', { goal: input.goalId, step: row!.id });
	return { ok: true, id: row!.id };
}

/** The coach ticks a step done (the participant told them), or takes the tick back. Counts as the newest tick. */
export async function markStepByCoach(
	db: Db,
	coach: CoachActor,
	participantId: string,
	stepId: string,
	done: boolean,
	now = new Date()
): Promise<Result<object, Refusal>> {
	const seen = await visible(db, coach, participantId);
	if (!seen.ok) return seen;
	const updated = await db
		.update(goalSteps)
		.set({ doneAt: done ? now : null, doneBy: done ? 'coach' : null, markedAt: now })
		.where(and(eq(goalSteps.id, stepId), eq(goalSteps.participantId, participantId)))
		.returning({ id: goalSteps.id });
	return updated.length ? { ok: true } : refused('not_found');
}

/** Closes a goal as reached or stopped, with how far the participant got (−2 … +2). */
export async function closeGoal(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: CloseGoalInput,
	now = new Date()
): Promise<Result<object, Refusal>> {
	const seen = await visible(db, coach, participantId);
	if (!seen.ok) return seen;
	const closed = await db
		.update(goals)
		.set({ state: input.state, rating: input.rating, closedAt: now })
		.where(and(eq(goals.id, input.goalId), eq(goals.participantId, participantId), eq(goals.state, 'active')))
		.returning({ id: goals.id });
	if (!closed.length) return refused('not_found');
	await changed(db, coach, participantId, 'plan.goal_closed', {
		goal: input.goalId,
		state: input.state,
		rating: input.rating
	});
	return { ok: true };
}
