import 'fake-indexeddb/auto';
import { render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterAll, describe, expect, it, vi } from 'vitest';
import SyncState from '../../src/lib/components/participant/SyncState.svelte';
import { offline } from '../../src/lib/offline/sync.svelte';
import type { AnswerInput } from '../../src/lib/offline/outbox';
import { giveAnswer, sendModule } from '../../src/lib/questions/local';
import { i18nContext } from './i18n';

/**
 * The sync line under a participant's screens, with the real offline store (IndexedDB, as fake-indexeddb gives it in
 * jsdom) and the real sync; only the server is played here, by answering `fetch` when the test says so.
 */
interface Held {
	body: { entries: { clientId: string }[] };
	answer: () => void;
}

const held: Held[] = [];
vi.stubGlobal(
	'fetch',
	vi.fn(
		(_url: string, init: RequestInit) =>
			new Promise<Response>((resolve) => {
				const body = JSON.parse(String(init.body)) as Held['body'];
				held.push({
					body,
					answer: () =>
						resolve(
							Response.json({
								results: body.entries.map((e) => ({ clientId: e.clientId, status: 'stored' }))
							})
						)
				});
			})
	)
);

async function nextRequest(): Promise<Held> {
	await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
	return held.shift()!;
}

const answer: AnswerInput = {
	assignmentId: 'a1',
	moduleId: 'start',
	itemId: 'q1',
	value: { type: 'single', option: 'yes' },
	language: 'nl',
	version: '1.0.0'
};

describe('the sync line', () => {
	afterAll(() => {
		offline.stop();
		vi.unstubAllGlobals();
	});

	it('says "waiting" the moment something is queued, and "all sent" only once the server has it', async () => {
		const { container } = render(SyncState, { context: i18nContext('nl') });
		const line = () => container.querySelector('[data-sync]')!.getAttribute('data-sync');
		await vi.waitFor(() => expect(line()).toBe('sent'));

		// "Send to my coach": stored, and the line says so before any sync has counted anything.
		await sendModule(await offline.store(), answer.assignmentId, answer.moduleId);
		flushSync();
		expect(line()).toBe('waiting');
		expect(offline.pending).toBe(1);

		const syncing = offline.sync();
		const request = await nextRequest();
		flushSync();
		expect(line()).toBe('waiting');
		request.answer();
		expect(await syncing).toMatchObject({ state: 'done', sent: 1 });
		flushSync();
		expect(line()).toBe('sent');
		expect(offline.pending).toBe(0);
	});

	it('sends what was queued while a flush was ending, in the same sync', async () => {
		const db = await offline.store();
		// The flush's last look at the outbox finds it empty; the answer is stored right after that look.
		const orderBy = db.outbox.orderBy.bind(db.outbox);
		let looks = 0;
		db.outbox.orderBy = ((index: string) => {
			const ordered = orderBy(index);
			const limit = ordered.limit.bind(ordered);
			ordered.limit = (n: number) => {
				const limited = limit(n);
				const toArray = limited.toArray.bind(limited);
				limited.toArray = (async () => {
					const rows = await toArray();
					if (rows.length === 0 && ++looks === 1) await giveAnswer(db, answer);
					return rows;
				}) as typeof limited.toArray;
				return limited;
			};
			return ordered;
		}) as typeof db.outbox.orderBy;

		await sendModule(db, answer.assignmentId, 'second');
		const syncing = offline.sync();
		(await nextRequest()).answer();
		const late = await nextRequest();
		expect(late.body.entries).toHaveLength(1);
		late.answer();
		expect(await syncing).toMatchObject({ state: 'done', sent: 2 });
		expect(offline.state).toBe('sent');
		expect(await db.outbox.count()).toBe(0);
	});

	it('does not let a count taken before an entry was stored say "all sent"', async () => {
		const db = await offline.store();
		expect(await db.outbox.count()).toBe(0);
		// The outbox is counted as empty; the answer is stored before that count reaches the sync.
		const count = db.outbox.count.bind(db.outbox);
		let counts = 0;
		db.outbox.count = (async () => {
			const n = await count();
			if (++counts === 1) await giveAnswer(db, { ...answer, itemId: 'q2' });
			return n;
		}) as typeof db.outbox.count;

		const syncing = offline.sync();
		const request = await nextRequest();
		expect(request.body.entries).toHaveLength(1);
		expect(offline.state).toBe('waiting');
		request.answer();
		expect(await syncing).toMatchObject({ state: 'done', sent: 1 });
		expect(offline.state).toBe('sent');
	});
});
