import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Answer } from '$lib/survey';
import { DB_NAME } from './version';
// Types only: the shapes come from the one contract the server checks with (zod stays out of the phone's bundle).
import type {
	AreaEntry as ContractAreaEntry,
	AreaKind,
	EntryOf,
	OutboxEntry as ContractEntry,
	OutboxKind,
	RejectReason
} from '$lib/outbox/contract';

export type { AreaKind, OutboxKind, RejectReason };

/** An answer as the phone keeps it: written the moment it is given, before anything is sent. */
export interface LocalAnswer {
	assignmentId: string;
	itemId: string;
	moduleId: string;
	value: Answer | null;
	answeredAt: string;
	clientId: string;
}

/** Order of giving: the outbox is sent in this order (Dexie's key, not sent). */
interface Queued {
	seq?: number;
}

/** An entry waiting in the outbox: exactly what /api/sync takes (src/lib/outbox/contract.ts), in order. */
export type OutboxEntry = ContractEntry & Queued;
export type QueuedEntry<K extends OutboxKind> = EntryOf<K> & Queued;
/** What the other areas queue (an appointment reply, an activity request, a message). */
export type AreaEntry = ContractAreaEntry & Queued;

/**
 * What the server refused for good (a bug, a questionnaire that changed, an id already taken): kept on the phone
 * with the server's reason and shown where the participant gave it, never silently dropped and never sent again.
 */
export interface RejectedEntry {
	clientId: string;
	entry: OutboxEntry;
	/** One of the contract's reasons; a string, since an older or newer server may name another. */
	reason: RejectReason | (string & {});
	at: string;
}

/**
 * A file made on the phone (spoken answer, voice note, photo), kept until the server has it (bytes, since IndexedDB
 * keeps them everywhere).
 */
export interface LocalAttachment {
	id: string;
	mime: string;
	data: ArrayBuffer;
	/** 0 waiting, 1 on the server, -1 refused by the server (kept here, never dropped). */
	uploaded: 0 | 1 | -1;
}

export type OfflineDb = Dexie & {
	attachments: EntityTable<LocalAttachment, 'id'>;
	answers: EntityTable<LocalAnswer, 'assignmentId'>;
	// A plain Table: Dexie's EntityTable does not take a union of entry kinds.
	outbox: Table<OutboxEntry, number>;
	rejected: EntityTable<RejectedEntry, 'clientId'>;
};

export function openOfflineDb(name = DB_NAME): OfflineDb {
	const db = new Dexie(name) as OfflineDb;
	db.version(1).stores({
		answers: '[assignmentId+itemId], assignmentId',
		outbox: '++seq, &clientId',
		rejected: 'clientId'
	});
	db.version(2).stores({ recordings: 'id, uploaded' });
	// "recordings" held photos as well as sound: it is "attachments" now. A phone with files still waiting keeps them
	// (copied here; the old table goes in the next version, as Dexie renames a table in two steps).
	db.version(3)
		.stores({ attachments: 'id, uploaded' })
		.upgrade(async (tx) => {
			const old = await tx.table('recordings').toArray();
			await tx.table('attachments').bulkPut(
				old.map(({ audio, ...rest }: { audio: ArrayBuffer } & Omit<LocalAttachment, 'data'>) => ({
					...rest,
					data: audio
				}))
			);
		});
	db.version(4).stores({ recordings: null });
	return db;
}
