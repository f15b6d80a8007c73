import { describe, expect, it } from 'vitest';
import {
	distanceKm,
	filterActivities,
	localText,
	postcodePoint,
	type CatalogueActivity
} from '../../../src/lib/activities/filter';
import { toIcs } from '../../../src/lib/activities/ics';
import { formatWhen, languageName } from '../../../src/lib/activities/format';

function activity(id: string, extra: Partial<CatalogueActivity> = {}): CatalogueActivity {
	return {
		id,
		category: 'taalcafe',
		title: `Activiteit ${id}`,
		description: '',
		translations: {},
		organiser: '',
		contact: '',
		address: '',
		neighbourhood: '',
		lat: 51.84,
		lon: 5.86,
		schedule: { start: '2026-11-02T10:00', durationMinutes: 120, rrule: 'FREQ=WEEKLY;BYDAY=MO' },
		cost: 'free',
		priceCents: null,
		effort: 'calm',
		groupSize: null,
		womenOnly: false,
		wheelchair: false,
		childcare: false,
		languages: [],
		closed: false,
		closedReason: '',
		photo: null,
		...extra
	};
}

// Tuesday 24 November 2026, 09:00 in Amsterdam.
const NOW = new Date('2026-11-24T08:00:00Z');

describe('distance', () => {
	it('is the great-circle distance', () => {
		// Nijmegen station to Arnhem station: about 16.5 km as the crow flies.
		const d = distanceKm({ lat: 51.8433, lon: 5.8528 }, { lat: 51.9847, lon: 5.8988 });
		expect(d).toBeGreaterThan(15.8);
		expect(d).toBeLessThan(16.2);
		expect(distanceKm({ lat: 52, lon: 5 }, { lat: 52, lon: 5 })).toBe(0);
		// One degree of latitude is about 111.2 km.
		expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19, 1);
	});

	it('finds the participant by their four postcode digits', () => {
		const centroids = { '6511': { lat: 51.84, lon: 5.86 } };
		expect(postcodePoint('6511', centroids)).toEqual({ lat: 51.84, lon: 5.86 });
		expect(postcodePoint('6511 AB', centroids)).toEqual({ lat: 51.84, lon: 5.86 });
		expect(postcodePoint('9999', centroids)).toBeNull();
		expect(postcodePoint('65a1', centroids)).toBeNull();
		expect(postcodePoint(null, centroids)).toBeNull();
	});
});

describe('filters', () => {
	const list = [
		activity('monday'), // next Monday 30 Nov: this week, not today
		activity('today', {
			schedule: { start: '2026-11-03T14:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;BYDAY=TU' }
		}),
		activity('paid-today', {
			cost: 'price',
			priceCents: 300,
			schedule: { start: '2026-11-24T19:00', durationMinutes: 60 }
		}),
		activity('far', { lat: 51.98, lon: 5.9, schedule: { start: '2026-11-25T10:00', durationMinutes: 60 } }),
		activity('later', { schedule: { start: '2026-12-15T10:00', durationMinutes: 60 } }),
		activity('ended', { schedule: { start: '2026-10-01T10:00', durationMinutes: 60 } }),
		activity('closed', { closed: true, closedReason: 'Verbouwing' }),
		activity('sport', { category: 'buurtgym', schedule: { start: '2026-11-26T10:00', durationMinutes: 60 } })
	];
	const ids = (shown: ReturnType<typeof filterActivities>) => shown.map((s) => s.activity.id);

	it('shows everything still to come, soonest first, closed ones last', () => {
		expect(ids(filterActivities(list, {}, NOW))).toEqual([
			'today',
			'paid-today',
			'far',
			'sport',
			'monday',
			'later',
			'closed'
		]);
	});

	it('"today" is the rest of this Amsterdam day; "this week" the next seven days', () => {
		expect(ids(filterActivities(list, { today: true }, NOW))).toEqual(['today', 'paid-today']);
		expect(ids(filterActivities(list, { week: true }, NOW))).toEqual([
			'today',
			'paid-today',
			'far',
			'sport',
			'monday'
		]);
		// Late in the evening "today" still holds what is going on.
		expect(ids(filterActivities(list, { today: true }, new Date('2026-11-24T18:30:00Z')))).toEqual([
			'paid-today'
		]);
	});

	it('"free", a category and "near me" combine', () => {
		expect(ids(filterActivities(list, { week: true, free: true }, NOW))).toEqual([
			'today',
			'far',
			'sport',
			'monday'
		]);
		expect(ids(filterActivities(list, { category: 'buurtgym' }, NOW))).toEqual(['sport']);
		const near = filterActivities(list, { near: true, here: { lat: 51.845, lon: 5.86 }, week: true }, NOW);
		expect(ids(near)).not.toContain('far');
		expect(near[0]!.distanceKm).toBeCloseTo(0.556, 2);
		// Without a place, "near me" shows nothing rather than everything.
		expect(filterActivities(list, { near: true }, NOW)).toEqual([]);
	});

	it('sorts by distance under "near me"', () => {
		const shown = filterActivities(
			[activity('b', { lat: 51.85 }), activity('a', { lat: 51.841 })],
			{ near: true, here: { lat: 51.84, lon: 5.86 }, nearKm: 5 },
			NOW
		);
		expect(ids(shown)).toEqual(['a', 'b']);
	});

	it('takes the translation where given', () => {
		const a = activity('x', { title: 'Taalcafé', translations: { so: { title: 'Maqaaxida luqadda' } } });
		expect(localText(a, 'so')).toMatchObject({ title: 'Maqaaxida luqadda', translated: true });
		expect(localText(a, 'ar')).toMatchObject({ title: 'Taalcafé', translated: false });
	});

	it('says per text which language it is in: the Dutch where there is no translation', () => {
		const a = activity('y', {
			title: 'Taalcafé',
			description: 'Praat Nederlands.',
			closed: true,
			closedReason: 'Verbouwing',
			translations: { tr: { title: 'Dil kafesi', closedReason: 'Tadilat' } }
		});
		expect(localText(a, 'tr')).toMatchObject({
			title: 'Dil kafesi',
			description: 'Praat Nederlands.',
			closedReason: 'Tadilat',
			langs: { title: 'tr', description: 'nl', closedReason: 'tr' }
		});
		expect(localText(a, 'ti').langs).toEqual({ title: 'nl', description: 'nl', closedReason: 'nl' });
	});
});

