/**
 * Schedules of activities as wall-clock times in Europe/Amsterdam, with the RRULE subset the catalogue accepts:
 * FREQ=WEEKLY (BYDAY=MO,WE…) or FREQ=MONTHLY (BYDAY=2TU, -1FR…), INTERVAL, COUNT or UNTIL, plus EXDATE and RDATE
 * lists. Small on purpose: the participant's phone runs it for "next date", "today" and "this week", offline.
 *
 * Times are civil ("2026-03-29T10:00" means ten o'clock in Amsterdam on that day, summer or winter time). Europe's
 * summer-time rule (since 1996: last Sunday of March to last Sunday of October, switching at 01:00 UTC) turns them
 * into instants; tests check it against the platform's time-zone data.
 */

import { amsterdamDate, amsterdamInstant, amsterdamOffset, startOfAmsterdamDay } from '../time/amsterdam';

export interface Schedule {
	/** First (or only) start, civil time in Amsterdam: "YYYY-MM-DDTHH:mm". */
	start: string;
	durationMinutes: number;
	/** e.g. "FREQ=WEEKLY;BYDAY=TU,TH" — absent for a one-off activity. */
	rrule?: string | null;
	/** Starts that are skipped (civil "YYYY-MM-DDTHH:mm", or a date "YYYY-MM-DD" for that whole day). */
	exdates?: string[];
	/** Extra starts (an irregular schedule), civil "YYYY-MM-DDTHH:mm". */
	rdates?: string[];
}

export interface Occurrence {
	start: Date;
	end: Date;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DAY_MS = 86_400_000;

export interface Rule {
	freq: 'WEEKLY' | 'MONTHLY';
	interval: number;
	/** weekday 0 (Sunday) .. 6, with an ordinal for monthly rules (1..5, -1..-5; 0: every such day). */
	byDay: { day: number; n: number }[];
	count?: number;
	/** Last allowed start, as an instant. */
	until?: Date;
}

export class ScheduleError extends Error {}

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Civil date-time parts; throws on anything that is not a real "YYYY-MM-DDTHH:mm". */
export function parseCivil(value: string): [number, number, number, number, number] {
	const m = CIVIL.exec(value);
	if (!m) throw new ScheduleError(`not a date and time: ${value}`);
	const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
	const probe = new Date(Date.UTC(y, mo - 1, d));
	if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) {
		throw new ScheduleError(`not a date and time: ${value}`);
	}
	return [y, mo, d, h, mi];
}

// Amsterdam's civil time <-> instants lives in the one time module; re-exported for the schedule's callers.
export { amsterdamDate, amsterdamInstant, amsterdamOffset, startOfAmsterdamDay };

function parseUntil(value: string): Date {
	const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
	if (!m) throw new ScheduleError(`bad UNTIL ${value}`);
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (m[4] === undefined) return new Date(amsterdamInstant(y, mo, d, 23, 59).getTime() + 59_999);
	const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
	if (m[7]) return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
	return new Date(amsterdamInstant(y, mo, d, h, mi).getTime() + s * 1000);
}

/** Parses the accepted RRULE subset; throws a ScheduleError naming what is not accepted. */
export function parseRule(rrule: string): Rule {
	const parts = new Map<string, string>();
	for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
		if (!part) continue;
		const [key, value] = part.split('=');
		if (!key || value === undefined) throw new ScheduleError(`bad rule part ${part}`);
		parts.set(key.toUpperCase(), value.toUpperCase());
	}
	const freq = parts.get('FREQ');
	if (freq !== 'WEEKLY' && freq !== 'MONTHLY')
		throw new ScheduleError(`FREQ ${freq ?? '(none)'} not accepted`);
	for (const key of parts.keys()) {
		if (!['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'].includes(key)) {
			throw new ScheduleError(`${key} not accepted`);
		}
	}
	const interval = Number(parts.get('INTERVAL') ?? '1');
	if (!Number.isInteger(interval) || interval < 1 || interval > 52) throw new ScheduleError('bad INTERVAL');
	const byDay = (parts.get('BYDAY') ?? '')
		.split(',')
		.filter(Boolean)
		.map((token) => {
			const m = /^([+-]?[1-5])?(SU|MO|TU|WE|TH|FR|SA)$/.exec(token);
			if (!m) throw new ScheduleError(`bad BYDAY ${token}`);
			const n = m[1] ? Number(m[1]) : 0;
			if (n !== 0 && freq === 'WEEKLY') throw new ScheduleError(`bad BYDAY ${token} in a weekly rule`);
			return { day: DAYS.indexOf(m[2] as (typeof DAYS)[number]), n };
		});
	const rule: Rule = { freq, interval, byDay };
	if (parts.has('COUNT')) {
		const count = Number(parts.get('COUNT'));
		if (!Number.isInteger(count) || count < 1) throw new ScheduleError('bad COUNT');
		rule.count = count;
	}
	if (parts.has('UNTIL')) rule.until = parseUntil(parts.get('UNTIL')!);
	if (rule.count && rule.until) throw new ScheduleError('COUNT and UNTIL together');
	return rule;
}

/** Checks a schedule as a whole; returns the problem, or null when it is fine. */
export function scheduleProblem(schedule: Schedule): string | null {
	try {
		parseCivil(schedule.start);
		if (schedule.rrule) parseRule(schedule.rrule);
		for (const r of schedule.rdates ?? []) parseCivil(r);
		for (const x of schedule.exdates ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(x)) parseCivil(x);
		if (!(schedule.durationMinutes > 0 && schedule.durationMinutes <= 24 * 60)) return 'bad duration';
		return null;
	} catch (e) {
		return e instanceof ScheduleError ? e.message : String(e);
	}
}

