import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOfflineDb, type OfflineDb } from '../../src/lib/offline/db';
import {
	createFlusher,
	pendingCount,
	queueEntry,
	recordAnswer,
	rejectedCount
} from '../../src/lib/offline/outbox';
import { createRetrySchedule, parseRetryAfter } from '../../src/lib/offline/retry';
import { refusedByModule } from '../../src/lib/questions/local';
import { pendingMessages, refusedMessages } from '../../src/lib/messages/local';
import { refusedReplies } from '../../src/lib/appointments/local';

describe('trying again after a failure', () => {
	it('waits 2 s doubling to 5 minutes, each wait drawn between half and the whole', () => {
		const low = createRetrySchedule({ random: () => 0 });
		const high = createRetrySchedule({ random: () => 0.999999 });
		const lows = Array.from({ length: 11 }, () => low.failed(0));
		const highs = Array.from({ length: 11 }, () => high.failed(0));
		expect(lows).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 150000, 150000, 150000]);
		expect(highs).toEqual([2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000]);
		// Many phones do not come back in step.
		const spread = new Set(
			Array.from({ length: 20 }, () => createRetrySchedule().failed(0) + createRetrySchedule().failed(0))
		);
		expect(spread.size).toBeGreaterThan(10);
	});

	it('may not try before the wait is over; the network coming back starts again', () => {
		const schedule = createRetrySchedule({ random: () => 0.5 });
		const wait = schedule.failed(1_000);
		expect(schedule.mayTry(1_000 + wait - 1)).toBe(false);
		expect(schedule.mayTry(1_000 + wait)).toBe(true);
		schedule.failed(5_000);
		expect(schedule.failures).toBe(2);
		schedule.reset();
		expect(schedule.mayTry(5_000)).toBe(true);
		expect(schedule.failed(5_000)).toBe(1500);
	});

	it("honours the server's Retry-After, never earlier, within reason", () => {
		const schedule = createRetrySchedule({ random: () => 0 });
		expect(schedule.failed(0, 120_000)).toBe(120_000);
		expect(schedule.failed(0, 10)).toBe(2000); // the back-off is longer: keep it
		expect(schedule.failed(0, 30 * 86400_000)).toBe(3_600_000);
		expect(parseRetryAfter('120', 0)).toBe(120_000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 15:00:30 GMT', Date.parse('2026-11-25T15:00:00Z'))).toBe(30_000);
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
		expect(parseRetryAfter(null, 0)).toBeUndefined();
	});
});

describe('the outbox after a failure or a refusal', () => {
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

	it('keeps everything on a 5xx or a broken reply, and passes on the Retry-After of a 503', async () => {
		let response = () => new Response('busy', { status: 503, headers: { 'retry-after': '90' } });
		const flush = createFlusher(db, (async () => response()) as unknown as typeof fetch);
		await recordAnswer(db, { ...base, itemId: 'metPeople', value: { type: 'yesno', value: true } });
		expect(await flush()).toEqual({ state: 'error', sent: 0, rejected: 0, retryAfterMs: 90_000 });
		response = () => new Response('oops', { status: 500 });
		expect(await flush()).toEqual({ state: 'error', sent: 0, rejected: 0 });
		response = () => new Response(JSON.stringify({ message: 'Invalid sync request.' }), { status: 400 });
		expect((await flush()).state).toBe('error');
		expect(await pendingCount(db)).toBe(1);
		expect(await rejectedCount(db)).toBe(0);
	});

	it('keeps a refused entry with its reason, shows it where it was given, and never sends it again', async () => {
		const sent: string[] = [];
		const refuse = new Set<string>();
		const fetchFn = (async (_url: string, init?: RequestInit) => {
			const { entries } = JSON.parse(String(init?.body)) as { entries: { clientId: string }[] };
			sent.push(...entries.map((e) => e.clientId));
			return new Response(
				JSON.stringify({
					results: entries.map((e) =>
						refuse.has(e.clientId)
							? { clientId: e.clientId, status: 'rejected', reason: 'unknown_item' }
							: { clientId: e.clientId, status: 'stored' }
					)
				})
			);
		}) as unknown as typeof fetch;
		const flush = createFlusher(db, fetchFn);
		const ghost = await recordAnswer(db, { ...base, itemId: 'ghost', value: { type: 'yesno', value: true } });
		const message = await queueEntry(db, 'message', { kind: 'text', text: 'Hallo' });
		const waiting = await queueEntry(db, 'message', { kind: 'quick', quick: 'ill' });
		const reply = await queueEntry(db, 'appointmentReply', {
			appointmentId: randomUUID(),
			reply: 'cannot',
			reason: 'ill'
		});
		refuse.add(ghost.clientId).add(message.clientId).add(reply.clientId);
		expect(await pendingMessages(db)).toHaveLength(2);

		expect(await flush()).toEqual({ state: 'done', sent: 1, rejected: 3 });
		expect(await pendingCount(db)).toBe(0);
		expect(await rejectedCount(db)).toBe(3);
		expect(await refusedByModule(db)).toEqual(new Map([[`${assignmentId}/week`, ['unknown_item']]]));
		expect(await refusedMessages(db)).toEqual([
			{
				clientId: message.clientId,
				data: { kind: 'text', text: 'Hallo' },
				at: message.at,
				reason: 'unknown_item'
			}
		]);
		expect((await refusedReplies(db)).size).toBe(1);
		expect(sent).toContain(waiting.clientId);

		// Later flushes never send the refused ones again.
		const before = sent.length;
		await recordAnswer(db, { ...base, itemId: 'metPeople', value: { type: 'yesno', value: true } });
		expect(await flush()).toEqual({ state: 'done', sent: 1, rejected: 0 });
		expect(sent.slice(before)).toHaveLength(1);
		expect(await rejectedCount(db)).toBe(3);
	});
});
