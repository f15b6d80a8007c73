import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Answer } from '$lib/survey';
import type { AreaKind } from './kinds';

export type { AreaKind };

/** An answer as the phone keeps it: written the moment it is given, before anything is sent. */
export interface LocalAnswer {
	assignmentId: string;
	itemId: string;
	moduleId: string;
	value: Answer | null;
	answeredAt: string;
	clientId: string;
}

export type OutboxEntry =
	| {
			kind: 'answer';
			clientId: string;
			assignmentId: string;
			moduleId: string;
			itemId: string;
			value: Answer | null;
			answeredAt: string;
			language: string;
			version: string;
			mode: 'alone' | 'readAloudByCoach' | 'withInterpreter';
			/** Order of giving: the outbox is sent in this order. */
			seq?: number;
	  }
	| {
			kind: 'submit';
			clientId: string;
			assignmentId: string;
			moduleId: string;
			submittedAt: string;
			seq?: number;
	  }
	| AreaEntry;

/**
 * What the other areas queue (an appointment reply, an activity request, a message): the same outbox, sent in the
 * same order to /api/sync, where the area registered for `kind` validates `data` and stores it at most once.
 */
export interface AreaEntry {
	kind: AreaKind;
	clientId: string;
	/** When it was given on the phone (ISO). */
	at: string;
	data: Record<string, unknown>;
	seq?: number;
}

/** What the server refused (a bug, or a questionnaire that changed): kept on the phone, never silently dropped. */
export interface RejectedEntry {
	clientId: string;
	entry: OutboxEntry;
	reason: string;
	at: string;
}

/** A spoken answer kept on the phone until the server has it (bytes, since IndexedDB keeps them everywhere). */
export interface LocalRecording {
	id: string;
	mime: string;
	audio: ArrayBuffer;
	/** 0 waiting, 1 on the server, -1 refused by the server (kept here, never dropped). */
	uploaded: 0 | 1 | -1;
}

export type OfflineDb = Dexie & {
	recordings: EntityTable<LocalRecording, 'id'>;
	answers: EntityTable<LocalAnswer, 'assignmentId'>;
	// A plain Table: Dexie's EntityTable does not take a union of entry kinds.
	outbox: Table<OutboxEntry, number>;
	rejected: EntityTable<RejectedEntry, 'clientId'>;
};

export function openOfflineDb(name = 'opstap'): OfflineDb {
	const db = new Dexie(name) as OfflineDb;
	db.version(1).stores({
		answers: '[assignmentId+itemId], assignmentId',
		outbox: '++seq, &clientId',
		rejected: 'clientId'
	});
	db.version(2).stores({ recordings: 'id, uploaded' });
	return db;
}
