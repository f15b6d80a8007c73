import type { OfflineDb, QueuedEntry } from '$lib/offline/db';
import {
	localFile,
	pendingEntries,
	queueEntry,
	rejectedEntries,
	saveAttachment as keepAttachment
} from '$lib/offline/outbox';
import type { MessageDraft } from './index';

/**
 * Messages on the phone (the screens' only way to the offline store for messages): a message is saved at once and
 * goes to the coach through the outbox, once; what waits and what the server refused are shown in the thread.
 */
export interface LocalMessage {
	clientId: string;
	data: QueuedEntry<'message'>['data'];
	at: string;
	/** Why the server refused it (for good); absent while it waits. */
	reason?: string;
}

export async function pendingMessages(db: OfflineDb): Promise<LocalMessage[]> {
	return (await pendingEntries(db, 'message')).map((e) => ({ clientId: e.clientId, data: e.data, at: e.at }));
}

export async function refusedMessages(db: OfflineDb): Promise<LocalMessage[]> {
	return (await rejectedEntries(db, 'message')).map((r) => ({
		clientId: r.clientId,
		data: r.entry.data,
		at: r.entry.at,
		reason: r.reason
	}));
}

export function queueMessage(db: OfflineDb, draft: MessageDraft) {
	return queueEntry(db, 'message', { ...draft });
}

/** A voice note or photo, kept on the phone until the server has it; the message refers to it by this id. */
export function saveAttachment(db: OfflineDb, file: Blob): Promise<string> {
	return keepAttachment(db, file);
}

/** An object URL for a file made on this phone (revoke it when done), or null when it is not here. */
export async function localFileUrl(db: OfflineDb, id: string): Promise<string | null> {
	const file = await localFile(db, id);
	return file ? URL.createObjectURL(file) : null;
}
