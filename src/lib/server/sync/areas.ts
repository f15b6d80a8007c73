import type { Db } from '../db';
import type { EntryOf, EntryResult, OutboxKind, RejectReason } from '$lib/outbox/contract';

export type { EntryResult, RejectReason };

/**
 * What every entry of one /api/sync batch shares: whose phone it is, the server's clock (a phone's clock may be
 * wrong: no time it sends is taken as later than this), and what the batch looked up once (e.g. the assignments).
 */
export interface SyncContext {
	participantId: string;
	now: Date;
	memo: Map<string, Promise<unknown>>;
}

export function syncContext(participantId: string, now = new Date()): SyncContext {
	return { participantId, now, memo: new Map() };
}

/** Looks something up once per batch. */
export function memo<T>(ctx: SyncContext, key: string, load: () => Promise<T>): Promise<T> {
	let found = ctx.memo.get(key) as Promise<T> | undefined;
	if (!found) {
		found = load();
		ctx.memo.set(key, found);
	}
	return found;
}

/** A time from the phone, never later than the server's: a phone with a wrong clock cannot pin anything in the future. */
export function clampToServer(at: string | Date, now: Date): Date {
	const date = typeof at === 'string' ? new Date(at) : at;
	return date > now ? now : date;
}

/**
 * How an area takes one kind of entry from a phone's outbox, inside the batch's transaction (`tx`). It must store
 * an entry at most once: the same clientId a second time (a retry after a lost reply) answers 'already' and changes
 * nothing; a clientId that belongs to something else (another item, another participant) is refused with
 * 'client_id_reused', never a 500 and never someone else's 'already'. A refusal writes nothing, so it cannot undo
 * the other entries of the batch.
 */
export type ApplyEntry<K extends OutboxKind> = (
	tx: Db,
	ctx: SyncContext,
	entry: EntryOf<K>
) => Promise<EntryResult>;

/**
 * How an area takes all entries of one kind of a batch together, with the same results as one by one (in the order
 * given). It writes at most one statement, after all its reads, so that it is whole without a transaction of its own;
 * null, having written nothing, sends the entries one by one after all.
 */
export type ApplyBatch<K extends OutboxKind> = (
	tx: Db,
	ctx: SyncContext,
	entries: readonly EntryOf<K>[]
) => Promise<EntryResult[] | null>;

export const rejected = (clientId: string, reason: RejectReason, detail?: string): EntryResult =>
	detail ? { clientId, status: 'rejected', reason, detail } : { clientId, status: 'rejected', reason };
