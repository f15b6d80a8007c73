import type { OfflineDb, QueuedEntry } from '$lib/offline/db';
import {
	pendingEntries,
	queueEntry,
	rejectedEntries,
	saveAttachment as keepAttachment
} from '$lib/offline/outbox';
import type { Change } from './kinds';

/**
 * Check-ins on the phone (the screens' only way to the offline store for check-ins): an answer is saved at once and
 * goes to the coach through the outbox, once, whenever there is a network.
 */
export interface CheckinAnswer {
	face: number;
	changes?: Change[];
	wantsContact?: boolean;
	attachmentId?: string;
	durationMs?: number;
}

export type LocalCheckinAnswer = QueuedEntry<'checkin'>['data'] & { at: string; reason?: string };

export function answerCheckin(db: OfflineDb, checkinId: string, answer: CheckinAnswer) {
	return queueEntry(db, 'checkin', {
		checkinId,
		face: answer.face,
		changes: answer.changes ?? [],
		wantsContact: answer.wantsContact ?? false,
		...(answer.attachmentId ? { attachmentId: answer.attachmentId, durationMs: answer.durationMs } : {})
	});
}

/** The newest answer given on this phone to this check-in that the server does not have yet. */
export async function pendingAnswer(db: OfflineDb, checkinId: string): Promise<LocalCheckinAnswer | null> {
	const mine = (await pendingEntries(db, 'checkin')).filter((e) => e.data.checkinId === checkinId);
	const last = mine.at(-1);
	return last ? { ...last.data, at: last.at } : null;
}

/** Answers the server refused for good (e.g. the check-in is gone): shown, never sent again. */
export async function refusedAnswer(db: OfflineDb, checkinId: string): Promise<LocalCheckinAnswer | null> {
	const mine = (await rejectedEntries(db, 'checkin')).filter((r) => r.entry.data.checkinId === checkinId);
	const last = mine.at(-1);
	return last ? { ...last.entry.data, at: last.entry.at, reason: last.reason } : null;
}

/** A voice note for the coach, kept on the phone until the server has it. */
export function saveVoiceNote(db: OfflineDb, file: Blob): Promise<string> {
	return keepAttachment(db, file);
}
