/**
 * Reads of the phone's offline store straight from IndexedDB, without Dexie (issue 17): opening a question, the
 * home screen or a list only needs to know what is stored and waiting, and Dexie (about 30 KB brotli, a third of a
 * participant screen's JavaScript) then loads only when something is written or sent (./sync.svelte.ts).
 * Only a database Dexie has already made at the current version is read here; anything else is Dexie's to make or
 * upgrade.
 */
import { DB_NAME, SCHEMA_VERSION, STORES } from './version';

/**
 * The database as Dexie left it, or null when there is none yet (nothing stored on this phone) or it is not at this
 * version (Dexie upgrades it on first use). Opening never creates it: Dexie must, with its schema.
 */
export function openStored(name = DB_NAME): Promise<IDBDatabase | null | 'other-version'> {
	return new Promise((resolve) => {
		if (typeof indexedDB === 'undefined') return resolve(null);
		let request: IDBOpenDBRequest;
		try {
			request = indexedDB.open(name);
		} catch {
			return resolve(null);
		}
		// No database yet: do not make an empty one (aborting the upgrade leaves none behind).
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = (event) => {
			event.preventDefault();
			resolve(null);
		};
		request.onblocked = () => resolve('other-version');
		request.onsuccess = () => {
			const db = request.result;
			const current =
				db.version === SCHEMA_VERSION * 10 && STORES.every((s) => db.objectStoreNames.contains(s));
			if (!current) {
				db.close();
				return resolve('other-version');
			}
			// Dexie (this tab or another) upgrading to a newer version must not wait for this connection.
			db.onversionchange = () => db.close();
			resolve(db);
		};
	});
}

function read<T>(db: IDBDatabase, store: string, get: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(store, 'readonly');
		const request = get(tx.objectStore(store));
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

export const countAll = (db: IDBDatabase, store: string) => read(db, store, (s) => s.count());

/** Files not yet uploaded (uploaded 0): Dexie's index 'uploaded'. */
export const countWaitingFiles = (db: IDBDatabase) =>
	read(db, 'attachments', (s) => s.index('uploaded').count(0));

/** The answers kept for one questionnaire: Dexie's index 'assignmentId'. */
export const answersOf = <T>(db: IDBDatabase, assignmentId: string) =>
	read(db, 'answers', (s) => s.index('assignmentId').getAll(assignmentId) as IDBRequest<T[]>);
