import { isPersonalCache } from './caches';
import { DB_NAME } from './version';

/**
 * The coach unpaired this phone (lost, or handed on): nothing of the participant stays on it. Their pages and spoken
 * texts go from Cache Storage, and the offline store (answers, the outbox, attachments) goes with its database: what
 * still waited there can no longer reach the server, as the phone no longer belongs to anyone. Someone who finds the
 * phone then sees no plan, appointment or message of theirs, not even offline.
 */
export async function forgetThisPhone(): Promise<void> {
	if (typeof caches !== 'undefined') {
		const names = await caches.keys();
		await Promise.all(names.filter(isPersonalCache).map((name) => caches.delete(name)));
	}
	if (typeof indexedDB === 'undefined') return;
	// Open connections (this page's reads, Dexie) close on the version change that deleting asks for.
	await new Promise<void>((resolve) => {
		const request = indexedDB.deleteDatabase(DB_NAME);
		request.onsuccess = () => resolve();
		request.onerror = () => resolve();
	});
}
