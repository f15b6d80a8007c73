// Relative imports only: bench/activities.js runs this file as it is, to measure what the list sends.
import type { CostKind, Effort, Category } from './categories';
import type { ListActivity } from './filter';

/**
 * One activity of the list as it travels: a row of values in a fixed order instead of an object, because with
 * 5,000 activities the field names alone would be half the data (bench/activities.js: 1.2 MB as objects in
 * SvelteKit's data format, about half that as rows). Trailing empty values are left off. The phone unpacks the
 * rows once when the list opens (unpackActivity); nothing else sees this shape.
 *
 * [id, category, title, lat, lon, start, durationMinutes, rrule, cost, effort, flags, priceCents, exdates, rdates,
 * photo]
 */
export type PackedActivity = [
	id: string,
	category: Category,
	title: string,
	lat: number | null,
	lon: number | null,
	start: string,
	durationMinutes: number,
	rrule: string | null,
	cost: CostKind,
	effort: Effort,
	flags: string,
	priceCents?: number | null,
	exdates?: string[] | null,
	rdates?: string[] | null,
	photo?: string | null
];

/** The yes/no facts of an activity, one letter each in `flags`. */
const FLAGS = {
	translated: 't',
	wheelchair: 'w',
	womenOnly: 'v',
	childcare: 'k',
	closed: 'x'
} as const;
type Flag = keyof typeof FLAGS;
const FLAG_NAMES = Object.keys(FLAGS) as Flag[];

export function packActivity(a: ListActivity): PackedActivity {
	const row: PackedActivity = [
		a.id,
		a.category,
		a.title,
		a.lat,
		a.lon,
		a.schedule.start,
		a.schedule.durationMinutes,
		a.schedule.rrule ?? null,
		a.cost,
		a.effort,
		FLAG_NAMES.filter((f) => a[f])
			.map((f) => FLAGS[f])
			.join(''),
		a.priceCents ?? null,
		a.schedule.exdates?.length ? a.schedule.exdates : null,
		a.schedule.rdates?.length ? a.schedule.rdates : null,
		a.photo ?? null
	];
	while (row.length > 11 && row.at(-1) === null) row.pop();
	return row;
}

export function unpackActivity(row: PackedActivity): ListActivity {
	const [id, category, title, lat, lon, start, durationMinutes, rrule, cost, effort, flags] = row;
	const [priceCents, exdates, rdates, photo] = row.slice(11) as [
		number | null | undefined,
		string[] | null | undefined,
		string[] | null | undefined,
		string | null | undefined
	];
	const activity: ListActivity = {
		id,
		category,
		title,
		lat,
		lon,
		schedule: {
			start,
			durationMinutes,
			...(rrule ? { rrule } : {}),
			...(exdates ? { exdates } : {}),
			...(rdates ? { rdates } : {})
		},
		cost,
		effort,
		...(typeof priceCents === 'number' ? { priceCents } : {}),
		...(photo ? { photo } : {})
	};
	for (const f of FLAG_NAMES) if (flags.includes(FLAGS[f])) activity[f] = true;
	return activity;
}
