import type { Schedule } from './recurrence';
import { parseCivil } from './recurrence';

/** Europe/Amsterdam as calendars expect it inside an .ics file. */
const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Amsterdam',
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

/** Text in an iCalendar value: backslash, semicolon, comma and newlines escaped. */
export function icsText(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function civil(value: string): string {
	const [y, mo, d, h, mi] = parseCivil(value);
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${p(y, 4)}${p(mo)}${p(d)}T${p(h)}${p(mi)}00`;
}

function fold(line: string): string {
	const out: string[] = [];
	let rest = line;
	while (rest.length > 74) {
		out.push(rest.slice(0, 74));
		rest = ' ' + rest.slice(74);
	}
	out.push(rest);
	return out.join('\r\n');
}

export interface IcsEvent {
	uid: string;
	title: string;
	description?: string;
	location?: string;
	schedule: Schedule;
}

/** An .ics file for "add to my calendar": the activity with its schedule, in Amsterdam time. */
export function toIcs(events: IcsEvent[], stamp = new Date()): string {
	const dtstamp = stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Opstap//Activiteiten//NL',
		'CALSCALE:GREGORIAN',
		...VTIMEZONE
	];
	for (const e of events) {
		const [y, mo, d, h, mi] = parseCivil(e.schedule.start);
		const end = new Date(Date.UTC(y, mo - 1, d, h, mi) + e.schedule.durationMinutes * 60_000);
		const endCivil = end.toISOString().slice(0, 16);
		lines.push(
			'BEGIN:VEVENT',
			`UID:${e.uid}`,
			`DTSTAMP:${dtstamp}`,
			`DTSTART;TZID=Europe/Amsterdam:${civil(e.schedule.start)}`,
			`DTEND;TZID=Europe/Amsterdam:${civil(endCivil)}`,
			`SUMMARY:${icsText(e.title)}`
		);
		if (e.schedule.rrule) lines.push(`RRULE:${e.schedule.rrule.replace(/^RRULE:/i, '')}`);
		for (const x of e.schedule.exdates ?? []) {
			if (x.length > 10) lines.push(`EXDATE;TZID=Europe/Amsterdam:${civil(x)}`);
		}
		for (const r of e.schedule.rdates ?? []) lines.push(`RDATE;TZID=Europe/Amsterdam:${civil(r)}`);
		if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
		if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}

/** The .ics of one catalogue activity, titled in the participant's language where a translation is given. */
export function activityIcs(
	activity: {
		id: string;
		title: string;
		description: string;
		address: string;
		translations: Record<string, { title?: string; description?: string }>;
		schedule: Schedule;
	},
	lang: string
): string {
	const t = activity.translations[lang];
	return toIcs([
		{
			uid: `${activity.id}@opstap`,
			title: t?.title || activity.title,
			description: t?.description || activity.description,
			location: activity.address,
			schedule: activity.schedule
		}
	]);
}
