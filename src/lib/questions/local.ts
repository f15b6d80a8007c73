import type { OfflineDb } from '$lib/offline/db';
import {
	localAnswers,
	recordAnswer,
	recordSubmit,
	rejectedEntries,
	saveAttachment,
	type AnswerInput
} from '$lib/offline/outbox';

/**
 * Questionnaires on the phone (the screens' only way to the offline store for answers): every answer is saved the
 * moment it is given and queued for the server; "send to my coach" goes after the module's answers.
 */
export { localAnswers };

export function giveAnswer(db: OfflineDb, input: AnswerInput) {
	return recordAnswer(db, input);
}

export function sendModule(db: OfflineDb, assignmentId: string, moduleId: string) {
	return recordSubmit(db, assignmentId, moduleId);
}

/** A spoken answer, kept on the phone until the server has it; the answer refers to it by this id. */
export function saveSpokenAnswer(db: OfflineDb, recording: Blob): Promise<string> {
	return saveAttachment(db, recording);
}

/**
 * The modules in which the server refused something for good (an answer or "send to my coach"), keyed
 * `assignmentId/moduleId`, with the reasons: the module's card shows it, so nothing is lost without a sign.
 */
export async function refusedByModule(db: OfflineDb): Promise<Map<string, string[]>> {
	const map = new Map<string, string[]>();
	const refused = [...(await rejectedEntries(db, 'answer')), ...(await rejectedEntries(db, 'submit'))];
	for (const r of refused) {
		const key = `${r.entry.assignmentId}/${r.entry.moduleId}`;
		map.set(key, [...(map.get(key) ?? []), r.reason]);
	}
	return map;
}
