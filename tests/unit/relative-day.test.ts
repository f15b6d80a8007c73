import { describe, expect, it } from 'vitest';
import { relativeDayKey } from '$lib/time/format';
import { amsterdamInstant, TIME_ZONE } from '$lib/time/amsterdam';

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

describe('relativeDayKey: yesterday, today, tomorrow in Amsterdam', () => {
	it('counts calendar days in Amsterdam, not UTC: 00:30 on the 4th is the 4th', () => {
		const now = amsterdamInstant(2026, 12, 3, 23, 50);
		expect(relativeDayKey(amsterdamInstant(2026, 12, 4, 0, 30), now)).toBe('tomorrow');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 3, 0, 5), now)).toBe('today');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 2, 23, 59), now)).toBe('yesterday');
		expect(relativeDayKey(amsterdamInstant(2026, 12, 5, 10, 0), now)).toBeNull();
	});

	it('agrees with the platform time-zone data around midnight and both summer-time switches', () => {
		const nows = [
			amsterdamInstant(2026, 3, 28, 23, 30), // the night the clocks go forward
			amsterdamInstant(2026, 3, 29, 1, 0),
			amsterdamInstant(2026, 10, 24, 23, 59), // the night they go back
			amsterdamInstant(2026, 10, 25, 2, 30),
			amsterdamInstant(2026, 6, 30, 23, 0),
			amsterdamInstant(2027, 1, 1, 0, 0)
		];
		for (const now of nows)
			for (let minutes = -3 * 24 * 60; minutes <= 3 * 24 * 60; minutes += 17) {
				const instant = new Date(now.getTime() + minutes * 60_000);
				expect(relativeDayKey(instant, now), `${instant.toISOString()} from ${now.toISOString()}`).toBe(
					byIntl(instant, now)
				);
			}
	});
});
