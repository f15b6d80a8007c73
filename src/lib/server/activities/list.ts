// Relative imports only: bench/activities.js runs this file as it is, to measure the list the phone gets.
import type { CatalogueActivity, ListActivity } from '../../activities/filter';

/** Five decimals is about a metre: plenty for "within 2 km", and a third shorter than a double's seventeen digits. */
const coordinate = (value: number | null) => (value === null ? null : Math.round(value * 1e5) / 1e5);

/**
 * One activity as the list sends it to the phone: what the filters and a card read, the title already in the
 * participant's language. Everything else waits for the activity's own page (activityForParticipant).
 */
export function listActivity(activity: CatalogueActivity, lang: string): ListActivity {
	const { start, durationMinutes, rrule, exdates, rdates } = activity.schedule;
	const translatedTitle = lang === 'nl' ? '' : (activity.translations[lang]?.title ?? '');
	return {
		id: activity.id,
		category: activity.category,
		title: translatedTitle || activity.title,
		...(translatedTitle ? { translated: true as const } : {}),
		lat: coordinate(activity.lat),
		lon: coordinate(activity.lon),
		schedule: {
			start,
			durationMinutes,
			...(rrule ? { rrule } : {}),
			...(exdates?.length ? { exdates } : {}),
			...(rdates?.length ? { rdates } : {})
		},
		cost: activity.cost,
		...(activity.priceCents !== null ? { priceCents: activity.priceCents } : {}),
		effort: activity.effort,
		...(activity.womenOnly ? { womenOnly: true as const } : {}),
		...(activity.wheelchair ? { wheelchair: true as const } : {}),
		...(activity.childcare ? { childcare: true as const } : {}),
		...(activity.closed ? { closed: true as const } : {}),
		...(activity.photo ? { photo: activity.photo } : {})
	};
}
