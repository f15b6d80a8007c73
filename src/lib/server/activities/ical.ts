/**
 * An iCalendar feed (RFC 5545) as import rows in the CSV layout, so that its events go through the same checks and
 * dry run as a CSV file. Reading is ical.js's (folded lines, escapes, parameters, VTIMEZONE); what is ours is turning
 * times into Amsterdam civil time: a time in UTC ("Z"), or with a TZID that the feed defines in a VTIMEZONE or that
 * is an IANA zone (Europe/London, America/New_York …), becomes the Amsterdam wall-clock time of that moment.
 */
import ICAL from 'ical.js';
import { TIME_ZONE } from '$lib/time/amsterdam';
import { wallClock, zonedToInstant, type WallClock } from '$lib/time/zoned';
import type { SourceRow } from './layout';

/** Calendar programs on Windows name zones their own way; the ones our municipalities' partners use. */
const WINDOWS_ZONES: Record<string, string> = {
	'w. europe standard time': 'Europe/Amsterdam',
	'romance standard time': 'Europe/Paris',
	'central europe standard time': 'Europe/Budapest',
	'gmt standard time': 'Europe/London',
	'greenwich standard time': 'Atlantic/Reykjavik',
	'turkey standard time': 'Europe/Istanbul',
	'eastern standard time': 'America/New_York',
	utc: 'UTC'
};

/** An IANA zone name the platform knows, for a TZID without a VTIMEZONE in the feed; or null. */
function ianaZone(tzid: string): string | null {
	// Some programs put a path before the name ("/mozilla.org/20050126_1/Europe/Amsterdam").
	const candidates = [WINDOWS_ZONES[tzid.toLowerCase()], tzid, tzid.split('/').slice(-2).join('/')];
	for (const zone of candidates) {
		if (!zone) continue;
		try {
			new Intl.DateTimeFormat('en', { timeZone: zone });
			return zone;
		} catch {
			// not a zone the platform knows
		}
	}
	return null;
}

type Converted = { civil: string; instant: number | null } | { error: string };

const pad = (n: number) => String(n).padStart(2, '0');
const civilOf = (w: WallClock) => `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
const amsterdam = (instant: number) => civilOf(wallClock(new Date(instant), TIME_ZONE));

/**
 * One time of the feed as Amsterdam civil time "YYYY-MM-DD HH:MM", with its instant (null for a date, or a time
 * without zone, which is taken as Amsterdam time as it stands).
 */
function convert(time: ICAL.Time, tzid: string | null, what: string): Converted {
	const w: WallClock = {
		year: time.year,
		month: time.month,
		day: time.day,
		hour: time.hour,
		minute: time.minute
	};
	if (time.isDate) return { civil: civilOf({ ...w, hour: 0, minute: 0 }), instant: null };
	if (time.zone?.tzid === 'UTC') {
		const instant = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
		return { civil: amsterdam(instant), instant };
	}
	if (!tzid) return { civil: civilOf(w), instant: null };
	// The feed's own VTIMEZONE comes first (RFC 5545); ical.js has attached it to the time.
	if (time.zone?.component) {
		const instant = time.toUnixTime() * 1000;
		return { civil: amsterdam(instant), instant };
	}
	const zone = ianaZone(tzid);
	if (!zone) return { error: `${what}: onbekende tijdzone "${tzid}"` };
	const instant = zonedToInstant(w, zone).getTime();
	return { civil: amsterdam(instant), instant };
}

function convertProperty(prop: ICAL.Property, value: ICAL.Time, what: string): Converted {
	const tzid = prop.getParameter('tzid');
	return convert(value, typeof tzid === 'string' ? tzid : null, what);
}

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const dayNumber = (civil: string) => Date.parse(`${civil.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/**
 * The events of an iCalendar feed as import rows (the CSV layout), numbered by event. Problems only the feed can
 * have (a time zone nobody knows, a repeat rule that lands on another day in Amsterdam) become the row's `error`;
 * times that may be an hour off in some weeks (zones that change to summer time on other days) a warning.
 */
export function icalRows(text: string, defaults: { category: string }): SourceRow[] {
	let calendar: ICAL.Component;
	try {
		calendar = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, '')));
	} catch (e) {
		return [
			{
				line: 1,
				row: {},
				error: `Dit iCalendar-bestand kan niet worden gelezen (${e instanceof Error ? e.message : String(e)}).`
			}
		];
	}
	return calendar.getAllSubcomponents('vevent').map((event, i) => {
		try {
			return eventRow(event, i + 1, defaults);
		} catch (e) {
			return {
				line: i + 1,
				row: { id: String(event.getFirstPropertyValue('uid') ?? '') },
				error: `Deze afspraak kan niet worden gelezen (${e instanceof Error ? e.message : String(e)}).`
			};
		}
	});
}

