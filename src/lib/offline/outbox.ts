import type { Answer } from '$lib/survey';
import type { AnswerEntry, AreaData } from '$lib/outbox/contract';
import type {
	AreaKind,
	LocalAnswer,
	OfflineDb,
	OutboxEntry,
	OutboxKind,
	QueuedEntry,
	RejectedEntry
} from './db';
import { parseRetryAfter } from './retry';

export interface AnswerInput {
	assignmentId: string;
	moduleId: string;
	itemId: string;
	value: Answer | null;
	language: AnswerEntry['language'];
	version: string;
	mode?: AnswerEntry['mode'];
}

const newId = () => crypto.randomUUID();

/** Saves an answer on the phone and queues it for the server, in one transaction: it is never only half saved. */
export async function recordAnswer(
	db: OfflineDb,
	input: AnswerInput,
	now = new Date()
): Promise<LocalAnswer> {
	const local: LocalAnswer = {
		assignmentId: input.assignmentId,
		itemId: input.itemId,
		moduleId: input.moduleId,
		value: input.value,
		answeredAt: now.toISOString(),
		clientId: newId()
	};
	await db.transaction('rw', db.answers, db.outbox, async () => {
		await db.answers.put(local);
		await db.outbox.add({
			kind: 'answer',
			clientId: local.clientId,
			assignmentId: local.assignmentId,
			moduleId: local.moduleId,
			itemId: local.itemId,
			value: local.value,
			answeredAt: local.answeredAt,
			language: input.language,
			version: input.version,
			mode: input.mode ?? 'alone'
		});
	});
	return local;
}

/** "Send to my coach": queued after the module's answers, so the server has them before the module counts as sent. */
export async function recordSubmit(db: OfflineDb, assignmentId: string, moduleId: string, now = new Date()) {
	await db.outbox.add({
		kind: 'submit',
		clientId: newId(),
		assignmentId,
		moduleId,
		submittedAt: now.toISOString()
	});
}

/**
 * Saves something a participant did (a reply, a request, a message) on the phone at once and queues it for the
 * server under a fresh id: the id makes a second delivery a no-op on the server.
 */
export async function queueEntry<K extends AreaKind>(
	db: OfflineDb,
	kind: K,
	data: AreaData<K>,
	now = new Date(),
	clientId = newId()
): Promise<QueuedEntry<K>> {
	const entry = { kind, clientId, at: now.toISOString(), data } as unknown as QueuedEntry<K>;
	await db.outbox.add(entry);
	return entry;
}

/** What is still waiting to be sent, of one kind, in the order given (to show it on screen before it is sent). */
export async function pendingEntries<K extends OutboxKind>(
	db: OfflineDb,
	kind: K
): Promise<QueuedEntry<K>[]> {
	const all = await db.outbox.orderBy('seq').toArray();
	return all.filter((e): e is QueuedEntry<K> => e.kind === kind);
}

/** What the server refused for good, of one kind: kept, to be shown where the participant gave it. */
export async function rejectedEntries<K extends OutboxKind>(
	db: OfflineDb,
	kind: K
): Promise<(RejectedEntry & { entry: QueuedEntry<K> })[]> {
	const all = await db.rejected.toArray();
	return all.filter((r): r is RejectedEntry & { entry: QueuedEntry<K> } => r.entry.kind === kind);
}

export async function rejectedCount(db: OfflineDb): Promise<number> {
	return db.rejected.count();
}

/** A file (voice note, photo, spoken answer) made on this phone, to show it before or without the server. */
export async function localFile(db: OfflineDb, id: string): Promise<Blob | null> {
	const file = await db.attachments.get(id);
	return file ? new Blob([file.data], { type: file.mime }) : null;
}

/**
 * Keeps a file made on the phone (a spoken answer, a voice note, a photo); the entry that refers to it by this id is
 * sent after it is uploaded.
 */
export async function saveAttachment(db: OfflineDb, file: Blob): Promise<string> {
	const id = newId();
	await db.attachments.put({
		id,
		mime: file.type || 'audio/webm',
		data: await file.arrayBuffer(),
		uploaded: 0
	});
	return id;
}

