import { z } from 'zod';
import type { Db } from '../db';
import { AREA_KINDS, type AreaKind } from '$lib/offline/kinds';

export type EntryResult =
	| { clientId: string; status: 'stored' | 'already' }
	| { clientId: string; status: 'rejected'; reason: string };

/** An entry of an area as it arrives: the area's own fields are in `data`, checked by the area's schema. */
export const areaEnvelope = z.strictObject({
	kind: z.enum(AREA_KINDS),
	clientId: z.uuid(),
	at: z.iso.datetime({ offset: true }),
	data: z.record(z.string(), z.unknown())
});
export type AreaEnvelope = z.infer<typeof areaEnvelope>;

/**
 * How an area takes entries from a phone's outbox. `apply` must store an entry at most once: the same clientId a
 * second time (a retry after a lost reply) answers 'already' and changes nothing.
 */
export interface SyncArea<T> {
	data: z.ZodType<T>;
	apply(db: Db, participantId: string, entry: { clientId: string; at: Date; data: T }): Promise<EntryResult>;
}

const areas: Partial<Record<AreaKind, SyncArea<never>>> = {};

/** Each area registers itself here, once, at import. */
export function registerSyncArea<T>(kind: AreaKind, area: SyncArea<T>): void {
	areas[kind] = area as unknown as SyncArea<never>;
}

export async function applyAreaEntry(
	db: Db,
	participantId: string,
	entry: AreaEnvelope
): Promise<EntryResult> {
	const area = areas[entry.kind] as SyncArea<unknown> | undefined;
	if (!area) return { clientId: entry.clientId, status: 'rejected', reason: `unknown kind ${entry.kind}` };
	const parsed = area.data.safeParse(entry.data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			clientId: entry.clientId,
			status: 'rejected',
			reason: `invalid ${entry.kind}: ${issue?.path.join('.') || 'data'} ${issue?.message ?? ''}`.trim()
		};
	}
	return area.apply(db, participantId, {
		clientId: entry.clientId,
		at: new Date(entry.at),
		data: parsed.data
	});
}
