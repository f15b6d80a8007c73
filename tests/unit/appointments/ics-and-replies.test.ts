import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildIcs, escapeText } from '../../../src/lib/calendar/ics';
import { openOfflineDb } from '../../../src/lib/offline/db';
import { giveReply, pendingReplies, shownReply } from '../../../src/lib/appointments/local';
import { mondayOf, weekRange } from '../../../src/lib/appointments/week';

describe('.ics files', () => {
	it('escape text, fold long lines without breaking a character, and parse back', () => {
		const summary = 'Gesprek; met Lotte, over "de brief" — ሰላም ' + 'ሀ'.repeat(40);
		const ics = buildIcs([
			{
				uid: 'a@opstap',
				start: new Date('2026-12-03T09:00:00Z'),
				end: new Date('2026-12-03T10:00:00Z'),
				summary,
				location: 'Kerkstraat 1,\nDe Brug'
			}
		]);
		for (const line of ics.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
		const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
		expect(event.summary).toBe(summary);
		expect(event.location).toBe('Kerkstraat 1,\nDe Brug');
	});
});

describe('the week view', () => {
	it('runs from Monday to Monday in Amsterdam, an hour longer in the week the clocks go back', () => {
		expect(mondayOf(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30'); // Sunday 23:30 UTC is Monday 00:30 here
		expect(mondayOf(new Date('2026-11-29T22:30:00Z'))).toBe('2026-11-23'); // still Sunday 23:30 here
		const normal = weekRange('2026-11-23');
		expect(normal.to.getTime() - normal.from.getTime()).toBe(7 * 86_400_000);
		const autumn = weekRange('2026-10-19'); // the clocks go back on Sunday 25 October
		expect(autumn.days).toEqual([
			'2026-10-19',
			'2026-10-20',
			'2026-10-21',
			'2026-10-22',
			'2026-10-23',
			'2026-10-24',
			'2026-10-25'
		]);
		expect(autumn.from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
		expect(autumn.to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
	});
});

describe('replies on the phone', () => {
	it('are kept in the outbox at once and shown before the server has them; the newest wins', async () => {
		const db = openOfflineDb(`replies-${Math.random()}`);
		await giveReply(db, 'a1', 'coming');
		await giveReply(db, 'a1', 'cannot', 'ill');
		await giveReply(db, 'a2', 'callMe');
		const pending = await pendingReplies(db);
		expect(pending.get('a1')).toMatchObject({ reply: 'cannot', reason: 'ill' });
		expect(pending.get('a2')).toMatchObject({ reply: 'callMe' });
		expect(await db.outbox.count()).toBe(3);
		const server = { reply: 'coming' as const, reason: null, at: '2000-01-01T00:00:00.000Z' };
		expect(shownReply(server, pending.get('a1'))).toMatchObject({ reply: 'cannot', waiting: true });
		expect(shownReply(server, undefined)).toMatchObject({ reply: 'coming', waiting: false });
		expect(shownReply(null, undefined)).toBeNull();
	});
});
