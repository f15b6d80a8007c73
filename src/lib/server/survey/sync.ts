import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { answerSchema, checkAnswer, idSchema, optionsOf, type Item, type Questionnaire } from '$lib/survey';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { getDefinition } from './definitions';

export const FILL_MODES = ['alone', 'readAloudByCoach', 'withInterpreter'] as const;

const answerEntry = z.strictObject({
	kind: z.literal('answer'),
	clientId: z.uuid(),
	assignmentId: z.uuid(),
	moduleId: idSchema,
	itemId: idSchema,
	/** null: the answer was taken back, or no longer applies (its question is now skipped). */
	value: answerSchema.nullable(),
	answeredAt: z.iso.datetime({ offset: true }),
	language: z.enum(LANGUAGE_CODES),
	version: z.string().min(1).max(40),
	mode: z.enum(FILL_MODES).default('alone')
});

const submitEntry = z.strictObject({
	kind: z.literal('submit'),
	clientId: z.uuid(),
	assignmentId: z.uuid(),
	moduleId: idSchema,
	submittedAt: z.iso.datetime({ offset: true })
});

/** A questionnaire entry of a phone's outbox: an answer, or "send to my coach". */
export const surveyEntry = z.discriminatedUnion('kind', [answerEntry, submitEntry]);

/** What a phone sends from its outbox for questionnaires: answers and "send to my coach", in the order given. */
export const syncBody = z.strictObject({
	entries: z.array(surveyEntry).min(1).max(500)
});
export type SyncEntry = z.infer<typeof syncBody>['entries'][number];
export type AnswerEntry = Extract<SyncEntry, { kind: 'answer' }>;

import type { EntryResult } from '../sync/areas';

function findItem(definition: Questionnaire, moduleId: string, itemId: string): Item | null {
	return definition.modules.find((m) => m.id === moduleId)?.items.find((i) => i.id === itemId) ?? null;
}

/**
 * Stores a batch from a phone's outbox, each entry at most once:
 * - an answer is one row per assignment and item; the phone's id for the change (`clientId`) makes a retry a no-op,
 *   and an older change never overwrites a newer one (answers may arrive out of order after being offline);
 * - an answer is checked against the questionnaire version it was given under; when that version is not known
 *   here, it is kept unverified rather than lost.
 */
export async function applySync(db: Db, participantId: string, entries: SyncEntry[]): Promise<EntryResult[]> {
	const assignmentIds = [...new Set(entries.map((e) => e.assignmentId))];
	const owned = await db
		.select()
		.from(assignments)
		.where(and(inArray(assignments.id, assignmentIds), eq(assignments.participantId, participantId)));
	const byId = new Map(owned.map((a) => [a.id, a]));
	const results: EntryResult[] = [];

	for (const entry of entries) {
		const assignment = byId.get(entry.assignmentId);
		if (!assignment) {
			results.push({ clientId: entry.clientId, status: 'rejected', reason: 'unknown assignment' });
			continue;
		}
		if (!assignment.moduleIds.includes(entry.moduleId)) {
			results.push({
				clientId: entry.clientId,
				status: 'rejected',
				reason: `module ${entry.moduleId} is not assigned`
			});
			continue;
		}
		if (entry.kind === 'submit') {
			const inserted = await db
				.insert(moduleSubmissions)
				.values({
					assignmentId: entry.assignmentId,
					moduleId: entry.moduleId,
					clientId: entry.clientId,
					submittedAt: new Date(entry.submittedAt)
				})
				.onConflictDoNothing()
				.returning({ moduleId: moduleSubmissions.moduleId });
			results.push({ clientId: entry.clientId, status: inserted.length ? 'stored' : 'already' });
			continue;
		}
		const definition = await getDefinition(db, assignment.questionnaireId, entry.version);
		let verified = false;
		if (definition) {
			const item = findItem(definition, entry.moduleId, entry.itemId);
			if (!item) {
				results.push({
					clientId: entry.clientId,
					status: 'rejected',
					reason: `unknown item ${entry.moduleId}.${entry.itemId}`
				});
				continue;
			}
			if (entry.value !== null) {
				const checked = checkAnswer(item, optionsOf(definition, item), entry.value);
				if (!checked.ok) {
					results.push({
						clientId: entry.clientId,
						status: 'rejected',
						reason: `invalid answer for ${entry.itemId}: ${checked.error.code}`
					});
					continue;
				}
			}
			verified = true;
		}
		const values = {
			assignmentId: entry.assignmentId,
			itemId: entry.itemId,
			moduleId: entry.moduleId,
			value: entry.value as Record<string, unknown> | null,
			clientId: entry.clientId,
			answeredAt: new Date(entry.answeredAt),
			language: entry.language,
			version: entry.version,
			mode: entry.mode,
			verified
		};
		const written = await db
			.insert(answers)
			.values(values)
			.onConflictDoUpdate({
				target: [answers.assignmentId, answers.itemId],
				set: {
					value: sql`excluded.value`,
					moduleId: sql`excluded.module_id`,
					clientId: sql`excluded.client_id`,
					answeredAt: sql`excluded.answered_at`,
					language: sql`excluded.language`,
					version: sql`excluded.version`,
					mode: sql`excluded.mode`,
					verified: sql`excluded.verified`,
					receivedAt: sql`now()`
				},
				// Only a newer change replaces the stored one; the same change again (a retry) changes nothing.
				setWhere: lt(answers.answeredAt, sql`excluded.answered_at`)
			})
			.returning({ clientId: answers.clientId });
		results.push({ clientId: entry.clientId, status: written.length ? 'stored' : 'already' });
	}
	return results;
}