/** Civil start days (UTC-midnight ms as a day number) generated by the rule, from the first start, in order. */
function* ruleDays(first: number, rule: Rule, skipBefore: number): Generator<number> {
	const start = new Date(first);
	if (rule.freq === 'WEEKLY') {
		const days = rule.byDay.length ? rule.byDay.map((b) => b.day) : [start.getUTCDay()];
		// Weeks run Monday to Sunday (WKST=MO); the interval counts weeks from the first start's week.
		const monday = first - ((start.getUTCDay() + 6) % 7) * DAY_MS;
		const offsets = [...new Set(days.map((d) => (d + 6) % 7))].sort((a, b) => a - b);
		// Without COUNT, whole periods before `skipBefore` need not be walked through.
		const skip = rule.count
			? 0
			: Math.max(0, Math.floor((skipBefore - monday) / (7 * DAY_MS) / rule.interval) - 1);
		for (let week = skip * rule.interval; week < skip * rule.interval + 5000; week += rule.interval) {
			for (const offset of offsets) {
				const day = monday + (week * 7 + offset) * DAY_MS;
				if (day >= first) yield day;
			}
		}
		return;
	}
	const byDay = rule.byDay.length ? rule.byDay : null;
	const skipMonths = rule.count
		? 0
		: Math.max(
				0,
				Math.floor(
					((new Date(skipBefore).getUTCFullYear() - start.getUTCFullYear()) * 12 +
						new Date(skipBefore).getUTCMonth() -
						start.getUTCMonth()) /
						rule.interval
				) - 1
			);
	for (
		let month = skipMonths * rule.interval;
		month < skipMonths * rule.interval + 1200;
		month += rule.interval
	) {
		const y = start.getUTCFullYear();
		const m = start.getUTCMonth() + month;
		const firstOfMonth = Date.UTC(y, m, 1);
		const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
		const found: number[] = [];
		if (!byDay) {
			if (start.getUTCDate() <= daysInMonth) found.push(Date.UTC(y, m, start.getUTCDate()));
		} else {
			for (const { day, n } of byDay) {
				const matches: number[] = [];
				for (let d = 0; d < daysInMonth; d++) {
					const t = firstOfMonth + d * DAY_MS;
					if (new Date(t).getUTCDay() === day) matches.push(t);
				}
				if (n === 0) found.push(...matches);
				else {
					const pick = n > 0 ? matches[n - 1] : matches[matches.length + n];
					if (pick !== undefined) found.push(pick);
				}
			}
		}
		for (const day of [...new Set(found)].sort((a, b) => a - b)) if (day >= first) yield day;
	}
}

/**
 * Occurrences of a schedule whose start is at or after `from` (or that are still going on at `from` when
 * `ongoing`), up to `limit` of them and before `to` when given; in order.
 */
export function occurrences(
	schedule: Schedule,
	from: Date,
	options: { to?: Date; limit?: number; ongoing?: boolean } = {}
): Occurrence[] {
	const limit = options.limit ?? 10;
	const duration = schedule.durationMinutes * 60_000;
	const threshold = from.getTime() - (options.ongoing ? duration : 0);
	const toMs = options.to?.getTime() ?? Infinity;
	const [y, mo, d, h, mi] = parseCivil(schedule.start);
	const excluded = new Set(schedule.exdates ?? []);
	const starts: number[] = [];

	const isExcluded = (day: number) => {
		const date = new Date(day).toISOString().slice(0, 10);
		return excluded.has(date) || excluded.has(`${date}T${pad(h)}:${pad(mi)}`);
	};

	if (schedule.rrule) {
		const rule = parseRule(schedule.rrule);
		let n = 0;
		for (const day of ruleDays(Date.UTC(y, mo - 1, d), rule, threshold)) {
			n++;
			if (rule.count && n > rule.count) break;
			const date = new Date(day);
			const instant = amsterdamInstant(
				date.getUTCFullYear(),
				date.getUTCMonth() + 1,
				date.getUTCDate(),
				h,
				mi
			);
			if (rule.until && instant > rule.until) break;
			if (instant.getTime() >= toMs) break;
			if (instant.getTime() < threshold) continue;
			if (isExcluded(day)) continue;
			starts.push(instant.getTime());
			if (starts.length >= limit) break;
		}
	} else if (!excluded.has(schedule.start)) {
		starts.push(amsterdamInstant(y, mo, d, h, mi).getTime());
	}
	for (const extra of schedule.rdates ?? []) {
		if (excluded.has(extra)) continue;
		const [ry, rmo, rd, rh, rmi] = parseCivil(extra);
		starts.push(amsterdamInstant(ry, rmo, rd, rh, rmi).getTime());
	}
	return [...new Set(starts)]
		.filter((s) => s >= threshold && s < toMs)
		.sort((a, b) => a - b)
		.slice(0, limit)
		.map((s) => ({ start: new Date(s), end: new Date(s + duration) }));
}

/** The next start at or after `from` (or null when the schedule has ended). */
export function nextOccurrence(schedule: Schedule, from: Date): Occurrence | null {
	return occurrences(schedule, from, { limit: 1 })[0] ?? null;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}
