import { describe, expect, it } from 'vitest';
import { packActivity, unpackActivity } from '../../../src/lib/activities/packed';
import { listActivity } from '../../../src/lib/server/activities/list';
import type { CatalogueActivity } from '../../../src/lib/activities/filter';

const whole: CatalogueActivity = {
	id: '00000000-0000-4000-8000-000000000001',
	category: 'taalcafe',
	title: 'Taalcafé',
	description: 'Samen Nederlands praten bij een kop koffie.',
	translations: { so: { title: 'Maqaaxida luqadda', description: 'Ku hadal Nederlandka.' } },
	organiser: 'Bibliotheek',
	contact: '024 123 45 67',
	address: 'Hoofdstraat 1',
	neighbourhood: 'Centrum',
	lat: 51.84183456789,
	lon: 5.86123456789,
	schedule: {
		start: '2026-11-03T10:00',
		durationMinutes: 90,
		rrule: 'FREQ=WEEKLY;BYDAY=TU',
		exdates: ['2026-12-29'],
		rdates: []
	},
	cost: 'price',
	priceCents: 250,
	effort: 'calm',
	groupSize: 12,
	womenOnly: true,
	wheelchair: false,
	childcare: true,
	languages: ['nl', 'so'],
	closed: false,
	closedReason: '',
	photo: '/activities/photo/00000000-0000-4000-8000-000000000001?v=abc'
};

describe('the list row of an activity', () => {
	it('keeps what the filters and cards read, in the participant language, and unpacks to the same', () => {
		const so = listActivity(whole, 'so');
		expect(so).toEqual({
			id: whole.id,
			category: 'taalcafe',
			title: 'Maqaaxida luqadda',
			translated: true,
			lat: 51.84183,
			lon: 5.86123,
			schedule: {
				start: '2026-11-03T10:00',
				durationMinutes: 90,
				rrule: 'FREQ=WEEKLY;BYDAY=TU',
				exdates: ['2026-12-29']
			},
			cost: 'price',
			priceCents: 250,
			effort: 'calm',
			womenOnly: true,
			childcare: true,
			photo: whole.photo
		});
		expect(unpackActivity(packActivity(so))).toEqual(so);
		// No long texts travel with the list.
		const sent = JSON.stringify(packActivity(so));
		for (const long of ['Samen Nederlands', 'Ku hadal', 'Bibliotheek', '024 123', 'Hoofdstraat', 'Centrum'])
			expect(sent).not.toContain(long);
	});

	it('leaves trailing empty values off, and a Dutch title stays Dutch', () => {
		const plain = listActivity(
			{
				...whole,
				cost: 'free',
				priceCents: null,
				photo: null,
				womenOnly: false,
				childcare: false,
				closed: true,
				schedule: { ...whole.schedule, exdates: [] }
			},
			'nl'
		);
		const row = packActivity(plain);
		expect(row).toHaveLength(11);
		expect(row[10]).toBe('x');
		expect(unpackActivity(row)).toEqual(plain);
		expect(plain.title).toBe('Taalcafé');
		expect(plain).not.toHaveProperty('translated');
	});
});
