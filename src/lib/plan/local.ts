import type { OfflineDb } from '$lib/offline/db';
import { pendingEntries, queueEntry, rejectedEntries } from '$lib/offline/outbox';

/**
 * "My plan" on the phone (the screen's only way to the offline store for the plan): a tick is saved at once and
 * reaches the coach through the outbox, once, whenever there is a network.
 */

export function tickStep(db: OfflineDb, stepId: string, done: boolean) {
	return queueEntry(db, 'planStep', { stepId, done });
}

/** The newest tick per step that the server does not have yet: the screen shows it over what the page brought. */
export async function pendingTicks(db: OfflineDb): Promise<Map<string, boolean>> {
	const ticks = new Map<string, boolean>();
	for (const e of await pendingEntries(db, 'planStep')) ticks.set(e.data.stepId, e.data.done);
	return ticks;
}

/** Steps whose tick the server refused for good (the step is gone): shown, never sent again. */
export async function refusedTicks(db: OfflineDb): Promise<Set<string>> {
	return new Set((await rejectedEntries(db, 'planStep')).map((r) => r.entry.data.stepId));
}
