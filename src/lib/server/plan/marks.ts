import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import { goalStepMarks, goalSteps } from '../db/schema';
import { rejected, type EntryResult } from '../sync/areas';
import { planStepData } from '$lib/outbox/contract';

export { planStepData };
export type PlanStepData = z.infer<typeof planStepData>;

/**
 * A participant ticks a step of their plan done on the phone (or takes the tick back). Stored once per clientId: a
 * retry after a lost reply, or the page's form and the outbox both, count once. Every tick is kept; the newest one
 * (by when it was given, not when it arrived) decides whether the step is done, so a phone that was offline for a day
 * cannot undo what happened since.
 */
export async function storeStepMark(
	db: Db,
	participantId: string,
	entry: { clientId: string; at: Date; data: PlanStepData }
): Promise<EntryResult> {
	const { clientId, at, data } = entry;
	const [own] = await db
		.select({ id: goalSteps.id })
		.from(goalSteps)
		.where(and(eq(goalSteps.id, data.stepId), eq(goalSteps.participantId, participantId)));
	if (!own) return rejected(clientId, 'unknown_step');
	const inserted = await db
		.insert(goalStepMarks)
		.values({ clientId, stepId: data.stepId, participantId, done: data.done, at })
		.onConflictDoNothing({ target: goalStepMarks.clientId })
		.returning({ id: goalStepMarks.id });
	if (!inserted.length) {
		const [holder] = await db
			.select({ participantId: goalStepMarks.participantId, stepId: goalStepMarks.stepId })
			.from(goalStepMarks)
			.where(eq(goalStepMarks.clientId, clientId));
		return holder?.participantId === participantId && holder.stepId === data.stepId
			? { clientId, status: 'already' }
			: rejected(clientId, 'client_id_reused');
	}
	await db
		.update(goalSteps)
		.set({
			doneAt: data.done ? at : null,
			doneBy: data.done ? 'participant' : null,
			markedAt: at
		})
		.where(
			and(
				eq(goalSteps.id, data.stepId),
				sql`(${goalSteps.markedAt} is null or ${goalSteps.markedAt} <= ${at.toISOString()})`
			)
		);
	return { clientId, status: 'stored' };
}
