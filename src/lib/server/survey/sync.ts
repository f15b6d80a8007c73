import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
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

/**
 * What a batch of answers reads, in one round trip: its assignments (this participant's only) and, for all its ids,
 * the answers holding them ([clientId, assignmentId, itemId]; on every row alike).
 */
const batchReads = (db: Db) =>
	prepared(db, 'sync_batch_reads', (db) =>
		db
			.select({
				...getTableColumns(assignments),
				holders: sql<
					[string, string, string][]
				>`(select coalesce(json_agg(json_build_array(${answers.clientId}, ${answers.assignmentId}, ${answers.itemId})), '[]'::json) from ${answers} where ${answers.clientId} = any(${sql.placeholder('clientIds')}::uuid[]))`
			})
			.from(assignments)
			.where(
				and(
					sql`${assignments.id} = any(${sql.placeholder('assignmentIds')}::uuid[])`,
					eq(assignments.participantId, sql.placeholder('participantId'))
				)
			)
			.prepare('sync_batch_reads')
	);

/** The batch's assignments, each kept in the batch's memo as `ownAssignment` would keep it; and the holders. */
async function readBatch(
	tx: Db,
	ctx: SyncContext,
	entries: readonly AnswerEntry[]
): Promise<Map<string, string>> {
	const assignmentIds = [...new Set(entries.map((e) => e.assignmentId))];
	const rows = await batchReads(tx).execute({
		assignmentIds,
		clientIds: entries.map((e) => e.clientId),
		participantId: ctx.participantId
	});
	for (const id of assignmentIds) {
		const found = rows.find((r) => r.id === id);
		if (!found) ctx.memo.set(`assignment:${id}`, Promise.resolve(null));
		else {
			const { holders: _holders, ...assignment } = found;
			ctx.memo.set(`assignment:${id}`, Promise.resolve(assignment));
		}
	}
	return new Map(
		(rows[0]?.holders ?? []).map(([clientId, assignmentId, itemId]) => [clientId, slot(assignmentId, itemId)])
	);
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

	const written = await upsertAnswers(tx, ctx, [{ entry, ...checked }]);
	return { clientId: entry.clientId, status: written.has(entry.clientId) ? 'stored' : 'already' };
}

interface CheckedAnswer {
	entry: AnswerEntry;
	verified: boolean;
	value: AnswerEntry['value'];
}

/**
 * Writes answers, at most one per assignment and item, in one statement: each replaces the stored row only when it
 * is newer (or the stored one is pinned in the future by a wrong clock). Returns the clientIds that were written.
 */
async function upsertAnswers(tx: Db, ctx: SyncContext, rows: readonly CheckedAnswer[]): Promise<Set<string>> {
	const written = await upsertStatement(tx).execute({
		assignmentIds: rows.map((r) => r.entry.assignmentId),
		itemIds: rows.map((r) => r.entry.itemId),
		moduleIds: rows.map((r) => r.entry.moduleId),
		values: rows.map((r) => (r.value === null ? null : JSON.stringify(r.value))),
		clientIds: rows.map((r) => r.entry.clientId),
		answeredAts: rows.map((r) => clampToServer(r.entry.answeredAt, ctx.now).toISOString()),
		languages: rows.map((r) => r.entry.language),
		versions: rows.map((r) => r.entry.version),
		modes: rows.map((r) => r.entry.mode),
		verified: rows.map((r) => r.verified),
		now: ctx.now.toISOString()
	});
	return new Set(written.map((w) => w.clientId));
}

/** The upsert of `upsertAnswers`, one column per array (any number of rows, one statement text). */
const upsertStatement = (db: Db) =>
	prepared(db, 'sync_upsert_answers', (db) =>
		db
			.insert(answers)
			.select(
				// In the order of the table's columns.
				sql`select a.*, now() from unnest(
					${sql.placeholder('assignmentIds')}::uuid[], ${sql.placeholder('itemIds')}::text[],
					${sql.placeholder('moduleIds')}::text[], ${sql.placeholder('values')}::jsonb[],
					${sql.placeholder('clientIds')}::uuid[], ${sql.placeholder('answeredAts')}::timestamptz[],
					${sql.placeholder('languages')}::text[], ${sql.placeholder('versions')}::text[],
					${sql.placeholder('modes')}::text[], ${sql.placeholder('verified')}::boolean[]) as a`
			)
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
				setWhere: sql`${answers.answeredAt} < excluded.answered_at or ${answers.answeredAt} > ${sql.placeholder('now')}::timestamptz`
			})
			.returning({ clientId: answers.clientId })
			.prepare('sync_upsert_answers')
	);