function eventRow(event: ICAL.Component, line: number, defaults: { category: string }): SourceRow {
	const errors: string[] = [];
	const warnings: string[] = [];
	const textOf = (name: string) => {
		const v = event.getFirstPropertyValue(name);
		return typeof v === 'string' ? v : '';
	};
	const timeOf = (name: string) => {
		const prop = event.getFirstProperty(name);
		const value = prop?.getFirstValue();
		if (!prop || !(value instanceof ICAL.Time)) return null;
		const converted = convertProperty(prop, value, name.toUpperCase());
		if ('error' in converted) {
			errors.push(converted.error);
			return null;
		}
		return { ...converted, source: value, tzid: prop.getParameter('tzid') };
	};
	const times = (name: string) =>
		event.getAllProperties(name).flatMap((prop) =>
			prop.getValues().flatMap((v: unknown) => {
				const value = v instanceof ICAL.Period ? v.start : v;
				if (!(value instanceof ICAL.Time)) return [];
				const converted = convertProperty(prop, value, name.toUpperCase());
				if ('error' in converted) {
					errors.push(converted.error);
					return [];
				}
				return [converted.civil];
			})
		);

	const start = timeOf('dtstart');
	const end = timeOf('dtend');
	const durationValue = event.getFirstPropertyValue('duration');
	const duration =
		durationValue instanceof ICAL.Duration
			? Math.round(durationValue.toSeconds() / 60)
			: start && end
				? start.instant !== null && end.instant !== null
					? Math.round((end.instant - start.instant) / 60_000)
					: (dayNumber(end.civil) - dayNumber(start.civil)) * 1440 +
						(Date.parse(`1970-01-01T${end.civil.slice(11)}:00Z`) -
							Date.parse(`1970-01-01T${start.civil.slice(11)}:00Z`)) /
							60_000
				: 60;

	let rrule = '';
	const recur = event.getFirstPropertyValue('rrule');
	if (recur instanceof ICAL.Recur && start) {
		rrule = recur.toString();
		// A time in another zone can land on another day in Amsterdam (evening in New York is night here).
		const shift = start.instant === null ? 0 : dayNumber(start.civil) - dayNumber(civilOf(start.source));
		if (shift && recur.parts.BYDAY) {
			if (recur.freq !== 'WEEKLY' || recur.parts.BYDAY.some((d: string) => !/^[A-Z]{2}$/.test(d)))
				errors.push(
					'RRULE: in Nederlandse tijd valt dit op een andere dag, en die herhaling is niet om te zetten. Zet de tijd in de agenda op Europe/Amsterdam.'
				);
			else {
				const days = recur.parts.BYDAY.map((d: string) => DAY_CODES[(DAY_CODES.indexOf(d) + shift + 7) % 7]);
				rrule = rrule.replace(/BYDAY=[A-Z,]+/, `BYDAY=${days.join(',')}`);
			}
		}
		if (start.instant !== null && drifts(recur, start.source, start.tzid, start.civil))
			warnings.push(
				`De tijden staan in tijdzone ${typeof start.tzid === 'string' ? start.tzid : 'UTC'}. Die gaat niet op dezelfde dagen als Nederland over op zomer- of wintertijd. Daardoor kan de tijd in sommige weken een uur anders zijn. Kijk de tijden na.`
			);
	}

	const geo = event.getFirstPropertyValue('geo');
	const categories = event.getFirstProperty('categories')?.getValues() ?? [];
	const organizer = event.getFirstProperty('organizer');
	const cn = organizer?.getParameter('cn');
	const row: Record<string, string> = {
		id: String(event.getFirstPropertyValue('uid') ?? '').trim(),
		category:
			String(categories[0] ?? '')
				.trim()
				.toLowerCase() || defaults.category,
		title: textOf('summary'),
		description: textOf('description'),
		address: textOf('location'),
		contact: String(organizer?.getFirstValue() ?? '').replace(/^mailto:/i, ''),
		organiser: typeof cn === 'string' ? cn : '',
		start: start?.civil ?? '',
		duration: String(duration),
		rrule,
		exdates: times('exdate')
			.map((x) => x.slice(0, 10))
			.join(' '),
		rdates: times('rdate').join(', '),
		lat: Array.isArray(geo) ? String(geo[0]) : '',
		lon: Array.isArray(geo) ? String(geo[1]) : ''
	};
	return {
		line,
		row,
		...(errors.length && { error: errors.join('; ') }),
		...(warnings.length && { warnings })
	};
}

/**
 * Whether the repeats of an event in another zone (or in UTC) fall at another Amsterdam time of day than the first
 * one, within its first year: the zone changes to summer time on other days than Amsterdam, or not at all.
 */
function drifts(recur: ICAL.Recur, first: ICAL.Time, tzid: unknown, firstCivil: string): boolean {
	const iterator = recur.iterator(first);
	const until = first.toUnixTime() + 366 * 86_400;
	for (let n = 0, next = iterator.next(); next && n < 400; n++, next = iterator.next()) {
		const converted = convert(next, typeof tzid === 'string' ? tzid : null, '');
		if ('error' in converted || converted.instant === null) return false;
		if (converted.instant / 1000 > until) return false;
		if (converted.civil.slice(11) !== firstCivil.slice(11)) return true;
	}
	return false;
}
