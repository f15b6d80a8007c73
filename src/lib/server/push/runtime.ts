import type { Db } from '../db';
import { startPushWorker } from './worker';
import { startCheckinPlanner } from '../checkins/planner';

let worker: ReturnType<typeof startPushWorker> | null = null;
let planner: ReturnType<typeof startCheckinPlanner> | null = null;

/** Starts this process's push sender (once; PUSH_WORKER=off leaves sending to other processes). */
export function startPushRuntime(db: Db): void {
	if (worker || process.env.PUSH_WORKER === 'off') return;
	worker = startPushWorker(db, { intervalMs: Number(process.env.PUSH_POLL_MS ?? 5_000) });
	// Check-in plans become pushes here too: a process that sends pushes also makes the rounds of due plans.
	planner = startCheckinPlanner(db, {
		intervalMs: Number(process.env.CHECKIN_PLAN_MS ?? 60_000),
		afterRound: pokePushWorker
	});
}

/** At shutdown: stop claiming, finish what is being sent (before the database closes). */
export async function stopPushRuntime(): Promise<void> {
	await planner?.stop();
	planner = null;
	await worker?.stop();
	worker = null;
}

/** After "send a reminder now" or a cancellation: send without waiting for the next poll. */
export function pokePushWorker(): void {
	void worker?.poke();
}

/** After a plan was made for now: make its round (and send it) without waiting for the next poll. */
export function pokeCheckinPlanner(): void {
	void planner?.poke();
}
