import { and, eq, inArray, like, lte, notInArray, or, sql, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { pushJobs } from '../db/schema';

export type PushJob = typeof pushJobs.$inferSelect;

export interface NewPushJob {
	/** Unique: the same key twice is queued once (a retried request, a second server doing the same). */
	key: string;
	participantId: string;
	kind: string;
	payload?: Record<string, unknown>;
	runAt: Date;
}

/** Queues a push; returns false when a job with this key exists already. */
export async function enqueuePush(db: Db, job: NewPushJob): Promise<boolean> {
	const inserted = await db
		.insert(pushJobs)
		.values({ ...job, payload: job.payload ?? {} })
		.onConflictDoNothing({ target: pushJobs.key })
		.returning({ id: pushJobs.id });
	return inserted.length > 0;
}

/** Cancels the pending jobs whose key starts with `prefix`, except `keep` (e.g. the reminders still planned). */
export async function cancelPending(db: Db, prefix: string, keep: string[] = []): Promise<number> {
	const cancelled = await db
		.update(pushJobs)
		.set({ state: 'cancelled', doneAt: sql`now()` })
		.where(
			and(
				like(pushJobs.key, `${prefix.replace(/[\\%_]/g, '\\$&')}%`),
				eq(pushJobs.state, 'pending'),
				keep.length ? notInArray(pushJobs.key, keep) : undefined
			)
		)
		.returning({ id: pushJobs.id });
	return cancelled.length;
}

/**
 * Takes up to `limit` due jobs for this worker: pending ones whose time has come, and running ones whose worker
 * let its lease run out (it crashed). FOR UPDATE SKIP LOCKED: two workers claiming at once get different jobs.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<PushJob[]> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: pushJobs.id })
			.from(pushJobs)
			.where(
				and(
					lte(pushJobs.runAt, now),
					or(eq(pushJobs.state, 'pending'), and(eq(pushJobs.state, 'running'), lt(pushJobs.lockedUntil, now)))
				)
			)
			.orderBy(pushJobs.runAt, pushJobs.id)
			.limit(limit)
			.for('update', { skipLocked: true });
		if (!due.length) return [];
		return tx
			.update(pushJobs)
			.set({
				state: 'running',
				lockedUntil: new Date(now.getTime() + leaseMs),
				attempts: sql`${pushJobs.attempts} + 1`
			})
			.where(
				inArray(
					pushJobs.id,
					due.map((d) => d.id)
				)
			)
			.returning();
	});
}

/** Marks a job done: `outcome` says how it reached the participant ('push', 'inApp' or 'skipped'). */
export async function completeJob(db: Db, id: number, outcome: 'push' | 'inApp' | 'skipped', now: Date) {
	await db
		.update(pushJobs)
		.set({ state: 'done', outcome, doneAt: now, lockedUntil: null })
		.where(eq(pushJobs.id, id));
}

export const MAX_ATTEMPTS = 8;

/** Back-off after a failed attempt: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
	return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A failed attempt: try again later, or give up after MAX_ATTEMPTS (the app still shows it in-app). */
export async function retryJob(db: Db, job: PushJob, error: string, now: Date) {
	const giveUp = job.attempts >= MAX_ATTEMPTS;
	await db
		.update(pushJobs)
		.set(
			giveUp
				? { state: 'failed', outcome: 'inApp', lastError: error, doneAt: now, lockedUntil: null }
				: {
						state: 'pending',
						lastError: error,
						runAt: new Date(now.getTime() + backoffMs(job.attempts)),
						lockedUntil: null
					}
		)
		.where(eq(pushJobs.id, job.id));
}
