import type { Schedule } from './recurrence';
import { parseCivil } from './recurrence';
import { escapeText, icsFile, TZID, utcStamp } from '$lib/calendar/ics';

/** Text in an iCalendar value (the same escaping as appointments' files). */
export const icsText = escapeText;

function civil(value: string): string {
	const [y, mo, d, h, mi] = parseCivil(value);
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${p(y, 4)}${p(mo)}${p(d)}T${p(h)}${p(mi)}00`;
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
	return icsFile(
		events.map((e) => {
			const [y, mo, d, h, mi] = parseCivil(e.schedule.start);
			const end = new Date(Date.UTC(y, mo - 1, d, h, mi) + e.schedule.durationMinutes * 60_000);
			return [
				`UID:${e.uid}`,
				`DTSTAMP:${utcStamp(stamp)}`,
				`DTSTART;TZID=${TZID}:${civil(e.schedule.start)}`,
				`DTEND;TZID=${TZID}:${civil(end.toISOString().slice(0, 16))}`,
				`SUMMARY:${icsText(e.title)}`,
				...(e.schedule.rrule ? [`RRULE:${e.schedule.rrule.replace(/^RRULE:/i, '')}`] : []),
				...(e.schedule.exdates ?? [])
					.filter((x) => x.length > 10)
					.map((x) => `EXDATE;TZID=${TZID}:${civil(x)}`),
				...(e.schedule.rdates ?? []).map((r) => `RDATE;TZID=${TZID}:${civil(r)}`),
				...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
				...(e.location ? [`LOCATION:${icsText(e.location)}`] : [])
			];
		}),
		'Opstap//Activiteiten'
	);
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
