import type { Db } from '../db';
import { startPushWorker } from './worker';

let worker: ReturnType<typeof startPushWorker> | null = null;

/** Starts this process's push sender (once; PUSH_WORKER=off leaves sending to other processes). */
export function startPushRuntime(db: Db): void {
	if (worker || process.env.PUSH_WORKER === 'off') return;
	worker = startPushWorker(db, { intervalMs: Number(process.env.PUSH_POLL_MS ?? 5_000) });
}

/** At shutdown: stop claiming, finish what is being sent (before the database closes). */
export async function stopPushRuntime(): Promise<void> {
	await worker?.stop();
	worker = null;
}

/** After "send a reminder now" or a cancellation: send without waiting for the next poll. */
export function pokePushWorker(): void {
	void worker?.poke();
}