export async function localAnswers(db: OfflineDb, assignmentId: string): Promise<LocalAnswer[]> {
	return db.answers.where('assignmentId').equals(assignmentId).toArray();
}

export async function pendingCount(db: OfflineDb): Promise<number> {
	return db.outbox.count();
}

export type FlushResult =
	| { state: 'done'; sent: number; rejected: number }
	| {
			state: 'offline' | 'error';
			sent: number;
			rejected: number;
			/** The server asked to wait this long (503 or 429 with Retry-After). */
			retryAfterMs?: number;
	  };

interface ServerResult {
	clientId: string;
	status: 'stored' | 'already' | 'rejected';
	reason?: string;
}

/**
 * Sends the outbox in order, in batches, and removes an entry only once the server has answered for it (stored,
 * or already stored before). A lost reply means the same entries go again; the server stores each once. Entries
 * the server refuses move to `rejected`, on the phone, with the reason. A network error or a 5xx stops the flush
 * ('offline' / 'error', with the server's Retry-After if it gave one); when to try again is the caller's
 * (./retry.ts). One flush at a time per page (and per browser, with locks).
 */
export function createFlusher(
	db: OfflineDb,
	fetchFn: typeof fetch = fetch,
	endpoint = '/api/sync',
	batchSize = 100
) {
	let running: Promise<FlushResult> | null = null;

	/** Files go first: an answer or message that refers to one should find it on the server. */
	async function uploadAttachments(): Promise<'done' | 'offline' | 'error'> {
		for (const file of await db.attachments.where('uploaded').equals(0).toArray()) {
			let response: Response;
			try {
				response = await fetchFn(`/api/attachments/${file.id}`, {
					method: 'PUT',
					headers: { 'content-type': file.mime },
					credentials: 'same-origin',
					body: file.data
				});
			} catch {
				return 'offline';
			}
			if (response.status >= 500 || response.status === 429) return 'error';
			await db.attachments.update(file.id, { uploaded: response.ok ? 1 : -1 });
		}
		return 'done';
	}

	async function flushOnce(): Promise<FlushResult> {
		let sent = 0;
		let rejected = 0;
		const uploads = await uploadAttachments();
		if (uploads !== 'done') return { state: uploads, sent, rejected };
		for (;;) {
			const batch = await db.outbox.orderBy('seq').limit(batchSize).toArray();
			if (!batch.length) return { state: 'done', sent, rejected };
			let response: Response;
			try {
				response = await fetchFn(endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					credentials: 'same-origin',
					body: JSON.stringify({ entries: batch.map(({ seq: _seq, ...entry }) => entry) })
				});
			} catch {
				return { state: 'offline', sent, rejected };
			}
			if (response.status !== 200 && response.status !== 400) {
				const retryAfterMs =
					response.status === 503 || response.status === 429
						? parseRetryAfter(response.headers.get('retry-after'), Date.now())
						: undefined;
				return retryAfterMs === undefined
					? { state: 'error', sent, rejected }
					: { state: 'error', sent, rejected, retryAfterMs };
			}
			let results: ServerResult[];
			try {
				results = ((await response.json()) as { results?: ServerResult[] }).results ?? [];
			} catch {
				return { state: 'error', sent, rejected };
			}
			if (!results.length) return { state: 'error', sent, rejected }; // a 400 for the whole request: keep all
			const byId = new Map(results.map((r) => [r.clientId, r]));
			await db.transaction('rw', db.outbox, db.rejected, async () => {
				for (const entry of batch) {
					const result = byId.get(entry.clientId);
					if (!result) continue;
					if (result.status === 'rejected') {
						rejected++;
						await db.rejected.put({
							clientId: entry.clientId,
							entry,
							reason: result.reason ?? '',
							at: new Date().toISOString()
						});
					} else {
						sent++;
					}
					await db.outbox.delete(entry.seq!);
				}
			});
		}
	}

	return function flush(): Promise<FlushResult> {
		running ??= (async () => {
			try {
				const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
				return locks ? await locks.request('opstap-outbox', flushOnce) : await flushOnce();
			} finally {
				running = null;
			}
		})();
		return running;
	};
}

export type { OutboxEntry };
