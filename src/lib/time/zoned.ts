/**
 * Wall-clock time in a time zone (Europe/Amsterdam for everything Opstap plans) <-> instants, with Intl only: the
 * offset is looked up for the moment itself, so summer and winter time are both right.
 */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = partsFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		partsFormatters.set(timeZone, f);
	}
	return f;
}

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

/** The wall-clock time at an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string): WallClock {
	const parts = Object.fromEntries(
		formatterFor(timeZone)
			.formatToParts(instant)
			.map((p) => [p.type, p.value])
	);
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute)
	};
}

/** Minutes the zone is ahead of UTC at an instant (60 in Amsterdam winter, 120 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
	const w = wallClock(instant, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. In the hour that does not exist (spring forward) the time moves on
 * by the gap; in the hour that happens twice (fall back) the first one is taken.
 */
export function zonedToInstant(w: WallClock, timeZone: string): Date {
	const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	const day = 86_400_000;
	// The zone's offset a day before and a day after: around a change these differ, otherwise they are the same.
	const before = zoneOffsetMinutes(new Date(naive - day), timeZone);
	const after = zoneOffsetMinutes(new Date(naive + day), timeZone);
	const matches = [...new Set([before, after])]
		.map((offset) => naive - offset * 60_000)
		.filter((t) => {
			const back = wallClock(new Date(t), timeZone);
			return back.hour === w.hour && back.minute === w.minute && back.day === w.day;
		});
	if (matches.length) return new Date(Math.min(...matches));
	// In the gap: the clock says 02:30 but jumped from 02:00 to 03:00; take 03:30.
	return new Date(naive - before * 60_000);
}

/** "2026-12-03" and "10:00" (as an HTML date and time input give them) -> the instant, or null if malformed. */
export function parseLocalDateTime(date: string, time: string, timeZone: string): Date | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const w = {
		year: Number(d[1]),
		month: Number(d[2]),
		day: Number(d[3]),
		hour: Number(t[1]),
		minute: Number(t[2])
	};
	if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31 || w.hour > 23 || w.minute > 59) return null;
	const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
	if (check.getUTCDate() !== w.day) return null; // 31 February
	return zonedToInstant(w, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant as the values of HTML date and time inputs in a zone: ["2026-12-03", "10:00"]. */
export function toLocalInputs(instant: Date, timeZone: string): [string, string] {
	const w = wallClock(instant, timeZone);
	return [`${w.year}-${pad(w.month)}-${pad(w.day)}`, `${pad(w.hour)}:${pad(w.minute)}`];
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(instant: Date, timeZone: string): string {
	return toLocalInputs(instant, timeZone)[0];
}

/** "2026-12-03" -> its parts (the caller has checked the format). */
export function parseDay(day: string): { year: number; month: number; day: number } {
	const [year = 1970, month = 1, d = 1] = day.split('-').map(Number);
	return { year, month, day: d };
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
	const p = parseDay(day);
	const date = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Adds calendar months to a YYYY-MM-DD date; a day the month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
	const p = parseDay(day);
	const target = new Date(Date.UTC(p.year, p.month - 1 + months, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1)}-${pad(Math.min(p.day, last))}`;
}
