import { z } from 'zod';
import type { Db } from '../db';
import { applySync, surveyEntry, type SyncEntry } from '../survey/sync';
import { applyAreaEntry, areaEnvelope, type EntryResult } from './areas';
// Each area registers its kind of entry on import.
import './registry';

/** A phone's outbox as it arrives at /api/sync: answers, submits and area entries, in the order they were given. */
export const outboxBody = z.strictObject({
	entries: z
		.array(z.union([surveyEntry, areaEnvelope]))
		.min(1)
		.max(500)
});
export type OutboxEntry = z.infer<typeof outboxBody>['entries'][number];

const isSurvey = (entry: OutboxEntry): entry is SyncEntry =>
	entry.kind === 'answer' || entry.kind === 'submit';

/** Applies the entries in order: runs of questionnaire entries together, each area entry by its area. */
export async function applyOutbox(
	db: Db,
	participantId: string,
	entries: OutboxEntry[]
): Promise<EntryResult[]> {
	const results: EntryResult[] = [];
	let run: SyncEntry[] = [];
	const flushRun = async () => {
		if (run.length) results.push(...(await applySync(db, participantId, run)));
		run = [];
	};
	for (const entry of entries) {
		if (isSurvey(entry)) {
			run.push(entry);
			continue;
		}
		await flushRun();
		results.push(await applyAreaEntry(db, participantId, entry));
	}
	await flushRun();
	return results;
}