const slot = (assignmentId: string, itemId: string) => `${assignmentId}/${itemId}`;

/**
 * The answers of one batch together, with the results `applyAnswer` would give them one by one, in two
 * statements instead of three per answer: the batch's assignments with the holders of all its clientIds, and one
 * multi-row upsert (which comes last: nothing is written before the checks are done). Of several changes to the same
 * item in the batch only the newest goes into the upsert (PostgreSQL refuses a multi-row upsert that touches a row
 * twice); the older ones are superseded and answered 'already', so the phone stops sending them. Returns null,
 * having written nothing, for a batch whose results could depend on the order of its own writes (a new clientId twice,
 * or an id held by an item that another entry of the batch changes): that batch goes one by one.
 */
export async function applyAnswers(
	tx: Db,
	ctx: SyncContext,
	entries: readonly AnswerEntry[]
): Promise<EntryResult[] | null> {
	const holderOf = await readBatch(tx, ctx, entries);
	const results: EntryResult[] = new Array(entries.length);
	const passed: (CheckedAnswer & { index: number })[] = [];
	for (const [index, entry] of entries.entries()) {
		const assignment = await assignmentFor(tx, ctx, entry);
		if ('status' in assignment) {
			results[index] = assignment;
			continue;
		}
		const checked = await checkAgainstDefinition(tx, assignment, entry);
		if ('reason' in checked) results[index] = rejected(entry.clientId, checked.reason, checked.detail);
		else passed.push({ index, entry, ...checked });
	}
	if (!passed.length) return results;

	// What the batch may write: its changes whose id holds nothing yet. The same new id twice would hold something
	// after the first, one by one.
	const writers = passed.filter((p) => !holderOf.has(p.entry.clientId));
	if (new Set(writers.map((p) => p.entry.clientId)).size !== writers.length) return null;
	const targeted = new Set(writers.map((p) => slot(p.entry.assignmentId, p.entry.itemId)));
	const newest = new Map<string, CheckedAnswer & { index: number; at: Date }>();
	for (const p of passed) {
		const { clientId } = p.entry;
		const target = slot(p.entry.assignmentId, p.entry.itemId);
		const held = holderOf.get(clientId);
		if (held === target) results[p.index] = { clientId, status: 'already' };
		else if (held !== undefined) {
			// One by one, a change earlier in the batch could replace the row this id holds, freeing the id.
			if (targeted.has(held)) return null;
			results[p.index] = rejected(clientId, 'client_id_reused');
		} else {
			const at = clampToServer(p.entry.answeredAt, ctx.now);
			const best = newest.get(target);
			// The newest change of an item wins; of equal times the first, as one by one.
			if (best && at <= best.at) results[p.index] = { clientId, status: 'already' };
			else {
				if (best) results[best.index] = { clientId: best.entry.clientId, status: 'already' };
				newest.set(target, { ...p, at });
			}
		}
	}
	if (!newest.size) return results;
	const written = await upsertAnswers(tx, ctx, [...newest.values()]);
	for (const { index, entry } of newest.values())
		results[index] = { clientId: entry.clientId, status: written.has(entry.clientId) ? 'stored' : 'already' };
	return results;
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
		const answerEntries = entries.filter((e) => e.kind === 'answer');
		const together = answerEntries.length
			? await applyAnswers(tx as unknown as Db, ctx, answerEntries)
			: null;
		const results: EntryResult[] = [];
		let nth = 0;
		for (const entry of entries)
			results.push(
				entry.kind === 'answer'
					? (together?.[nth++] ?? (await applyAnswer(tx as unknown as Db, ctx, entry)))
					: await applySubmit(tx as unknown as Db, ctx, entry)
			);
		return results;
	});
}
