import { TIME_ZONE } from '$lib/time/amsterdam';
import { wallClock } from '$lib/time/zoned';

/** An event for "add to my calendar". Times are instants; the file gives them in Europe/Amsterdam. */
export interface CalendarEvent {
	uid: string;
	start: Date;
	end: Date;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
	/** An RRULE value (e.g. "FREQ=WEEKLY;BYDAY=TU"), for recurring activities. */
	rrule?: string;
	/** When this version was made (DTSTAMP); default now. */
	stamp?: Date;
	cancelled?: boolean;
}

/** The time zone every Opstap calendar entry is in. */
export const TZID = TIME_ZONE;

// The rules of Europe/Amsterdam since 1996 (EU summer time), so calendars without a time zone database agree.
const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${TZID}`,
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

const pad = (n: number) => String(n).padStart(2, '0');

function localStamp(instant: Date): string {
	const w = wallClock(instant, TZID);
	return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}00`;
}

/** An .ics instant in UTC (DTSTAMP). */
export function utcStamp(instant: Date): string {
	return instant
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
export function escapeText(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (continued on the next line after a space), never inside a character. */
function fold(line: string): string {
	const encoder = new TextEncoder();
	if (encoder.encode(line).length <= 75) return line;
	const out: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const n = encoder.encode(char).length;
		if (size + n > (out.length ? 74 : 75)) {
			out.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += n;
	}
	out.push(current);
	return out.join('\r\n ');
}

/**
 * A complete .ics file around events given as their property lines (without BEGIN/END:VEVENT): the header, the
 * Amsterdam time zone, folding. Appointments (buildIcs) and activities (src/lib/activities/ics.ts) both use it.
 */
export function icsFile(events: string[][], productName = 'Opstap'): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:-//${productName}//NL`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...VTIMEZONE,
		...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}

/** An .ics instant in UTC (DTSTAMP). */
export /** A complete .ics file with one or more events at fixed instants (appointments). */
function buildIcs(events: CalendarEvent[], productName = 'Opstap'): string {
	return icsFile(
		events.map((e) => [
			`UID:${e.uid}`,
			`DTSTAMP:${utcStamp(e.stamp ?? new Date())}`,
			`DTSTART;TZID=${TZID}:${localStamp(e.start)}`,
			`DTEND;TZID=${TZID}:${localStamp(e.end)}`,
			`SUMMARY:${escapeText(e.summary)}`,
			...(e.rrule ? [`RRULE:${e.rrule}`] : []),
			...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
			...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
			...(e.url ? [`URL:${e.url}`] : []),
			...(e.cancelled ? ['STATUS:CANCELLED'] : [])
		]),
		productName
	);
}
