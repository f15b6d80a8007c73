import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOfflineDb, type OfflineDb } from '../../src/lib/offline/db';
import {
	createFlusher,
	localAnswers,
	pendingCount,
	recordAnswer,
	recordSubmit,
	saveAttachment
} from '../../src/lib/offline/outbox';
import { answersOf, countAll, countWaitingFiles, openStored } from '../../src/lib/offline/raw';

/** A stand-in for the server's /api/sync that stores by clientId like the real one, and can lose the network or the reply. */
function fakeServer() {
	const stored = new Map<string, unknown>();
	const server = {
		stored,
		requests: 0,
		mode: 'ok' as 'ok' | 'offline' | 'lostReply' | 'down',
		reject: new Set<string>(),
		fetch: (async (_url: string, init?: RequestInit) => {
			server.requests++;
			if (server.mode === 'offline') throw new TypeError('Failed to fetch');
			if (server.mode === 'down') return new Response('busy', { status: 503 });
			const { entries } = JSON.parse(String(init?.body)) as {
				entries: { clientId: string; itemId?: string }[];
			};
			const results = entries.map((e) => {
				if (e.itemId && server.reject.has(e.itemId))
					return { clientId: e.clientId, status: 'rejected', reason: 'unknown item' };
				const status = stored.has(e.clientId) ? 'already' : 'stored';
				stored.set(e.clientId, e);
				return { clientId: e.clientId, status };
			});
			if (server.mode === 'lostReply') throw new TypeError('connection reset'); // stored, but the phone never hears
			return new Response(JSON.stringify({ results }), { status: 200 });
		}) as typeof fetch
	};
	return server;
}

describe('the outbox on the phone', () => {
	let db: OfflineDb;
	const assignmentId = randomUUID();
	const base = { assignmentId, moduleId: 'week', language: 'ar' as const, version: '1.0.0' };

	beforeEach(() => {
		db = openOfflineDb(`test-${randomUUID()}`);
	});
	afterEach(async () => {
		db.close();
		await db.delete();
	});

	it('saves an answer and its outbox entry together or not at all (one IndexedDB transaction)', async () => {
		const spy = vi.spyOn(crypto, 'randomUUID').mockReturnValue('00000000-0000-4000-8000-000000000001');
		try {
			const first = await recordAnswer(db, {
				...base,
				itemId: 'metPeople',
				value: { type: 'yesno', value: true }
			});
			expect(await db.outbox.toArray()).toEqual([
				expect.objectContaining({ seq: 1, kind: 'answer', clientId: first.clientId, itemId: 'metPeople' })
			]);
			// The same clientId again: the outbox refuses it (&clientId), so the answer is not kept either.
			await expect(
				recordAnswer(db, { ...base, itemId: 'organised', value: { type: 'yesno', value: false } })
			).rejects.toThrow();
		} finally {
			spy.mockRestore();
		}
		expect((await localAnswers(db, assignmentId)).map((a) => a.itemId)).toEqual(['metPeople']);
		expect(await db.outbox.count()).toBe(1);
	});

	it('saves every answer at once, and sends it exactly once through offline, a lost reply and a server error', async () => {
		const server = fakeServer();
		const flush = createFlusher(db, server.fetch);
		await recordAnswer(db, { ...base, itemId: 'metPeople', value: { type: 'yesno', value: true } });
		await recordAnswer(db, { ...base, itemId: 'organised', value: { type: 'yesno', value: false } });
		expect((await localAnswers(db, assignmentId)).map((a) => a.itemId).sort()).toEqual([
			'metPeople',
			'organised'
		]);

		server.mode = 'offline';
		expect((await flush()).state).toBe('offline');
		expect(await pendingCount(db)).toBe(2);

		server.mode = 'lostReply';
		expect((await flush()).state).toBe('offline');
		expect(await pendingCount(db)).toBe(2); // the server has them, the phone does not know yet

		server.mode = 'down';
		expect((await flush()).state).toBe('error');

		server.mode = 'ok';
		await recordSubmit(db, assignmentId, 'week');
		expect(await flush()).toEqual({ state: 'done', sent: 3, rejected: 0 });
		expect(await pendingCount(db)).toBe(0);
		expect(server.stored.size).toBe(3);
		const kinds = [...server.stored.values()].map((e) => (e as { kind: string }).kind);
		expect(kinds).toEqual(['answer', 'answer', 'submit']);
	});

	it('keeps what the server refuses on the phone, and sends the rest', async () => {
		const server = fakeServer();
		server.reject.add('ghost');
		const flush = createFlusher(db, server.fetch);
		await recordAnswer(db, { ...base, itemId: 'ghost', value: { type: 'yesno', value: true } });
		await recordAnswer(db, { ...base, itemId: 'metPeople', value: { type: 'yesno', value: true } });
		expect(await flush()).toEqual({ state: 'done', sent: 1, rejected: 1 });
		expect((await db.rejected.toArray()).map((r) => r.reason)).toEqual(['unknown item']);
		expect(await pendingCount(db)).toBe(0);
	});

	it('sends one batch at a time even when flush is called again and again', async () => {
		const server = fakeServer();
		const flush = createFlusher(db, server.fetch, '/api/sync', 2);
		for (let i = 0; i < 5; i++)
			await recordAnswer(db, { ...base, itemId: `item${i}`, value: { type: 'yesno', value: true } });
		const results = await Promise.all([flush(), flush(), flush()]);
		expect(results.every((r) => r.state === 'done')).toBe(true);
		expect(server.requests).toBe(3); // 5 entries in batches of 2
		expect(server.stored.size).toBe(5);
	});

	it('keeps the newest answer locally when an answer is changed', async () => {
		await recordAnswer(
			db,
			{ ...base, itemId: 'metPeople', value: { type: 'yesno', value: true } },
			new Date('2026-11-20T10:00:00Z')
		);
		await recordAnswer(
			db,
			{ ...base, itemId: 'metPeople', value: { type: 'yesno', value: false } },
			new Date('2026-11-20T10:01:00Z')
		);
		const local = await localAnswers(db, assignmentId);
		expect(local).toHaveLength(1);
		expect(local[0]!.value).toEqual({ type: 'yesno', value: false });
		expect(await pendingCount(db)).toBe(2); // both changes go, in order; the server keeps the newest
	});
});

