import { TIME_ZONE } from '$lib/time/amsterdam';
import { parseCivil, parseRule, amsterdamInstant, amsterdamOffset } from '$lib/activities/recurrence';
import type { ActivityRow } from './catalogue';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2026-03-24T10:00" in Amsterdam as an ISO time with its offset: "2026-03-24T10:00:00+01:00". */
function isoWithOffset(civil: string): string {
	const [y, mo, d, h, mi] = parseCivil(civil);
	const instant = amsterdamInstant(y, mo, d, h, mi).getTime();
	const offset = amsterdamOffset(instant) / 60;
	return `${civil}:00+0${offset}:00`;
}

function endOf(civil: string, minutes: number): string {
	const [y, mo, d, h, mi] = parseCivil(civil);
	return new Date(Date.UTC(y, mo - 1, d, h, mi) + minutes * 60_000).toISOString().slice(0, 16);
}

/** One activity as a schema.org Event (JSON-LD), with its repeat rule as an eventSchedule. */
export function activityEvent(a: ActivityRow, origin: string): Record<string, unknown> {
	const event: Record<string, unknown> = {
		'@type': 'Event',
		identifier: a.externalId,
		name: a.title,
		description: a.description,
		inLanguage: ['nl', ...Object.keys(a.translations)],
		startDate: isoWithOffset(a.start),
		endDate: isoWithOffset(endOf(a.start, a.durationMinutes)),
		eventStatus: a.closed ? 'https://schema.org/EventPostponed' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		isAccessibleForFree: a.cost === 'free',
		location: {
			'@type': 'Place',
			name: a.neighbourhood || a.address,
			address: {
				'@type': 'PostalAddress',
				streetAddress: a.address,
				postalCode: a.postcode,
				addressCountry: 'NL'
			},
			...(a.lat !== null &&
				a.lon !== null && { geo: { '@type': 'GeoCoordinates', latitude: a.lat, longitude: a.lon } }),
			...(a.wheelchair && {
				amenityFeature: {
					'@type': 'LocationFeatureSpecification',
					name: 'wheelchair accessible',
					value: true
				}
			})
		},
		organizer: { '@type': 'Organization', name: a.organiser, ...(a.contact && { contactPoint: a.contact }) },
		keywords: a.category
	};
	if (a.groupSize) event.maximumAttendeeCapacity = a.groupSize;
	if (a.cost !== 'free') {
		event.offers = {
			'@type': 'Offer',
			priceCurrency: 'EUR',
			...(a.priceCents !== null && { price: (a.priceCents / 100).toFixed(2) }),
			...(a.cost === 'scheme' && { eligibleCustomerType: 'local scheme (Meedoen)' })
		};
	}
	if (a.photoSha256) event.image = `${origin}/activities/photo/${a.id}?v=${a.photoSha256.slice(0, 16)}`;
	if (a.rrule) {
		const rule = parseRule(a.rrule);
		event.eventSchedule = {
			'@type': 'Schedule',
			startDate: a.start.slice(0, 10),
			startTime: a.start.slice(11),
			endTime: endOf(a.start, a.durationMinutes).slice(11),
			scheduleTimezone: TIME_ZONE,
			repeatFrequency: rule.freq === 'WEEKLY' ? `P${rule.interval}W` : `P${rule.interval}M`,
			...(rule.byDay.length && { byDay: rule.byDay.map((b) => `https://schema.org/${DAY_NAMES[b.day]}`) }),
			...(rule.count && { repeatCount: rule.count }),
			...(rule.until && { endDate: rule.until.toISOString().slice(0, 10) }),
			...(a.exdates.length && { exceptDate: a.exdates.map((x) => x.slice(0, 10)) })
		};
	}
	return event;
}

/** The catalogue as JSON-LD; "<" is escaped so the text is safe even inside an HTML script block. */
export function activitiesJsonLd(rows: ActivityRow[], origin: string): string {
	const graph = { '@context': 'https://schema.org', '@graph': rows.map((a) => activityEvent(a, origin)) };
	return JSON.stringify(graph, null, 2).replace(/</g, '\\u003c');
}
