import { describe, expect, it } from 'vitest';
import {
	amsterdamInstant,
	amsterdamOffset,
	nextOccurrence,
	occurrences,
	parseRule,
	scheduleProblem,
	startOfAmsterdamDay
} from '../../../src/lib/activities/recurrence';

/** Wall-clock time in Amsterdam of an instant, by the platform's time-zone data (not our own rule). */
function wall(d: Date): string {
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Amsterdam',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		weekday: 'short',
		hourCycle: 'h23'
	})
		.format(d)
		.replace(',', '');
}

describe('Amsterdam time', () => {
	it('matches the time-zone database every hour across two years', () => {
		const intl = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Amsterdam',
			timeZoneName: 'shortOffset'
		});
		for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
			const name = intl.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')!.value;
			expect(amsterdamOffset(t), new Date(t).toISOString()).toBe(name === 'GMT+2' ? 120 : 60);
		}
	});

	it('turns civil times into instants on both sides of the change, and a skipped time an hour on', () => {
		expect(amsterdamInstant(2026, 3, 28, 10, 0).toISOString()).toBe('2026-03-28T09:00:00.000Z');
		expect(amsterdamInstant(2026, 3, 29, 10, 0).toISOString()).toBe('2026-03-29T08:00:00.000Z');
		expect(amsterdamInstant(2026, 3, 29, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
		expect(amsterdamInstant(2026, 10, 25, 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30
		expect(amsterdamInstant(2026, 10, 25, 10, 0).toISOString()).toBe('2026-10-25T09:00:00.000Z');
	});

	it('knows where an Amsterdam day starts', () => {
		expect(startOfAmsterdamDay(new Date('2026-07-01T23:30:00Z')).toISOString()).toBe(
			'2026-07-01T22:00:00.000Z'
		);
		expect(startOfAmsterdamDay(new Date('2026-03-28T12:00:00Z'), 1).toISOString()).toBe(
			'2026-03-28T23:00:00.000Z'
		);
		expect(startOfAmsterdamDay(new Date('2026-03-28T12:00:00Z'), 2).toISOString()).toBe(
			'2026-03-29T22:00:00.000Z'
		);
	});
});

describe('weekly schedules', () => {
	it('keep their wall-clock time across the change to summer time', () => {
		const list = occurrences(
			{ start: '2026-03-03T10:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY;BYDAY=TU,FR' },
			new Date('2026-03-20T00:00:00Z'),
			{ limit: 6 }
		);
		expect(list.map((o) => wall(o.start))).toEqual([
			'fre 2026-03-20 10:00',
			'tis 2026-03-24 10:00',
			'fre 2026-03-27 10:00',
			'tis 2026-03-31 10:00',
			'fre 2026-04-03 10:00',
			'tis 2026-04-07 10:00'
		]);
		expect(list[2]!.start.toISOString()).toBe('2026-03-27T09:00:00.000Z');
		expect(list[3]!.start.toISOString()).toBe('2026-03-31T08:00:00.000Z');
		expect(list[0]!.end.getTime() - list[0]!.start.getTime()).toBe(90 * 60_000);
	});

	it('keep their wall-clock time across the change back to winter time, every other week, with a skipped date', () => {
		const list = occurrences(
			{
				start: '2026-10-04T19:30',
				durationMinutes: 60,
				rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU',
				exdates: ['2026-11-01']
			},
			new Date('2026-10-01T00:00:00Z'),
			{ limit: 3 }
		);
		expect(list.map((o) => wall(o.start))).toEqual([
			'sön 2026-10-04 19:30',
			'sön 2026-10-18 19:30',
			'sön 2026-11-15 19:30'
		]);
		expect(list[1]!.start.toISOString()).toBe('2026-10-18T17:30:00.000Z');
		expect(list[2]!.start.toISOString()).toBe('2026-11-15T18:30:00.000Z');
	});

	it('stop at COUNT and at UNTIL', () => {
		const from = new Date('2026-01-01T00:00:00Z');
		expect(
			occurrences({ start: '2026-01-05T09:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=3' }, from, {
				limit: 10
			}).map((o) => wall(o.start))
		).toEqual(['mån 2026-01-05 09:00', 'mån 2026-01-12 09:00', 'mån 2026-01-19 09:00']);
		expect(
			occurrences(
				{ start: '2026-01-05T09:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;UNTIL=20260119' },
				from,
				{ limit: 10 }
			)
		).toHaveLength(3);
		// COUNT counts from the first start, also when asking later.
		expect(
			nextOccurrence(
				{ start: '2026-01-05T09:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=3' },
				new Date('2026-01-20T00:00:00Z')
			)
		).toBeNull();
	});

	it('find the next date years after the first start, quickly', () => {
		const next = nextOccurrence(
			{ start: '2020-01-07T14:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' },
			new Date('2026-11-23T12:00:00Z')
		);
		expect(wall(next!.start)).toBe('tis 2026-11-24 14:00');
	});
});

describe('monthly and irregular schedules', () => {
	it('take the nth and the last weekday of the month across the change', () => {
		const list = occurrences(
			{ start: '2026-01-31T14:00', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=-1SA' },
			new Date('2026-02-01T00:00:00Z'),
			{ limit: 3 }
		);
		expect(list.map((o) => wall(o.start))).toEqual([
			'lör 2026-02-28 14:00',
			'lör 2026-03-28 14:00',
			'lör 2026-04-25 14:00'
		]);
		const second = occurrences(
			{ start: '2026-09-08T10:00', durationMinutes: 60, rrule: 'FREQ=MONTHLY;BYDAY=2TU' },
			new Date('2026-09-09T00:00:00Z'),
			{ limit: 2 }
		);
		expect(second.map((o) => wall(o.start))).toEqual(['tis 2026-10-13 10:00', 'tis 2026-11-10 10:00']);
	});

	it('merge extra dates with a rule, and list one-off and irregular dates in order', () => {
		const irregular = occurrences(
			{
				start: '2026-10-24T11:00',
				durationMinutes: 60,
				rdates: ['2026-11-07T11:00', '2026-10-26T11:00', '2026-12-12T13:00']
			},
			new Date('2026-10-25T00:00:00Z'),
			{ limit: 5 }
		);
		expect(irregular.map((o) => wall(o.start))).toEqual([
			'mån 2026-10-26 11:00',
			'lör 2026-11-07 11:00',
			'lör 2026-12-12 13:00'
		]);
		expect(irregular[0]!.start.toISOString()).toBe('2026-10-26T10:00:00.000Z');
		expect(
			nextOccurrence({ start: '2026-05-01T10:00', durationMinutes: 60 }, new Date('2026-06-01'))
		).toBeNull();
	});

	it('count an activity going on now as today when asked for ongoing ones', () => {
		const schedule = { start: '2026-11-23T10:00', durationMinutes: 120 };
		const now = new Date('2026-11-23T10:00:00Z'); // 11:00 in Amsterdam
		expect(nextOccurrence(schedule, now)).toBeNull();
		expect(occurrences(schedule, now, { ongoing: true })).toHaveLength(1);
	});

	it('refuses what it does not accept, naming it', () => {
		expect(() => parseRule('FREQ=DAILY')).toThrow(/DAILY/);
		expect(() => parseRule('FREQ=WEEKLY;BYHOUR=3')).toThrow(/BYHOUR/);
		expect(() => parseRule('FREQ=WEEKLY;BYDAY=2TU')).toThrow(/weekly/);
		expect(scheduleProblem({ start: '2026-02-30T10:00', durationMinutes: 60 })).toMatch(/not a date/);
		expect(scheduleProblem({ start: '2026-02-03T25:00', durationMinutes: 60 })).toMatch(/not a date/);
		expect(
			scheduleProblem({ start: '2026-02-03T10:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY' })
		).toBeNull();
	});
});