describe('spoken answers on the phone', () => {
	it('uploads a file before the answer that refers to it, once, and keeps a refused one', async () => {
		const db = openOfflineDb(`test-${randomUUID()}`);
		const calls: string[] = [];
		const fetchFn = (async (url: string, init?: RequestInit) => {
			calls.push(`${init?.method} ${url}`);
			if (url.startsWith('/api/attachments/')) {
				const bytes = new Uint8Array(init!.body as ArrayBuffer);
				return new Response('{}', { status: bytes[0] === 0 ? 400 : 201 });
			}
			const { entries } = JSON.parse(String(init?.body)) as { entries: { clientId: string }[] };
			return new Response(
				JSON.stringify({ results: entries.map((e) => ({ clientId: e.clientId, status: 'stored' })) })
			);
		}) as typeof fetch;
		const good = await saveAttachment(db, new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/webm' }));
		const bad = await saveAttachment(db, new Blob([new Uint8Array([0])], { type: 'audio/webm' }));
		await recordAnswer(db, {
			assignmentId: randomUUID(),
			moduleId: 'wishes',
			itemId: 'firstGoal',
			value: { type: 'free', response: { mode: 'audio', clip: good } },
			language: 'so',
			version: '1.0.0'
		});
		const flush = createFlusher(db, fetchFn);
		expect((await flush()).state).toBe('done');
		expect(calls.slice(0, 2).sort()).toEqual(
			[`PUT /api/attachments/${bad}`, `PUT /api/attachments/${good}`].sort()
		);
		expect(calls[2]).toBe('POST /api/sync');
		expect((await db.attachments.get(good))?.uploaded).toBe(1);
		expect((await db.attachments.get(bad))?.uploaded).toBe(-1);
		await flush();
		expect(calls.filter((c) => c.startsWith('PUT'))).toHaveLength(2); // not sent again
		db.close();
		await db.delete();
	});
});

describe('the phone’s store of files, renamed from "recordings" to "attachments"', () => {
	it('keeps a file that was still waiting in the old table, bytes and all, and drops the old table', async () => {
		const { default: Dexie } = await import('dexie');
		const name = `opstap-upgrade-${randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores({
			answers: '[assignmentId+itemId], assignmentId',
			outbox: '++seq, &clientId',
			rejected: 'clientId'
		});
		old.version(2).stores({ recordings: 'id, uploaded' });
		const id = randomUUID();
		await old
			.table('recordings')
			.put({ id, mime: 'audio/webm', audio: new Uint8Array([7, 8, 9]).buffer, uploaded: 0 });
		old.close();

		const upgraded = openOfflineDb(name);
		const file = await upgraded.attachments.get(id);
		expect(file?.mime).toBe('audio/webm');
		expect(file?.uploaded).toBe(0);
		expect([...new Uint8Array(file!.data)]).toEqual([7, 8, 9]);
		expect(upgraded.tables.map((t) => t.name).sort()).toEqual([
			'answers',
			'attachments',
			'outbox',
			'rejected'
		]);
		upgraded.close();
		await Dexie.delete(name);
	});
});

describe('reading the store without Dexie (issue 17: Dexie loads on the first write)', () => {
	it('makes no database where there is none, and reads what Dexie stored at its current version', async () => {
		const name = `test-${randomUUID()}`;
		expect(await openStored(name)).toBeNull();
		// Still none: Dexie makes it with its schema.
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);

		const db = openOfflineDb(name);
		const answer = await recordAnswer(db, {
			assignmentId: 'a1',
			moduleId: 'week',
			itemId: 'metPeople',
			value: { type: 'yesno', value: true },
			language: 'nl',
			version: '1.0.0'
		});
		await saveAttachment(db, new Blob(['x'], { type: 'audio/webm' }));
		const raw = await openStored(name);
		// At the version src/lib/offline/version.ts names (SCHEMA_VERSION): raise it with every db.version() in db.ts.
		expect(raw).toBeInstanceOf(IDBDatabase);
		if (!(raw instanceof IDBDatabase)) return;
		expect(await answersOf(raw, 'a1')).toEqual([answer]);
		expect(await answersOf(raw, 'a2')).toEqual([]);
		expect(await countAll(raw, 'outbox')).toBe(1);
		expect(await countAll(raw, 'rejected')).toBe(0);
		expect(await countWaitingFiles(raw)).toBe(1);
		raw.close();
		db.close();
		await db.delete();
	});
});
