import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, toLocalInputs, zonedToInstant } from '../../../src/lib/time/zoned';
import { plannedReminders } from '../../../src/lib/appointments/reminders';

const AMS = 'Europe/Amsterdam';

describe('wall-clock time in Amsterdam', () => {
	it('is UTC+1 in winter and UTC+2 in summer', () => {
		expect(parseLocalDateTime('2026-12-03', '10:00', AMS)!.toISOString()).toBe('2026-12-03T09:00:00.000Z');
		expect(parseLocalDateTime('2026-07-03', '10:00', AMS)!.toISOString()).toBe('2026-07-03T08:00:00.000Z');
	});

	it('moves a time in the spring-forward gap on by the gap, and takes the first of a doubled hour', () => {
		// 29 March 2026: 02:00 CET becomes 03:00 CEST.
		expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, AMS).toISOString()).toBe(
			'2026-03-29T01:30:00.000Z'
		);
		// 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
		expect(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, AMS).toISOString()).toBe(
			'2026-10-25T00:30:00.000Z'
		);
	});

	it('round-trips through the form inputs and refuses malformed or impossible dates', () => {
		const at = parseLocalDateTime('2026-10-25', '09:15', AMS)!;
		expect(toLocalInputs(at, AMS)).toEqual(['2026-10-25', '09:15']);
		expect(parseLocalDateTime('2026-02-31', '10:00', AMS)).toBeNull();
		expect(parseLocalDateTime('2026-12-03', '25:00', AMS)).toBeNull();
		expect(parseLocalDateTime('3-12-2026', '10:00', AMS)).toBeNull();
	});
});

describe('planned reminders', () => {
	const id = '00000000-0000-4000-8000-000000000001';
	const on = { remindDayBefore: true, remindHoursBefore: 2 };

	it('are the evening before at 18:00 and two hours before, Amsterdam time', () => {
		const startsAt = parseLocalDateTime('2026-12-03', '10:00', AMS)!;
		const r = plannedReminders(id, startsAt, on, new Date('2026-11-23T12:00:00Z'));
		expect(r.map((x) => [x.kind, x.at.toISOString()])).toEqual([
			['dayBefore', '2026-12-02T17:00:00.000Z'],
			['hoursBefore', '2026-12-03T07:00:00.000Z']
		]);
		expect(new Set(r.map((x) => x.key)).size).toBe(2);
	});

	it('use the evening before in summer time when the appointment is the day after the clocks change', () => {
		// 26 October 2026 (winter time); the evening before, 25 October, is already winter time too.
		const startsAt = parseLocalDateTime('2026-10-26', '10:00', AMS)!;
		const [evening] = plannedReminders(id, startsAt, on, new Date('2026-10-01T00:00:00Z'));
		expect(evening!.at.toISOString()).toBe('2026-10-25T17:00:00.000Z');
		const spring = parseLocalDateTime('2026-03-30', '10:00', AMS)!;
		expect(plannedReminders(id, spring, on, new Date('2026-03-01T00:00:00Z'))[0]!.at.toISOString()).toBe(
			'2026-03-29T16:00:00.000Z'
		);
	});

	it('leave out what has passed, what is switched off, and an evening reminder right before the other', () => {
		const startsAt = parseLocalDateTime('2026-12-03', '10:00', AMS)!;
		expect(plannedReminders(id, startsAt, on, new Date('2026-12-02T20:00:00Z')).map((r) => r.kind)).toEqual([
			'hoursBefore'
		]);
		expect(
			plannedReminders(id, startsAt, { remindDayBefore: false, remindHoursBefore: null }, new Date(0))
		).toEqual([]);
		const early = parseLocalDateTime('2026-12-03', '00:30', AMS)!;
		expect(plannedReminders(id, early, on, new Date(0)).map((r) => r.kind)).toEqual(['hoursBefore']);
	});

	it('get new keys when the appointment moves, so a moved appointment is reminded again', () => {
		const a = plannedReminders(id, parseLocalDateTime('2026-12-03', '10:00', AMS)!, on, new Date(0));
		const b = plannedReminders(id, parseLocalDateTime('2026-12-03', '11:00', AMS)!, on, new Date(0));
		expect(a.map((r) => r.key)).not.toEqual(b.map((r) => r.key));
	});
});
