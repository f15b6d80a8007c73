import { z } from 'zod';
import type { Db } from '../db';
import { ENTRY_SCHEMAS, type EntryResult, type OutboxEntry, type OutboxKind } from '$lib/outbox/contract';
import { rejected, syncContext, type SyncContext } from './areas';
import { SYNC_AREAS, SYNC_BATCHES } from './registry';

/**
 * A phone's outbox as it arrives at /api/sync: answers, submits and area entries, in the order they were given.
 * Only the envelope (a kind and the phone's id) is checked for the whole request; each entry is then checked
 * against its kind's schema on its own, so one bad entry is refused by itself and does not block the others.
 */
export const outboxBody = z.strictObject({
	entries: z
		.array(z.looseObject({ kind: z.string().max(40), clientId: z.uuid() }))
		.min(1)
		.max(500)
});
export type OutboxEnvelope = z.infer<typeof outboxBody>['entries'][number];

const isKind = (kind: string): kind is OutboxKind => Object.hasOwn(ENTRY_SCHEMAS, kind);

/** Checks one entry against the contract: the entry, or a refusal that says what is wrong. */
export function parseEntry(raw: OutboxEnvelope): OutboxEntry | EntryResult {
	if (!isKind(raw.kind)) return rejected(raw.clientId, 'unknown_kind', raw.kind);
	const parsed = ENTRY_SCHEMAS[raw.kind].safeParse(raw);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	return rejected(
		raw.clientId,
		'invalid_entry',
		`${issue?.path.join('.') || raw.kind}: ${issue?.message ?? ''}`
	);
}

async function applyEntry(tx: Db, ctx: SyncContext, entry: OutboxEntry): Promise<EntryResult> {
	// The registry's type pairs each kind with its entry; TypeScript cannot follow that through a union here.
	const apply = SYNC_AREAS[entry.kind] as (
		tx: Db,
		ctx: SyncContext,
		entry: OutboxEntry
	) => Promise<EntryResult>;
	return apply(tx, ctx, entry);
}

/** A unique violation (two deliveries racing), a serialization failure or a deadlock: the batch can simply go again. */
function isRetryable(error: unknown): boolean {
	const code = codeOf(error);
	return code === '23505' || code === '40001' || code === '40P01';
}

/** The SQLSTATE of a database error (Drizzle wraps the driver's error in `cause`). */
function codeOf(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
	const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/** One entry under its own savepoint: a constraint it still runs into refuses it alone. */
async function applyCarefully(tx: Db, ctx: SyncContext, entry: OutboxEntry): Promise<EntryResult> {
	try {
		return await tx.transaction((savepoint) => applyEntry(savepoint as unknown as Db, ctx, entry));
	} catch (error) {
		if (codeOf(error) === '23505') return rejected(entry.clientId, 'client_id_reused');
		throw error;
	}
}

type Checked = OutboxEntry | EntryResult;
const isResult = (e: Checked): e is EntryResult => 'status' in e;

/** The batch's entries of one kind through the kind's batch function; null: they go one by one. */
async function applyKindTogether(
	tx: Db,
	ctx: SyncContext,
	kind: OutboxKind,
	entries: readonly OutboxEntry[]
): Promise<EntryResult[] | null> {
	// As with SYNC_AREAS: the registry's type pairs each kind with its entries.
	const apply = SYNC_BATCHES[kind] as
		| ((tx: Db, ctx: SyncContext, entries: readonly OutboxEntry[]) => Promise<EntryResult[] | null>)
		| undefined;
	return apply ? apply(tx, ctx, entries) : null;
}

/** Kinds that are stored together, in a batch, and the positions of their entries. */
function togetherByKind(checked: readonly Checked[]): Map<OutboxKind, number[]> {
	const byKind = new Map<OutboxKind, number[]>();
	for (const [index, entry] of checked.entries()) {
		if (isResult(entry) || !SYNC_BATCHES[entry.kind]) continue;
		const positions = byKind.get(entry.kind);
		if (positions) positions.push(index);
		else byKind.set(entry.kind, [index]);
	}
	return byKind;
}

/**
 * Applies a batch, in one transaction (one commit per batch, not per entry: under many phones at once the database
 * waits far less on its log). Every entry gets its own result. Kinds with a batch function (answers) are stored
 * together, the other entries one by one in order. A refused entry writes nothing, so it rolls nothing back. A batch
 * of only such a kind needs no transaction: its one write is one statement. Should the batch still fail on a
 * constraint (two deliveries of the same ids racing), it is applied once more, each entry under its own savepoint;
 * by then the checks see what the other delivery stored.
 */
export async function applyOutbox(
	db: Db,
	participantId: string,
	entries: readonly (OutboxEnvelope | OutboxEntry)[],
	now = new Date()
): Promise<EntryResult[]> {
	const checked: Checked[] = entries.map((e) => parseEntry(e as OutboxEnvelope));
	const together = togetherByKind(checked);
	const apply = async (tx: Db, careful: boolean): Promise<EntryResult[]> => {
		const ctx = syncContext(participantId, now);
		const results: (EntryResult | undefined)[] = checked.map((e) => (isResult(e) ? e : undefined));
		if (!careful)
			for (const [kind, positions] of together) {
				const batch = await applyKindTogether(
					tx,
					ctx,
					kind,
					positions.map((i) => checked[i] as OutboxEntry)
				);
				if (batch) positions.forEach((i, n) => (results[i] = batch[n]));
			}
		for (const [index, entry] of checked.entries())
			if (!results[index] && !isResult(entry))
				results[index] = careful ? await applyCarefully(tx, ctx, entry) : await applyEntry(tx, ctx, entry);
		return results as EntryResult[];
	};
	const run = (careful: boolean) => db.transaction((tx) => apply(tx as unknown as Db, careful));
	try {
		// Entries of one batched kind only (the usual batch of answers): its one write needs no transaction.
		const [only] = together.values();
		if (together.size === 1 && checked.every((e, i) => isResult(e) || only!.includes(i))) {
			const ctx = syncContext(participantId, now);
			const [kind] = together.keys();
			const batch = await applyKindTogether(
				db,
				ctx,
				kind!,
				only!.map((i) => checked[i] as OutboxEntry)
			);
			if (batch) {
				const results = checked.map((e) => (isResult(e) ? e : undefined));
				only!.forEach((i, n) => (results[i] = batch[n]));
				return results as EntryResult[];
			}
		}
		return await run(false);
	} catch (error) {
		if (!isRetryable(error)) throw error;
		return run(true);
	}
}
