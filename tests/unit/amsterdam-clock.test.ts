import { describe, expect, it } from 'vitest';
import { relativeDayKey } from '$lib/time/format';
import { amsterdamClock, amsterdamInstant, TIME_ZONE } from '$lib/time/amsterdam';

// The Amsterdam calendar day by the platform's time-zone data: what relativeDayKey must agree with.
const intlDay = (d: Date) => {
	const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE })
		.format(d)
		.split('-')
		.map(Number);
	return Date.UTC(y!, m! - 1, day!) / 86_400_000;
};
const byIntl = (instant: Date, now: Date) => {
	const diff = intlDay(instant) - intlDay(now);
	return diff === -1 ? 'yesterday' : diff === 0 ? 'today' : diff === 1 ? 'tomorrow' : null;
};

// The instants to check: every 17 minutes over three days either side of midnight and both summer-time switches.
const NOWS = [
	amsterdamInstant(2026, 3, 28, 23, 30), // the night the clocks go forward
	amsterdamInstant(2026, 3, 29, 1, 0),
	amsterdamInstant(2026, 10, 24, 23, 59), // the night they go back
	amsterdamInstant(2026, 10, 25, 2, 30),
	amsterdamInstant(2026, 6, 30, 23, 0),
	amsterdamInstant(2027, 1, 1, 0, 0)
];
const around = (now: Date) =>
	Array.from(
		{ length: Math.floor((6 * 24 * 60) / 17) + 1 },
		(_, i) => new Date(now.getTime() + (i * 17 - 3 * 24 * 60) * 60_000)
	);

describe('relativeDayKey: yesterday, today, tomorrow in Amsterdam', () => {
	it('counts calendar days in Amsterdam, not UTC: 00:30 on the 4th is the 4th', () => {
		const now = amsterdamInstant(2026, 12, 3, 23, 50);
		expect(relativeDayKey(amsterdamInstant(2026, 12, 4, 0, 30), now)).toBe('tomorrow');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 3, 0, 5), now)).toBe('today');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 2, 23, 59), now)).toBe('yesterday');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 5, 10, 0), now)).toBeNull();
	});

	it('agrees with the platform time-zone data around midnight and both summer-time switches', () => {
		for (const now of NOWS)
			for (const instant of around(now))
				expect(relativeDayKey(instant, now), `${instant.toISOString()} from ${now.toISOString()}`).toBe(
					byIntl(instant, now)
				);
	});
});

describe("amsterdamClock: weekday and time of day in Amsterdam (a coach's working hours)", () => {
	it('knows the weekday and time in the Netherlands, summer and winter', () => {
		expect(amsterdamClock(new Date('2026-11-23T08:30:00Z'))).toEqual({ weekday: 1, minutes: 9 * 60 + 30 });
		expect(amsterdamClock(new Date('2026-07-05T22:30:00Z'))).toEqual({ weekday: 1, minutes: 30 });
		expect(amsterdamClock(new Date('2026-11-29T22:59:00Z'))).toEqual({ weekday: 7, minutes: 23 * 60 + 59 });
	});

	it('agrees with the platform time-zone data around midnight and both summer-time switches', () => {
		const intl = new Intl.DateTimeFormat('en-GB', {
			timeZone: TIME_ZONE,
			weekday: 'short',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
		for (const now of NOWS)
			for (const instant of around(now)) {
				const parts = Object.fromEntries(intl.formatToParts(instant).map((p) => [p.type, p.value]));
				expect(amsterdamClock(instant), instant.toISOString()).toEqual({
					weekday: WEEKDAYS.indexOf(parts.weekday!) + 1,
					minutes: Number(parts.hour) * 60 + Number(parts.minute)
				});
			}
	});
});
