import { localDay, parseLocalDateTime, toLocalInputs } from './zoned';

/**
 * The one time zone Opstap plans and shows everything in. Import it from here (not a constant of your own), and use
 * the helpers below rather than passing the zone around.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

/** Today's calendar day in Amsterdam, "YYYY-MM-DD". */
export const amsterdamToday = (now = new Date()) => localDay(now, TIME_ZONE);

/** The Amsterdam calendar day of an instant, "YYYY-MM-DD". */
export const amsterdamDay = (instant: Date) => localDay(instant, TIME_ZONE);

/** HTML date and time input values of an instant in Amsterdam: ["2026-12-03", "10:00"]. */
export const amsterdamInputs = (instant: Date) => toLocalInputs(instant, TIME_ZONE);

/** "2026-12-03" + "10:00" in Amsterdam -> the instant, or null if malformed. */
export const fromAmsterdamInputs = (date: string, time: string) => parseLocalDateTime(date, time, TIME_ZONE);

const dutch = new Map<string, Intl.DateTimeFormat>();

/**
 * A Dutch formatter for the coach workspace in Amsterdam time, e.g. `dutchFormat({ dateStyle: 'medium' })`;
 * cached per set of options.
 */
export function dutchFormat(options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): Intl.DateTimeFormat {
	const key = JSON.stringify(options);
	let f = dutch.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat('nl-NL', { ...options, timeZone: TIME_ZONE });
		dutch.set(key, f);
	}
	return f;
}