describe('calendar file', () => {
	it('has the schedule in Amsterdam time with its rule and escaped text', () => {
		const ics = toIcs(
			[
				{
					uid: 'a@opstap',
					title: 'Koffie, thee; en taal',
					description: 'Regel 1\nRegel 2',
					schedule: {
						start: '2026-03-24T10:00',
						durationMinutes: 90,
						rrule: 'FREQ=WEEKLY;BYDAY=TU',
						exdates: ['2026-04-07T10:00']
					}
				}
			],
			new Date('2026-03-01T00:00:00Z')
		);
		expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20260324T100000\r\n');
		expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20260324T113000\r\n');
		expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU\r\n');
		expect(ics).toContain('EXDATE;TZID=Europe/Amsterdam:20260407T100000\r\n');
		expect(ics).toContain('SUMMARY:Koffie\\, thee\\; en taal\r\n');
		expect(ics).toContain('DESCRIPTION:Regel 1\\nRegel 2\r\n');
		expect(ics).toContain('BEGIN:VTIMEZONE');
	});
});

describe('dates in the participant language', () => {
	const start = new Date('2026-03-31T08:00:00Z'); // Tuesday 10:00 in Amsterdam (summer time)
	const end = new Date('2026-03-31T09:30:00Z');
	const names: Record<string, string> = {
		'activities:dates.tue': 'Talaado',
		'activities:dates.mar': 'Maarso'
	};
	const t = (key: string, values?: Record<string, unknown>) =>
		key === 'activities:dates.pattern'
			? `${values!.weekday}, ${values!.month} ${values!.day}`
			: (names[key] ?? key);

	it('uses the browser names where it has them, in Amsterdam time', () => {
		expect(formatWhen(start, end, 'nl', t)).toBe('dinsdag 31 maart, 10:00 – 11:30');
	});

	it('falls back to the texts where the browser has no names for the language', () => {
		// No platform has date names for "zz" (as phones have none for Somali or Tigrinya).
		expect(Intl.DateTimeFormat.supportedLocalesOf(['zz'])).toEqual([]);
		expect(formatWhen(start, end, 'zz', t)).toBe('Talaado, Maarso 31, 10:00 – 11:30');
	});

	it('names the shipped languages by their own name', () => {
		expect(languageName('so', 'nl')).toBe('Soomaali');
		expect(languageName('de', 'nl')).toBe('Duits');
	});
});

describe('next dates remembered between filter changes', () => {
	it('gives the same answers as computing afresh, minute by minute across a week', () => {
		const list = [
			activity('weekly', {
				schedule: { start: '2026-11-02T10:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' }
			}),
			activity('once', { schedule: { start: '2026-11-26T19:00', durationMinutes: 60 } }),
			activity('monthly', {
				schedule: { start: '2026-11-28T14:00', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=-1SA' }
			})
		];
		for (let t = NOW.getTime(); t < NOW.getTime() + 7 * 86_400_000; t += 17 * 60_000) {
			const now = new Date(t);
			const cached = filterActivities(list, { week: true }, now);
			const fresh = filterActivities(structuredClone(list), { week: true }, now);
			expect(cached.map((s) => [s.activity.id, s.next?.toISOString()])).toEqual(
				fresh.map((s) => [s.activity.id, s.next?.toISOString()])
			);
		}
	});
});
