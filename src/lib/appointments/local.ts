import type { OfflineDb } from '$lib/offline/db';
import { pendingEntries, queueEntry, rejectedEntries } from '$lib/offline/outbox';
import type { Reason, Reply } from './kinds';

export interface GivenReply {
	reply: Reply;
	reason: Reason | null;
	at: string;
}

/** Replies given on this phone that the server does not have yet, newest per appointment. */
export async function pendingReplies(db: OfflineDb): Promise<Map<string, GivenReply>> {
	const map = new Map<string, GivenReply>();
	for (const entry of await pendingEntries(db, 'appointmentReply')) {
		const { appointmentId, reply, reason } = entry.data;
		map.set(appointmentId, { reply, reason, at: entry.at });
	}
	return map;
}

/** Replies the server refused for good (e.g. the appointment is gone), per appointment: shown, not sent again. */
export async function refusedReplies(
	db: OfflineDb
): Promise<Map<string, GivenReply & { reason: Reason | null }>> {
	const map = new Map<string, GivenReply>();
	for (const r of await rejectedEntries(db, 'appointmentReply')) {
		const { appointmentId, reply, reason } = r.entry.data;
		map.set(appointmentId, { reply, reason, at: r.entry.at });
	}
	return map;
}

/** Saves the reply on the phone at once; the outbox brings it to the coach, once, whenever there is a network. */
export async function giveReply(
	db: OfflineDb,
	appointmentId: string,
	reply: Reply,
	reason: Reason | null = null
) {
	return queueEntry(db, 'appointmentReply', { appointmentId, reply, reason });
}

/**
 * The reply to show: one given on this phone and not yet sent wins over the server's (it is newer). One given before
 * the coach moved the appointment does not count: the moved appointment asks again.
 */
export function shownReply(
	server: GivenReply | null,
	pending: GivenReply | undefined,
	movedAt: string | null = null
): (GivenReply & { waiting: boolean }) | null {
	if (pending && movedAt && pending.at < movedAt) pending = undefined;
	if (pending && (!server || pending.at >= server.at)) return { ...pending, waiting: true };
	return server ? { ...server, waiting: false } : null;
}
