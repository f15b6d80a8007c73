import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { checkAnswer, optionsOf, type AnswerError, type Item, type Questionnaire } from '$lib/survey';
import { answerEntry, submitEntry, type AnswerEntry, type SubmitEntry } from '$lib/outbox/contract';
import {
	clampToServer,
	memo,
	rejected,
	syncContext,
	type EntryResult,
	type RejectReason,
	type SyncContext
} from '../sync/areas';
import { getDefinition } from './definitions';

export { FILL_MODES } from '$lib/offline/kinds';
export type { AnswerEntry, SubmitEntry };

/** A questionnaire entry of a phone's outbox: an answer, or "send to my coach" (src/lib/outbox/contract.ts). */
export const surveyEntry = z.discriminatedUnion('kind', [answerEntry, submitEntry]);

/** Questionnaire entries only (the form posts without JavaScript, the coach's own items, tests). */
export const syncBody = z.strictObject({
	entries: z.array(surveyEntry).min(1).max(500)
});
export type SyncEntry = z.infer<typeof surveyEntry>;

type Assignment = typeof assignments.$inferSelect;

/** The participant's own assignment, looked up once per batch; null for someone else's or an unknown one. */
function ownAssignment(tx: Db, ctx: SyncContext, id: string): Promise<Assignment | null> {
	return memo(ctx, `assignment:${id}`, async () => {
		const [row] = await tx
			.select()
			.from(assignments)
			.where(and(eq(assignments.id, id), eq(assignments.participantId, ctx.participantId)));
		return row ?? null;
	});
}

function findItem(definition: Questionnaire, moduleId: string, itemId: string): Item | null {
	return definition.modules.find((m) => m.id === moduleId)?.items.find((i) => i.id === itemId) ?? null;
}

const OPTION_ERRORS = new Set<AnswerError['code']>([
	'unknownOption',
	'duplicateOption',
	'exclusiveCombined',
	'tooManyOptions',
	'otherNotAllowed'
]);

/** What the phone checked or should have checked: the module is assigned, and the assignment is this participant's. */
async function assignmentFor(
	tx: Db,
	ctx: SyncContext,
	entry: { clientId: string; assignmentId: string; moduleId: string }
): Promise<Assignment | EntryResult> {
	const assignment = await ownAssignment(tx, ctx, entry.assignmentId);
	if (!assignment) return rejected(entry.clientId, 'unknown_assignment');
	if (!assignment.moduleIds.includes(entry.moduleId))
		return rejected(entry.clientId, 'unknown_module', entry.moduleId);
	return assignment;
}

/**
 * Checks an answer against the questionnaire version it was given under: the item is in that module of that
 * version, and the value fits the item (type, option ids, range). An answer given under a version this server does
 * not know (yet) is checked against the version of the assignment instead, and kept unverified, for review; what
 * fits neither is refused, so invented items never reach the results or the export.
 */
async function checkAgainstDefinition(
	tx: Db,
	assignment: Assignment,
	entry: AnswerEntry
): Promise<{ verified: boolean; value: AnswerEntry['value'] } | { reason: RejectReason; detail: string }> {
	const own = await getDefinition(tx, assignment.questionnaireId, entry.version);
	const definition = own ?? (await getDefinition(tx, assignment.questionnaireId, assignment.version));
	if (!definition) return { reason: 'unknown_item', detail: `no definition ${assignment.questionnaireId}` };
	const item = findItem(definition, entry.moduleId, entry.itemId);
	if (!item) return { reason: 'unknown_item', detail: `${entry.moduleId}.${entry.itemId}` };
	if (entry.value === null) return { verified: own !== null, value: null };
	const checked = checkAnswer(item, optionsOf(definition, item), entry.value);
	if (!checked.ok)
		return {
			reason: OPTION_ERRORS.has(checked.error.code) ? 'invalid_option' : 'invalid_value',
			detail: `${entry.itemId}: ${checked.error.code}`
		};
	return { verified: own !== null, value: checked.answer };
}

