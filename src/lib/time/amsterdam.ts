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

/*
 * Amsterdam's offset by Europe's summer-time rule (since 1996: last Sunday of March to last Sunday of October,
 * switching at 01:00 UTC), without Intl: activity schedules expand many occurrences on the phone, offline, and this
 * is a few additions each. tests/unit/activities/recurrence.test.ts checks it against the platform's time-zone data;
 * zoned.ts (Intl) is the general path for any zone.
 */
const DAY_MS = 86_400_000;

/** Last Sunday of a month, as a UTC day number (ms). */
function lastSunday(year: number, month: number): number {
	const last = Date.UTC(year, month + 1, 0);
	return last - new Date(last).getUTCDay() * DAY_MS;
}

/** Amsterdam's offset from UTC in minutes at an instant: 120 in summer time, 60 otherwise. */
export function amsterdamOffset(instant: number): number {
	const year = new Date(instant).getUTCFullYear();
	const summerFrom = lastSunday(year, 2) + 3_600_000;
	const summerTo = lastSunday(year, 9) + 3_600_000;
	return instant >= summerFrom && instant < summerTo ? 120 : 60;
}

/**
 * The instant of a civil time in Amsterdam. A time that does not exist (02:30 when the clocks go forward) moves an
 * hour on; a time that happens twice (02:30 when they go back) is the first, in summer time.
 */
export function amsterdamInstant(y: number, mo: number, d: number, h = 0, mi = 0): Date {
	const asUtc = Date.UTC(y, mo - 1, d, h, mi);
	const summer = asUtc - 120 * 60_000;
	if (amsterdamOffset(summer) === 120) return new Date(summer);
	const winter = asUtc - 60 * 60_000;
	if (amsterdamOffset(winter) === 60) return new Date(winter);
	return new Date(summer + 3_600_000); // the skipped hour
}

/** Noon in Amsterdam of a calendar day "YYYY-MM-DD": an instant that names that day in every language's format. */
export function amsterdamNoon(day: string): Date {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	return amsterdamInstant(y, mo, d, 12);
}

/** Amsterdam's wall clock at an instant, as a Date whose UTC fields read it (no Intl: see amsterdamOffset). */
function amsterdamWall(instant: Date): Date {
	return new Date(instant.getTime() + amsterdamOffset(instant.getTime()) * 60_000);
}

/**
 * The weekday (1 = Monday … 7 = Sunday) and minutes since midnight of an instant in Amsterdam, by the summer-time rule
 * rather than Intl: the participant's "my coach" screen asks whether the coach is working while it starts, and a
 * phone's first Intl date formatter with a time zone costs it about 160 ms at CPU 4x (issue 17).
 */
export function amsterdamClock(at: Date): { weekday: number; minutes: number } {
	const wall = amsterdamWall(at);
	return {
		weekday: ((wall.getUTCDay() + 6) % 7) + 1,
		minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes()
	};
}

/** The civil date ("YYYY-MM-DD") in Amsterdam of an instant. */
export function amsterdamDate(instant: Date): string {
	return amsterdamWall(instant).toISOString().slice(0, 10);
}

/** Start of the Amsterdam day containing `instant`, plus `days` days. */
export function startOfAmsterdamDay(instant: Date, days = 0): Date {
	const [y, mo, d] = amsterdamDate(instant).split('-').map(Number) as [number, number, number];
	const next = new Date(Date.UTC(y, mo - 1, d + days));
	return amsterdamInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}
