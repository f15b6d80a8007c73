import { describe, expect, it } from 'vitest';
import { csvField, detectSeparator, readCsv, toCsv } from '../../../src/lib/server/activities/csv';
import { csvRows, emptyRow } from '../../../src/lib/server/activities/layout';
import { validateRow } from '../../../src/lib/server/activities/validate';
import { formToRow, formValues, rowToForm } from '../../../src/lib/server/activities/form';

describe('reading CSV (csv-parse)', () => {
	it('takes ";" or ",", a byte-order mark, quoted separators, quotes and newlines, and says on which line', () => {
		expect(detectSeparator('\uFEFFid;title,x;start')).toBe(';');
		expect(detectSeparator('id,title,start')).toBe(',');
		const text =
			'\uFEFFid;title;description\r\n1;"Koffie; thee";"Zeg ""hallo""\r\nen kom"\r\n\r\n;;\r\n2;Wandelen;Rustig\r\n';
		expect(readCsv(text)).toEqual({
			ok: true,
			records: [
				{ line: 1, cells: ['id', 'title', 'description'] },
				{ line: 2, cells: ['1', 'Koffie; thee', 'Zeg "hallo"\r\nen kom'] },
				{ line: 6, cells: ['2', 'Wandelen', 'Rustig'] }
			]
		});
		expect(readCsv('id,title\n1,"Koffie, thee"\n2,Wandelen')).toMatchObject({
			records: [{ cells: ['id', 'title'] }, { cells: ['1', 'Koffie, thee'] }, { cells: ['2', 'Wandelen'] }]
		});
	});

	it('refuses a file with a quote that is never closed, in Dutch', () => {
		expect(readCsv('id;title\n1;"Koffie\n2;Thee\n')).toEqual({
			ok: false,
			error: 'Dit bestand is geen leesbare CSV (regel 2): een aanhalingsteken (") wordt niet gesloten.'
		});
		expect(csvRows('id;title\n1;"Koffie')).toEqual({ error: expect.stringContaining('geen leesbare CSV') });
	});

	it('writes CSV that reads back the same, with formulas quoted away', () => {
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-5')).toBe("'-5");
		expect(csvField(-5)).toBe('-5');
		const rows = [
			['id', 'text'],
			['a', 'twee\nregels; en "quotes"']
		];
		expect(readCsv(toCsv(rows))).toMatchObject({ records: rows.map((cells) => ({ cells })) });
	});
});

describe('checking a row (zod)', () => {
	const good = {
		...emptyRow(),
		id: 'x-1',
		category: 'koken',
		title: 'Samen koken',
		start: '2026-09-01 10:00'
	};

	it('says every problem of a row at once, in Dutch, naming the column', () => {
		const result = validateRow({
			...good,
			id: 'met spatie',
			category: 'paardrijden',
			title: '',
			start: '2026-02-30 10:00',
			rrule: 'FREQ=DAILY',
			cost: 'price',
			lat: '51,84',
			women_only: 'misschien',
			languages: 'nl arabisch',
			title_ar: '<b>vet</b>'
		});
		expect(result).toEqual({
			ok: false,
			reasons: [
				'id: alleen letters, cijfers en . _ - : @ (hoogstens 200 tekens)',
				'categorie: onbekende categorie "paardrijden"',
				'titel: ontbreekt',
				'start: geen geldige datum en tijd ("2026-02-30 10:00"); schrijf JJJJ-MM-DD UU:MM',
				'herhaling: "FREQ=DAILY": alleen FREQ=WEEKLY (elke week) of FREQ=MONTHLY (elke maand), niet DAILY',
				'alleen vrouwen: niet ja of nee ("misschien")',
				'talen: "arabisch" is geen taalcode',
				'titel (ar): bevat HTML of een script; dat mag niet',
				'breedtegraad en lengtegraad: geef ze allebei, of geen van beide',
				'prijs: ontbreekt bij een activiteit met een prijs'
			]
		});
	});

	it('turns a good row into an activity', () => {
		const result = validateRow({
			...good,
			rrule: 'rrule:freq=monthly;byday=-1sa',
			price: '2,50',
			cost: 'prijs',
			women_only: 'ja',
			exdates: '2026-12-26',
			rdates: '2026-12-24 18:00, 2026-12-31 18:00',
			title_so: 'Wada karinta'
		});
		expect(result).toMatchObject({
			ok: true,
			input: {
				externalId: 'x-1',
				start: '2026-09-01T10:00',
				rrule: 'FREQ=MONTHLY;BYDAY=-1SA',
				cost: 'price',
				priceCents: 250,
				womenOnly: true,
				exdates: ['2026-12-26'],
				rdates: ['2026-12-24T18:00', '2026-12-31T18:00'],
				translations: { so: { title: 'Wada karinta' } }
			}
		});
	});
});