/**
 * Stores an answer at most once: one row per assignment and item; the phone's id for the change (`clientId`) makes
 * a retry a no-op, and an older change never overwrites a newer one (answers may arrive out of order after being
 * offline). The phone's time is clamped to the server's: a phone whose clock runs ahead cannot pin an answer so
 * that every later change looks older; a row pinned so before this rule is replaced by the next change.
 */
export async function applyAnswer(tx: Db, ctx: SyncContext, entry: AnswerEntry): Promise<EntryResult> {
	const assignment = await assignmentFor(tx, ctx, entry);
	if ('status' in assignment) return assignment;
	const checked = await checkAgainstDefinition(tx, assignment, entry);
	if ('reason' in checked) return rejected(entry.clientId, checked.reason, checked.detail);

	// The phone's id is unique over all answers: the same change again is 'already'; the id on another item (or
	// someone else's) is refused rather than run into the unique key.
	const [holder] = await tx
		.select({ assignmentId: answers.assignmentId, itemId: answers.itemId })
		.from(answers)
		.where(eq(answers.clientId, entry.clientId));
	if (holder)
		return holder.assignmentId === entry.assignmentId && holder.itemId === entry.itemId
			? { clientId: entry.clientId, status: 'already' }
			: rejected(entry.clientId, 'client_id_reused');

	const answeredAt = clampToServer(entry.answeredAt, ctx.now);
	const written = await tx
		.insert(answers)
		.values({
			assignmentId: entry.assignmentId,
			itemId: entry.itemId,
			moduleId: entry.moduleId,
			value: checked.value as Record<string, unknown> | null,
			clientId: entry.clientId,
			answeredAt,
			language: entry.language,
			version: entry.version,
			mode: entry.mode,
			verified: checked.verified
		})
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
			// Only a newer change replaces the stored one (or one pinned in the future by a wrong clock).
			setWhere: or(lt(answers.answeredAt, sql`excluded.answered_at`), gt(answers.answeredAt, ctx.now))
		})
		.returning({ clientId: answers.clientId });
	return { clientId: entry.clientId, status: written.length ? 'stored' : 'already' };
}

/** "Send to my coach", once per module; the phone's id on another module (or someone else's) is refused. */
export async function applySubmit(tx: Db, ctx: SyncContext, entry: SubmitEntry): Promise<EntryResult> {
	const assignment = await assignmentFor(tx, ctx, entry);
	if ('status' in assignment) return assignment;
	const [holder] = await tx
		.select({ assignmentId: moduleSubmissions.assignmentId, moduleId: moduleSubmissions.moduleId })
		.from(moduleSubmissions)
		.where(eq(moduleSubmissions.clientId, entry.clientId));
	if (holder)
		return holder.assignmentId === entry.assignmentId && holder.moduleId === entry.moduleId
			? { clientId: entry.clientId, status: 'already' }
			: rejected(entry.clientId, 'client_id_reused');
	const inserted = await tx
		.insert(moduleSubmissions)
		.values({
			assignmentId: entry.assignmentId,
			moduleId: entry.moduleId,
			clientId: entry.clientId,
			submittedAt: clampToServer(entry.submittedAt, ctx.now)
		})
		.onConflictDoNothing()
		.returning({ moduleId: moduleSubmissions.moduleId });
	return { clientId: entry.clientId, status: inserted.length ? 'stored' : 'already' };
}

/**
 * Stores questionnaire entries (from a form post without JavaScript, or the coach's own items) in one transaction,
 * as /api/sync does; each entry gets its result.
 */
export async function applySync(
	db: Db,
	participantId: string,
	entries: SyncEntry[],
	now = new Date()
): Promise<EntryResult[]> {
	return db.transaction(async (tx) => {
		const ctx = syncContext(participantId, now);
		const results: EntryResult[] = [];
		for (const entry of entries)
			results.push(
				entry.kind === 'answer'
					? await applyAnswer(tx as unknown as Db, ctx, entry)
					: await applySubmit(tx as unknown as Db, ctx, entry)
			);
		return results;
	});
}
