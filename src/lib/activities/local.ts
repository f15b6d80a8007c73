import type { OfflineDb } from '$lib/offline/db';
import { pendingEntries, queueEntry, rejectedEntries } from '$lib/offline/outbox';
import type { RequestKind } from './categories';

/** "I want to try this" / "go together": asked on this phone and not yet on the server, for one activity. */
export async function pendingRequests(db: OfflineDb, activityId: string): Promise<RequestKind[]> {
	return (await pendingEntries(db, 'activityRequest'))
		.filter((e) => e.data.activityId === activityId)
		.map((e) => e.data.kind);
}

/** Asked on this phone but refused by the server for good (e.g. the activity is gone): shown, not asked again. */
export async function refusedRequests(db: OfflineDb, activityId: string): Promise<RequestKind[]> {
	return (await rejectedEntries(db, 'activityRequest'))
		.filter((r) => r.entry.data.activityId === activityId)
		.map((r) => r.entry.data.kind);
}

/** Saves the request on the phone at once; the outbox brings it to the coach, once, whenever there is a network. */
export function askForActivity(db: OfflineDb, activityId: string, kind: RequestKind) {
	return queueEntry(db, 'activityRequest', { activityId, kind });
}