describe('the activity form and the import layout', () => {
	const form = (entries: [string, string][]) => {
		const data = new FormData();
		for (const [k, v] of entries) data.append(k, v);
		return formValues(data);
	};

	it('turns the schedule picker into the RRULE subset', () => {
		const base: [string, string][] = [
			['start_date', '2026-09-01'],
			['start_time', '10:00'],
			['duration', '90']
		];
		const weekly = formToRow(
			form([
				...base,
				['repeat', 'weekly'],
				['days', 'TH'],
				['days', 'TU'],
				['interval', '2'],
				['until', '2026-12-31']
			])
		);
		expect(weekly).toMatchObject({
			reasons: [],
			row: {
				start: '2026-09-01 10:00',
				duration: '90',
				rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20261231'
			}
		});
		expect(
			formToRow(form([...base, ['repeat', 'monthly'], ['nth', '-1'], ['weekday', 'SA']])).row.rrule
		).toBe('FREQ=MONTHLY;BYDAY=-1SA');
		const dates = formToRow(form([...base, ['repeat', 'dates'], ['rdates', '2026-10-06\n2026-11-03 14:00']]));
		expect(dates.row).toMatchObject({ rrule: '', rdates: '2026-10-06 10:00, 2026-11-03 14:00' });
		expect(formToRow(form([...base, ['repeat', 'once'], ['days', 'MO']])).row.rrule).toBe('');
		expect(
			formToRow(
				form([
					['start_date', '2026-09-01'],
					['repeat', 'rule'],
					['rrule', 'FREQ=WEEKLY;COUNT=6']
				])
			)
		).toMatchObject({ reasons: ['start: vul ook de tijd in'], row: { rrule: 'FREQ=WEEKLY;COUNT=6' } });
	});

	it('shows a schedule in the picker, and a rule it cannot show as a rule', () => {
		const show = (rrule: string, rdates = '') =>
			rowToForm({ ...emptyRow(), start: '2026-09-01 10:00', rrule, rdates });
		expect(show('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE')).toMatchObject({
			repeat: 'weekly',
			days: 'MO WE',
			interval: '2',
			start_date: '2026-09-01',
			start_time: '10:00'
		});
		expect(show('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630')).toMatchObject({
			repeat: 'monthly',
			nth: '2',
			weekday: 'TU',
			until: '2027-06-30'
		});
		expect(show('', '2026-11-04 14:00, 2026-12-02 14:00')).toMatchObject({
			repeat: 'dates',
			rdates: '2026-11-04 14:00\n2026-12-02 14:00'
		});
		for (const rule of [
			'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
			'FREQ=MONTHLY;BYDAY=1MO,3MO',
			'FREQ=WEEKLY;BYDAY=FR,MO'
		])
			expect(show(rule), rule).toMatchObject({ repeat: 'rule', rrule: rule });
	});

	it('saves back what it shows, unchanged (every schedule of the demo)', () => {
		for (const rrule of [
			'FREQ=WEEKLY;BYDAY=TU',
			'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
			'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
			'FREQ=MONTHLY;BYDAY=-1SA',
			'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
			''
		]) {
			const row = {
				...emptyRow(),
				id: 'a',
				title: 'A',
				start: '2026-09-01 10:00',
				rrule,
				rdates: '2026-11-04 14:00',
				languages: 'nl ar de',
				women_only: 'yes'
			};
			const values = rowToForm(row);
			const back = formToRow(
				form(
					Object.entries(values).flatMap(([k, v]) =>
						['days', 'language'].includes(k)
							? v
									.split(' ')
									.filter(Boolean)
									.map((x): [string, string] => [k, x])
							: [[k, v]]
					)
				)
			);
			expect(back.reasons).toEqual([]);
			expect(back.row).toEqual(row);
		}
	});

	it('takes languages by their Dutch name, and says which it does not know', () => {
		expect(rowToForm({ ...emptyRow(), languages: 'nl ar de ku' })).toMatchObject({
			language: 'nl ar',
			languages_other: 'Duits, Koerdisch'
		});
		expect(
			formToRow(
				form([
					['language', 'nl'],
					['language', 'so'],
					['languages_other', 'Duits, berbers en Papiaments']
				])
			).row.languages
		).toBe('nl so de ber pap');
		expect(formToRow(form([['languages_other', 'Klingon']])).reasons).toEqual([
			'talen: "Klingon" kennen we niet als taal; schrijf de Nederlandse naam (bijvoorbeeld Duits)'
		]);
	});
});
