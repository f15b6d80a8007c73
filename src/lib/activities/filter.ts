import { occurrences, startOfAmsterdamDay, type Schedule } from './recurrence';
import type { Category, CostKind, Effort } from './categories';

/** An activity as the phone keeps it (the catalogue sent with the page, also used offline). */
export interface CatalogueActivity {
	id: string;
	category: Category;
	title: string;
	description: string;
	/**
	 * Translations where given: { tr: { title, description, closedReason } }. A participant's phone gets only its
	 * language's, and only current ones (made from today's Dutch).
	 */
	translations: Record<string, { title?: string; description?: string; closedReason?: string }>;
	organiser: string;
	contact: string;
	address: string;
	neighbourhood: string;
	lat: number | null;
	lon: number | null;
	schedule: Schedule;
	cost: CostKind;
	priceCents: number | null;
	effort: Effort;
	groupSize: number | null;
	womenOnly: boolean;
	wheelchair: boolean;
	childcare: boolean;
	languages: string[];
	closed: boolean;
	closedReason: string;
	/** A version string for the uploaded photo (its URL), or null: the category pictogram is shown. */
	photo: string | null;
}

/**
 * An activity as the list carries it: only what the filters and a card read, so 5,000 of them stay well under a
 * megabyte on the phone (bench/activities.js). The long texts (description, address, organiser, contact, languages,
 * group size, why it is closed) come with the activity's own page. The title is already in the participant's
 * language where a translation is given (`translated`), as the page's other texts are; false flags, empty schedule
 * lists and a missing price are left out.
 */
export interface ListActivity {
	id: string;
	category: Category;
	title: string;
	/** The title is the participant's language's, not the Dutch original. */
	translated?: true;
	lat: number | null;
	lon: number | null;
	schedule: Schedule;
	cost: CostKind;
	priceCents?: number;
	effort: Effort;
	womenOnly?: true;
	wheelchair?: true;
	childcare?: true;
	closed?: true;
	photo?: string;
}

/** What the filters read of an activity: the list's and the whole one's both have it. */
export type Filterable = Pick<ListActivity, 'id' | 'category' | 'lat' | 'lon' | 'schedule' | 'cost'> & {
	closed?: boolean;
};

export interface Point {
	lat: number;
	lon: number;
}

const EARTH_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The participant's place from their four postcode digits and the municipality's centroid table. */
export function postcodePoint(
	postcode: string | null | undefined,
	centroids: Record<string, Point>
): Point | null {
	const digits = postcode?.trim().slice(0, 4);
	return digits && /^\d{4}$/.test(digits) ? (centroids[digits] ?? null) : null;
}

export interface Filters {
	category?: Category | null;
	today?: boolean;
	week?: boolean;
	free?: boolean;
	/** Only activities within `nearKm` of `here`. */
	near?: boolean;
	here?: Point | null;
	nearKm?: number;
}

export interface Shown<A extends Filterable = ListActivity> {
	activity: A;
	next: Date | null;
	distanceKm: number | null;
}

/** Default radius of "near me". */
export const NEAR_KM = 2;

/**
 * What the participant sees for the chosen filters, with each one's next start and distance: soonest first ("near
 * me": nearest first); activities closed for now come last with their reason, and never under "today" or "this week". "Today" is the rest of this day in Amsterdam; "this week" the next
 * seven days, today included.
 */
export function filterActivities<A extends Filterable>(list: A[], filters: Filters, now: Date): Shown<A>[] {
	const here = filters.here ?? null;
	const until = filters.today
		? startOfAmsterdamDay(now, 1)
		: filters.week
			? startOfAmsterdamDay(now, 7)
			: undefined;
	const shown: Shown<A>[] = [];
	const closed: Shown<A>[] = [];
	for (const activity of list) {
		if (activity.closed && until) continue;
		if (filters.category && activity.category !== filters.category) continue;
		if (filters.free && activity.cost !== 'free') continue;
		const distance =
			here && activity.lat !== null && activity.lon !== null
				? distanceKm(here, { lat: activity.lat, lon: activity.lon })
				: null;
		if (filters.near && (distance === null || distance > (filters.nearKm ?? NEAR_KM))) continue;
		const next = cachedNext(activity, now);
		if (!next || (until && next >= until)) continue; // ended, or not in the chosen days
		(activity.closed ? closed : shown).push({ activity, next, distanceKm: distance });
	}
	return shown
		.sort((a, b) =>
			filters.near && a.distanceKm !== null && b.distanceKm !== null
				? a.distanceKm - b.distanceKm
				: a.next!.getTime() - b.next!.getTime()
		)
		.concat(closed);
}

const nextCache = new WeakMap<Filterable, { from: number; until: number; next: Date | null }>();

/**
 * The next start as of `now`, remembered per activity: it stays the next one until that occurrence is over, so
 * changing a filter, or the clock moving on a minute, only compares dates.
 */
function cachedNext(activity: Filterable, now: Date): Date | null {
	const t = now.getTime();
	const hit = nextCache.get(activity);
	if (hit && t >= hit.from && t < hit.until) return hit.next;
	const next = nextStart(activity, now);
	const until = next ? next.getTime() + activity.schedule.durationMinutes * 60_000 : Infinity;
	nextCache.set(activity, { from: t, until, next });
	return next;
}

/** The next start (or the one going on now), before `until` when given; null when none or the schedule is broken. */
export function nextStart(activity: Pick<Filterable, 'schedule'>, now: Date, until?: Date): Date | null {
	try {
		return occurrences(activity.schedule, now, { limit: 1, ongoing: true, to: until })[0]?.start ?? null;
	} catch {
		return null;
	}
}

/**
 * Title, description and why it is closed in the participant's language where a current translation is given, else
 * the Dutch; each with the language it is in, so the page marks a Dutch one as Dutch and speaks it in Dutch.
 */
export function localText(
	activity: CatalogueActivity,
	lang: string
): {
	title: string;
	description: string;
	closedReason: string;
	translated: boolean;
	langs: { title: string; description: string; closedReason: string };
} {
	const t = activity.translations[lang];
	const of = (field: 'title' | 'description' | 'closedReason') =>
		t?.[field] ? { text: t[field], lang } : { text: activity[field], lang: 'nl' };
	const title = of('title');
	const description = of('description');
	const closedReason = of('closedReason');
	return {
		title: title.text,
		description: description.text,
		closedReason: closedReason.text,
		translated: Boolean(t?.title),
		langs: { title: title.lang, description: description.lang, closedReason: closedReason.lang }
	};
}
