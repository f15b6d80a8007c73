import { describe, expect, it } from 'vitest';
import { computeResults, formToAnswer, resolveTexts, type Answer, type Questionnaire } from '$lib/survey';
import { validateDefinition } from '$lib/survey/schema';
import { convertXlsform, formatProblem, type Sheet } from '$lib/survey/parse/xlsform';
import { toXlsform } from '$lib/survey/parse/to-xlsform';
import { dutchAnswer } from '$lib/server/survey/results';
import { readXlsform } from '$lib/server/survey/xlsform';
import { PICTOGRAM_NAMES } from '$lib/pictograms';
import { openModule } from '$lib/survey/client';
import { DE_JONG_GIERVELD, WEEK_CHECK, WHO5, toXlsx, type Rows, type Workbook } from '../../fixtures/xlsform';

const pictograms = new Set<string>(PICTOGRAM_NAMES);

async function imported(book: Workbook): Promise<Questionnaire> {
	const result = await readXlsform(await toXlsx(book));
	if (!result.ok) throw new Error(JSON.stringify(result));
	const checked = validateDefinition(result.definition, { pictograms });
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	return checked.definition;
}

function sheets(survey: Rows, choices: Rows = [['list_name', 'name', 'label']], settings?: Rows): Sheet[] {
	return [
		{ name: 'survey', rows: survey },
		{ name: 'choices', rows: choices },
		...(settings ? [{ name: 'settings', rows: settings }] : [])
	];
}

/** A definition written as an XLSForm workbook (to-xlsform.ts) and converted back, in these languages. */
function writtenAndRead(definition: Questionnaire, languages: string[]): Questionnaire {
	const texts = Object.fromEntries(
		languages.map((lang) => [
			lang,
			Object.fromEntries(Object.entries(resolveTexts(definition, lang)).map(([key, r]) => [key, r.text]))
		])
	);
	const book = toXlsform(definition, { texts, languages });
	const again = convertXlsform(
		[
			{ name: 'survey', rows: book.survey },
			{ name: 'choices', rows: book.choices },
			{ name: 'settings', rows: book.settings }
		],
		{ pictograms }
	);
	if (!again.ok) throw new Error(JSON.stringify(again.errors));
	return again.definition;
}

const one = (option: string): Answer => ({ type: 'single', option });
const scores = (definition: Questionnaire, answers: Record<string, Answer>) =>
	Object.fromEntries(Object.entries(computeResults(definition, answers)).map(([k, v]) => [k, v.value]));

describe('XLSForm import: WHO-5 from a real .xlsx', () => {
	it('converts the form: a note, a module, a grid of five items sharing one scale, three scores', async () => {
		const who5 = await imported(WHO5);
		expect(who5.id).toBe('who5');
		expect(who5.version).toBe('1.0.0');
		expect(who5.defaultLanguage).toBe('nl');
		expect(who5.modules.map((m) => m.id)).toEqual(['who5', 'welzijn']);
		expect(who5.modules[0]!.items[0]!.type).toBe('note');
		const grid = who5.modules[1]!.items;
		// The grid's heading is read first, then one statement per screen, all with the same list.
		expect(grid.map((i) => i.type)).toEqual(['note', 'single', 'single', 'single', 'single', 'single']);
		expect(new Set(grid.slice(1).map((i) => ('optionList' in i ? i.optionList : null)))).toEqual(
			new Set(['freq'])
		);
		expect(who5.computed?.map((c) => c.id)).toEqual(['raw', 'percentage', 'low']);
	});

	it('computes the raw score, the percentage and the threshold', async () => {
		const who5 = await imported(WHO5);
		expect(
			scores(who5, {
				cheerful: one('5'),
				calm: one('4'),
				active: one('3'),
				rested: one('2'),
				interest: one('1')
			})
		).toEqual({ raw: 15, percentage: 60, low: 'nee' });
		expect(
			scores(who5, {
				cheerful: one('0'),
				calm: one('1'),
				active: one('2'),
				rested: one('3'),
				interest: one('0')
			})
		).toEqual({ raw: 6, percentage: 24, low: 'ja' });
		// An item left open: no score rather than a wrong one.
		expect(scores(who5, { cheerful: one('5') })).toEqual({ raw: null, percentage: null, low: null });
	});

	it('carries its texts per language, falling back to Dutch for a language it lacks', async () => {
		const who5 = await imported(WHO5);
		const cheerful = 'who5.items.cheerful.label';
		expect(resolveTexts(who5, 'en')[cheerful]).toEqual({
			text: 'I have felt cheerful and in good spirits',
			lang: 'en'
		});
		expect(resolveTexts(who5, 'tr')[cheerful]).toEqual({
			text: 'voelde ik me vrolijk en opgewekt',
			lang: 'nl'
		});
		expect(resolveTexts(who5, 'tr')['who5.title']).toEqual({ text: 'WHO-5 Welzijnsindex', lang: 'nl' });
	});

	it('warns about an unknown pictogram and uses a default', async () => {
		const result = await readXlsform(await toXlsx(WHO5));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings.map(formatProblem)).toContain(
			'blad survey, rij 9, kolom pictogram: onbekend pictogram "no-such-pictogram"; "questions" wordt gebruikt'
		);
	});
});

describe('XLSForm import: De Jong Gierveld loneliness scale', () => {
	const answers = (values: string[]): Record<string, Answer> =>
		Object.fromEntries(
			['leegte', 'terugvallen', 'vertrouwen', 'verbonden', 'mis', 'steek'].map((id, i) => [
				id,
				one(values[i]!)
			])
		);

	it('computes both subscales with reverse coding, the total and the threshold', async () => {
		const djg = await imported(DE_JONG_GIERVELD);
		// A plain `label` column is the default language (nl).
		expect(djg.texts?.nl?.['eenzaamheid6.items.leegte.label']).toBe('Ik ervaar een leegte om me heen');
		expect(scores(djg, answers(['ja', 'ja', 'ja', 'ja', 'nee', 'minofmeer']))).toEqual({
			beantwoord: 6,
			emotioneel: 2,
			sociaal: 0,
			totaal: 2,
			eenzaam: 'ja'
		});
		expect(scores(djg, answers(['nee', 'minofmeer', 'nee', 'ja', 'nee', 'nee']))).toEqual({
			beantwoord: 6,
			emotioneel: 0,
			sociaal: 2,
			totaal: 2,
			eenzaam: 'ja'
		});
		expect(scores(djg, answers(['nee', 'ja', 'ja', 'ja', 'nee', 'nee']))).toMatchObject({
			totaal: 0,
			eenzaam: 'nee'
		});
		const { steek: _, ...five } = answers(['ja', 'ja', 'ja', 'ja', 'ja', 'ja']);
		expect(scores(djg, five)).toMatchObject({ beantwoord: 5, emotioneel: null, totaal: null, eenzaam: null });
	});

	it('marks required items', async () => {
		const djg = await imported(DE_JONG_GIERVELD);
		expect(djg.modules[0]!.items.every((i) => i.required)).toBe(true);
	});
});

type OtherAnswer = Extract<Answer, { type: 'multiple' }>['other'];

describe('XLSForm import: "other, namely …" in calculations', () => {
	// The researcher calls the choice "anders"; their calculations count it as picked whether it was typed or said.
	const survey: Rows = [
		['type', 'name', 'label', 'relevant', 'calculation'],
		['select_multiple place', 'places', 'Waar ging u heen?', null, null],
		['text', 'places_other', 'Waar nog meer?', "selected(${places}, 'anders')", null],
		['calculate', 'count', 'Aantal', null, 'count-selected(${places})'],
		['calculate', 'elsewhere', 'Ergens anders', null, "if(selected(${places}, 'anders'), 'ja', 'nee')"]
	];
	const choices: Rows = [
		['list_name', 'name', 'label'],
		['place', 'market', 'Markt'],
		['place', 'park', 'Park'],
		['place', 'anders', 'Ergens anders']
	];

	it('keeps the choice’s own name and counts it as picked', () => {
		const result = convertXlsform(sheets(survey, choices), { pictograms });
		expect(result.ok, JSON.stringify(result)).toBe(true);
		if (!result.ok) return;
		const checked = validateDefinition(result.definition, { pictograms });
		expect(checked.errors).toEqual([]);
		if (!checked.ok) return;
		const definition = checked.definition;
		expect(definition.modules[0]!.items[0]).toMatchObject({ type: 'multiple', other: { id: 'anders' } });
		const given = (other: OtherAnswer | undefined) =>
			scores(definition, { places: { type: 'multiple', options: ['market'], ...(other ? { other } : {}) } });
		expect(given(undefined)).toMatchObject({ count: 1, elsewhere: 'nee' });
		expect(given({ mode: 'text', text: 'moskee' })).toMatchObject({ count: 2, elsewhere: 'ja' });
		expect(given({ mode: 'audio', clip: 'c0ffee' })).toMatchObject({ count: 2, elsewhere: 'ja' });
		// Written back under the same name, and read again to the same definition.
		expect(writtenAndRead(definition, ['nl'])).toEqual(definition);
	});
});

describe('XLSForm import: item kinds', () => {
	const survey: Rows = [
		['type', 'name', 'label', 'relevant', 'constraint', 'parameters', 'calculation'],
		['integer', 'age', 'Leeftijd', null, '. >= 16 and . <= 99', null, null],
		['select_multiple hobby', 'hobbies', 'Wat doet u graag?', null, null, null, null],
		['text', 'hobbies_other', 'Anders, namelijk', "selected(${hobbies}, 'other')", null, null, null],
		['select_one yn', 'works', 'Werkt u?', null, null, null, null],
		['text', 'job', 'Welk werk?', "${works} = 'yes'", null, null, null],
		[
			'range',
			'grade',
			'Welk cijfer geeft u uw leven?',
			'${age} >= 18 and not(${works} = "no")',
			null,
			'start=1 end=10 extra=na',
			null
		],
		['note', 'low', 'Wat jammer.', '${grade} <= 4 or ${grade} = "na"', null, null, null],
		['date', 'since', 'Sinds wanneer?', "${job} != ''", null, null, null],
		['calculate', 'graded', null, null, null, null, "if(${grade} = 'na', '', number(${grade}))"]
	];
	const choices: Rows = [
		['list_name', 'name', 'label'],
		['hobby', 'walk', 'Wandelen'],
		['hobby', 'sport', 'Sporten'],
		['hobby', 'other', 'Iets anders'],
		['yn', 'yes', 'Ja'],
		['yn', 'no', 'Nee'],
		['na', 'na', 'Niet van toepassing']
	];

	it('converts each kind and its skip logic into the engine’s structured conditions', () => {
		const result = convertXlsform(sheets(survey, choices), { pictograms });
		expect(result.ok, JSON.stringify(result)).toBe(true);
		if (!result.ok) return;
		const checked = validateDefinition(result.definition, { pictograms });
		expect(checked.errors).toEqual([]);
		const items = Object.fromEntries(result.definition.modules[0]!.items.map((i) => [i.id, i]));
		expect(items.age).toMatchObject({ type: 'number', min: 16, max: 99 });
		// "Other, namely" becomes the multiple choice's own "other" card; the list loses its "other" choice.
		expect(items.hobbies).toMatchObject({
			type: 'multiple',
			options: [{ id: 'walk' }, { id: 'sport' }],
			other: { text: 'survey.items.hobbies_other.label' }
		});
		expect(items.hobbies_other).toBeUndefined();
		expect(items.job?.showIf).toEqual({ item: 'works', op: 'equals', value: 'yes' });
		expect(items.grade?.showIf).toEqual({
			all: [{ item: 'age', op: 'gte', value: 18 }, { not: { item: 'works', op: 'equals', value: 'no' } }]
		});
		expect(result.definition.optionLists?.grade_range?.map((o) => o.id)).toEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
			'na'
		]);
		expect(items.low?.showIf).toEqual({
			any: [
				{ item: 'grade', op: 'in', value: ['1', '2', '3', '4'] },
				{ item: 'grade', op: 'equals', value: 'na' }
			]
		});
		expect(items.since?.showIf).toEqual({ item: 'job', op: 'answered' });
		const definition = checked.ok ? checked.definition : result.definition;
		expect(scores(definition, { age: { type: 'number', value: 30 }, grade: one('7') }).graded).toBe(7);
		expect(scores(definition, { age: { type: 'number', value: 30 }, grade: one('na') }).graded).toBeNull();
	});

	it('refuses a bad form with Dutch reasons naming sheet, row and column, and never throws', () => {
		const bad: Rows = [
			['type', 'name', 'label', 'relevant', 'calculation'],
			['select_one missing', 'q1', 'Vraag', null, null],
			['integer', '1abc', 'Vraag', null, null],
			['integer', 'q2', null, null, null],
			['text', 'q3', 'Vraag', '${later} = 1', null],
			['text', 'q4', 'Vraag', 'string-length(${q3}) > 2', null],
			['calculate', 'c1', null, null, '${q3} +'],
			['begin_repeat', 'r', 'Herhaal', null, null],
			['geopoint', 'where', 'Waar?', null, null],
			['text', 'later', 'Later', null, null],
			['text', 'later', 'Nog eens', null, null]
		];
		const result = convertXlsform(sheets(bad), { pictograms });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map(formatProblem)).toEqual([
			'blad survey, rij 2, kolom type: keuzelijst "missing" staat niet op het blad choices',
			'blad survey, rij 3, kolom name: "1abc" is geen geldige naam: begin met een letter, daarna letters, cijfers, _ of -',
			'blad survey, rij 4, kolom label: het label in de standaardtaal (nl) ontbreekt',
			'blad survey, rij 5, kolom relevant: ${later} bestaat niet (nog niet): een voorwaarde gebruikt alleen eerdere vragen',
			expect.stringMatching(
				/^blad survey, rij 6, kolom relevant: "string-length\(\$\{q3\}\) > 2" kan niet worden omgezet/
			),
			'blad survey, rij 7, kolom calculation: de uitdrukking houdt te vroeg op (bij teken 8)',
			'blad survey, rij 8, kolom type: herhalingen (begin_repeat) worden niet ondersteund',
			'blad survey, rij 9, kolom type: type "geopoint" wordt (nog) niet ondersteund',
			'blad survey, rij 11, kolom name: "later" staat al in rij 10'
		]);
	});

	it('refuses a missing survey sheet, an unknown language and a bad version', () => {
		const noSurvey = convertXlsform([{ name: 'choices', rows: [] }]);
		expect(!noSurvey.ok && noSurvey.errors.map(formatProblem)).toEqual([
			'blad survey: het blad "survey" ontbreekt'
		]);
		const result = convertXlsform(
			sheets(
				[
					['type', 'name', 'label::Klingon (xx-tlh)', 'label::Elbisch'],
					['note', 'n', 'x', 'y']
				],
				undefined,
				[
					['form_id', 'version'],
					['f', 'v2']
				]
			)
		);
		expect(!result.ok && result.errors.map(formatProblem)).toEqual([
			'blad settings, rij 2, kolom version: versie "v2" is geen getal zoals 1, 1.2 of 1.2.0',
			'blad survey, rij 1, kolom label::Elbisch: onbekende taal "Elbisch"; schrijf bijvoorbeeld label::Nederlands (nl)',
			'blad survey, rij 2, kolom label: het label in de standaardtaal (nl) ontbreekt',
			'blad survey: er staan geen vragen in'
		]);
	});

	it('refuses a file that is no spreadsheet', async () => {
		const result = await readXlsform(new TextEncoder().encode('PK not really a zip'));
		expect(result.ok).toBe(false);
		expect('unreadable' in result && result.unreadable).toMatch(
			/^Dit bestand kan niet als \.xlsx worden gelezen/
		);
	});
});

describe('XLSForm import: hints, constraint messages, picture scales, yes/no and named computations', () => {
	it('converts hint:: and constraint_message:: per language into texts of the item', async () => {
		const week = await imported(WEEK_CHECK);
		const items = Object.fromEntries(week.modules[0]!.items.map((i) => [i.id, i]));
		expect(items.days).toMatchObject({
			type: 'number',
			min: 0,
			max: 7,
			required: true,
			hint: 'weekcheck.items.days.hint',
			constraintMessage: 'weekcheck.items.days.constraint'
		});
		expect(resolveTexts(week, 'en')['weekcheck.items.days.hint']).toEqual({
			text: 'Count the days from Monday to Sunday.',
			lang: 'en'
		});
		expect(resolveTexts(week, 'tr')['weekcheck.items.days.constraint']).toEqual({
			text: 'Kies een getal van 0 tot en met 7.',
			lang: 'nl'
		});
		// decimal with a constraint: its range, and its own message, but no hint.
		expect(items.hours).toMatchObject({ type: 'number', min: 0, max: 24, decimals: 2 });
		expect(items.hours).not.toHaveProperty('hint');
		expect(items.mood).toEqual({
			id: 'mood',
			type: 'faces5',
			scale: 'satisfaction',
			text: 'weekcheck.items.mood.label',
			pictogram: 'face-4'
		});
		expect(items.work).toMatchObject({ type: 'yesno' });
		expect(week.title).toBe('weekcheck.title');
		expect(resolveTexts(week, 'en')['weekcheck.title']?.text).toBe('Week check');
		expect(week.computed?.find((c) => c.id === 'ladder')).toEqual({
			id: 'ladder',
			fn: 'participatieladder',
			args: {
				rung2: { item: 'days', op: 'gte', value: 1 },
				rung3: { item: 'days', op: 'gte', value: 3 },
				rung4: { item: 'days', op: 'gte', value: 5 },
				rung5: {
					all: [
						{ item: 'work', op: 'equals', value: true },
						{ item: 'days', op: 'gte', value: 5 }
					]
				},
				rung6: {
					all: [
						{ item: 'work', op: 'equals', value: true },
						{ item: 'days', op: 'gte', value: 7 }
					]
				}
			}
		});
	});

	it('the engine refuses a number outside the constraint, and scores what it takes', async () => {
		const week = await imported(WEEK_CHECK);
		const session = openModule(week, 'week', {});
		const refused = session.answer('days', { type: 'number', value: 8 });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.error.detail.code).toBe('outOfRange');
		const days = session.answer('days', { type: 'number', value: 5 });
		if (!days.ok) throw days.error;
		const mood = days.module.answer('mood', { type: 'faces5', value: 4 });
		if (!mood.ok) throw mood.error;
		const work = mood.module.answer('work', { type: 'yesno', value: true });
		if (!work.ok) throw work.error;
		expect(scores(week, work.module.answers)).toEqual({ outside: 9, active: 'ja', ladder: 5 });
	});

	it('refuses a yes/no list that is not yes and no, a scale with the wrong range and an unknown function', () => {
		const result = convertXlsform(
			sheets(
				[
					['type', 'name', 'label', 'appearance', 'parameters', 'function'],
					['select_one jn', 'q1', 'Vraag', 'yesno', null, null],
					['note', 'n1', 'Dank je wel', null, null, null],
					['range', 'q2', 'Vraag', 'faces5', 'start=0 end=10', null],
					['calculate', 'c1', null, null, '{}', 'magic']
				],
				[
					['list_name', 'name', 'label'],
					['jn', 'ja', 'Ja'],
					['jn', 'nee', 'Nee']
				]
			)
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map(formatProblem)).toEqual([
			'blad survey, rij 2, kolom appearance: "yesno" vraagt een lijst met precies de keuzes yes en no; "jn" heeft ja, nee',
			'blad survey, rij 4, kolom parameters: "faces5" is de schaal van 1 tot 5: schrijf start=1 end=5',
			'blad survey, rij 5, kolom function: kies participatieladder, lifeDomainScores, goalAttainment'
		]);
	});
});

describe('XLSForm import: a face scale with its own words (issue 13 §5)', () => {
	const survey: Rows = [
		['type', 'name', 'label::Nederlands (nl)', 'label::English (en)', 'appearance', 'parameters'],
		['begin_group', 'week', 'Mijn week', 'My week', null, null],
		[
			'range',
			'energy',
			'Hoeveel energie had je?',
			'How much energy did you have?',
			'faces5',
			'start=1 end=5 labels=energy_words'
		],
		['range', 'sleep', 'Hoe sliep je?', 'How did you sleep?', 'faces3', 'start=1 end=3 labels=sleep_words'],
		['end_group', null, null, null, null, null]
	];
	const choices: Rows = [
		['list_name', 'name', 'label::Nederlands (nl)', 'label::English (en)'],
		...['geen', 'weinig', 'wat', 'veel', 'heel veel'].map((w, i) => [
			'energy_words',
			String(i + 1),
			w,
			`en ${w}`
		]),
		['sleep_words', '1', 'slecht', 'badly'],
		['sleep_words', '2', 'gaat wel', 'so-so'],
		['sleep_words', '3', 'goed', 'well']
	];

	it('takes the list as the faces’ words, saddest first, in every language; the phone and the coach read them', () => {
		const result = convertXlsform(
			sheets(survey, choices, [
				['form_id', 'title'],
				['faces', 'Gezichten']
			]),
			{
				pictograms
			}
		);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const checked = validateDefinition(result.definition, { pictograms });
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		const [energy, sleep] = checked.definition.modules[0]!.items;
		expect(energy).toMatchObject({ type: 'faces5', scale: 'satisfaction' });
		expect(sleep).toMatchObject({ type: 'faces3' });
		const words = (item: typeof energy, lang: string) =>
			(item as { labels: string[] }).labels.map((key) => resolveTexts(checked.definition, lang)[key]?.text);
		expect(words(energy!, 'nl')).toEqual(['geen', 'weinig', 'wat', 'veel', 'heel veel']);
		expect(words(sleep!, 'en')).toEqual(['badly', 'so-so', 'well']);
		// The coach reads the participant's face in the instrument's words, with where it lies on the scale.
		expect(dutchAnswer(checked.definition, energy!, { type: 'faces5', value: 4 })).toBe('veel (4 van 5)');
		// Written back as a spreadsheet, it reads back the same.
		expect(writtenAndRead(checked.definition, ['nl', 'en']).modules).toEqual(checked.definition.modules);
	});

	it('refuses a list that does not have a word for each face', () => {
		const result = convertXlsform(
			sheets(
				[
					['type', 'name', 'label', 'appearance', 'parameters'],
					['range', 'energy', 'Energie', 'faces5', 'start=1 end=5 labels=few']
				],
				[
					['list_name', 'name', 'label'],
					['few', '1', 'laag'],
					['few', '2', 'hoog']
				]
			)
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map(formatProblem)).toContain(
			'blad survey, rij 2, kolom parameters: labels=few: een lijst op het blad choices met 5 teksten, de treurigste eerst'
		);
	});
});

describe('grids: a table-list group’s statements share one scale (issue 13 §5)', () => {
	it('marks each statement with its grid, and the check refuses a grid whose statements answer differently', () => {
		const result = convertXlsform(
			sheets(
				[
					['type', 'name', 'label', 'appearance'],
					['begin_group', 'm', 'Module', null],
					['begin_group', 'raster', 'Hoe vaak …', 'table-list'],
					['select_one freq', 'a', 'Stelling a', null],
					['select_one freq', 'b', 'Stelling b', null],
					['end_group', null, null, null],
					['select_one freq', 'c', 'Los', null],
					['end_group', null, null, null]
				],
				[
					['list_name', 'name', 'label'],
					['freq', 'nooit', 'Nooit'],
					['freq', 'vaak', 'Vaak']
				]
			),
			{ pictograms }
		);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const items = result.definition.modules[0]!.items;
		expect(items.map((i) => [i.id, i.grid])).toEqual([
			['raster', undefined],
			['a', 'raster'],
			['b', 'raster'],
			['c', undefined]
		]);
		expect(validateDefinition(result.definition, { pictograms }).ok).toBe(true);
		// The same grid with another scale on its second statement.
		const scale = structuredClone(result.definition);
		const b = scale.modules[0]!.items[2] as unknown as Record<string, unknown>;
		Object.assign(b, { type: 'yesno' });
		delete b.optionList;
		delete b.options;
		const mixed = validateDefinition(scale, { pictograms });
		expect(mixed.ok ? [] : mixed.errors.map((e) => e.message)).toEqual([
			'grid "raster" shares one scale: "b" answers differently from "a"'
		]);
		// A statement of the grid after another question.
		const apart = structuredClone(result.definition);
		delete (apart.modules[0]!.items[2] as { grid?: string }).grid;
		(apart.modules[0]!.items[3] as { grid?: string }).grid = 'raster';
		const split = validateDefinition(apart, { pictograms });
		expect(split.ok ? [] : split.errors.map((e) => e.message)).toEqual([
			'the items of grid "raster" must follow each other in one module'
		]);
	});
});

describe('decimal numbers (issue 13 §1)', () => {
	const survey: Rows = [
		['type', 'name', 'label', 'constraint', 'parameters'],
		['decimal', 'weight', 'Gewicht in kilo', '. >= 30 and . <= 250.5', 'decimals=1'],
		['integer', 'children', 'Kinderen', '. >= 0 and . <= 20', null]
	];
	it('asks a decimal with its places; the engine takes 3,5 and refuses too many places or a whole-number item’s fraction', () => {
		const result = convertXlsform(sheets(survey), { pictograms });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const checked = validateDefinition(result.definition, { pictograms });
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		const [weight, children] = checked.definition.modules[0]!.items;
		expect(weight).toMatchObject({ type: 'number', min: 30, max: 250.5, decimals: 1 });
		expect(children).not.toHaveProperty('decimals');
		const form = (value: string) => ({
			get: (n: string) => (n === 'value' ? value : null),
			getAll: () => []
		});
		expect(formToAnswer(weight!, form('72,5'))).toEqual({
			ok: true,
			answer: { type: 'number', value: 72.5 }
		});
		expect(formToAnswer(weight!, form('72.5'))).toEqual({
			ok: true,
			answer: { type: 'number', value: 72.5 }
		});
		expect(formToAnswer(children!, form('2,5'))).toEqual({ ok: false, reason: 'malformed' });
		const session = openModule(checked.definition, checked.definition.modules[0]!.id, {});
		expect(session.answer('weight', { type: 'number', value: 72.5 }).ok).toBe(true);
		const precise = session.answer('weight', { type: 'number', value: 72.55 });
		expect(precise.ok ? null : precise.error.detail.code).toBe('tooManyDecimals');
		const high = session.answer('weight', { type: 'number', value: 250.6 });
		expect(high.ok ? null : high.error.detail.code).toBe('outOfRange');
		// Written back and read again: the same.
		expect(writtenAndRead(checked.definition, ['nl']).modules).toEqual(checked.definition.modules);
	});

	it('refuses a whole-number item with a fractional range', () => {
		const result = convertXlsform(sheets(survey), { pictograms });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const broken = structuredClone(result.definition);
		delete (broken.modules[0]!.items[0] as { decimals?: number }).decimals;
		const checked = validateDefinition(broken, { pictograms });
		expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([
			'max 250.5 is not a whole number (give "decimals" for a decimal answer)'
		]);
	});
});

describe('short points under a question (issue 12 §4)', () => {
	const survey: Rows = [
		['type', 'name', 'label::Nederlands (nl)', 'label::English (en)', 'points', 'pictogram'],
		['begin_group', 'welcome', 'Welkom', 'Welcome', null, 'welcome'],
		[
			'select_one ok_talk',
			'understood',
			'Is dit goed voor jou?',
			'Is this all right for you?',
			'rules',
			'privacy'
		],
		['note', 'about', 'Over de vragen', 'About the questions', 'rules', 'info'],
		['end_group', null, null, null, null, null]
	];
	const choices: Rows = [
		['list_name', 'name', 'label::Nederlands (nl)', 'label::English (en)', 'pictogram'],
		['ok_talk', 'ok', 'Ja', 'Yes', 'ok'],
		['ok_talk', 'talk', 'Eerst praten', 'Talk first', 'coach'],
		[
			'rules',
			'phone',
			'Je antwoorden blijven op je telefoon.',
			'Your answers stay on your phone.',
			'own-phone'
		],
		['rules', 'skip', 'Je mag elke vraag overslaan.', 'You may skip any question.', 'skip']
	];
	const read = (rows: Rows = survey, list: Rows = choices) =>
		convertXlsform(sheets(rows, list, [['form_id'], ['welkom']]), { pictograms });

	it('reads a "points" column as a list on the choices sheet: each point its text per language and pictogram', () => {
		const result = read();
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const checked = validateDefinition(result.definition, { pictograms });
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		const [understood, about] = checked.definition.modules[0]!.items;
		expect(understood!.points).toEqual([
			{ text: 'welkom.choices.rules.phone', pictogram: 'own-phone' },
			{ text: 'welkom.choices.rules.skip', pictogram: 'skip' }
		]);
		expect(about!.points).toEqual(understood!.points);
		expect(resolveTexts(checked.definition, 'en')['welkom.choices.rules.skip']?.text).toBe(
			'You may skip any question.'
		);
		// A list used for points only is not an answer list.
		expect(checked.definition.optionLists ?? {}).not.toHaveProperty('rules');
		// Written back as a spreadsheet, it reads back the same.
		expect(writtenAndRead(checked.definition, ['nl', 'en']).modules).toEqual(checked.definition.modules);
	});

	it('writes the shipped consent question’s points as a list of their own, and reads them back', () => {
		const definition: Questionnaire = {
			id: 'welkom',
			version: '1.0.0',
			title: 'welkom.title',
			modules: [
				{
					id: 'welcome',
					title: 'welkom.welcome',
					pictogram: 'welcome',
					items: [
						{
							id: 'researchConsent',
							type: 'yesno',
							text: 'consent.researchConsent.question',
							pictogram: 'research',
							points: [
								{ text: 'consent.researchConsent.points.noName', pictogram: 'privacy' },
								{ text: 'consent.researchConsent.points.later', pictogram: 'coach' }
							]
						}
					]
				}
			],
			defaultLanguage: 'nl',
			texts: {
				nl: {
					'welkom.title': 'Welkom',
					'welkom.welcome': 'Welkom',
					'consent.researchConsent.question': 'Mogen onderzoekers je antwoorden gebruiken?',
					'consent.researchConsent.points.noName': 'Ze zien je naam niet.',
					'consent.researchConsent.points.later': 'Zeg het tegen je coach.'
				}
			}
		};
		const texts = { nl: definition.texts!.nl! };
		const book = toXlsform(definition, { texts, languages: ['nl'] });
		const header = book.survey[0]!;
		const row = book.survey.find((r) => r[1] === 'researchConsent')!;
		expect(row[header.indexOf('points')]).toBe('researchConsent_points');
		expect(book.choices.filter((r) => r[0] === 'researchConsent_points').map((r) => r[1])).toEqual([
			'noName',
			'later'
		]);
		expect(writtenAndRead(definition, ['nl']).modules).toEqual(definition.modules);
	});

	it('refuses points naming a list that is not there, or more than eight', () => {
		const missing = read(survey.map((r, i) => (i === 2 ? [...r.slice(0, 4), 'regels', r[5]!] : r)));
		expect(missing.ok ? [] : missing.errors.map(formatProblem)).toEqual([
			'blad survey, rij 3, kolom points: lijst "regels" staat niet op het blad choices'
		]);
		const many = read(survey, [
			...choices,
			...Array.from({ length: 7 }, (_, i) => ['rules', `extra${i}`, `Punt ${i}.`, `Point ${i}.`, 'info'])
		]);
		expect(many.ok ? [] : many.errors.map(formatProblem)).toContain(
			'blad survey, rij 3, kolom points: lijst "rules" heeft 9 punten; hoogstens 8'
		);
	});

	it('the check refuses a point with an unknown pictogram or a text key that does not exist', () => {
		const result = read();
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const broken = structuredClone(result.definition);
		broken.modules[0]!.items[0]!.points![1]!.pictogram = 'moon';
		delete broken.texts; // the keys must then be in locales/ (here: the given ones)
		const checked = validateDefinition(broken, {
			pictograms,
			textKeys: new Set(['welkom.title', 'welkom.modules.welcome.title'])
		});
		const messages = checked.ok ? [] : checked.errors.map((e) => `${e.path}: ${e.message}`);
		expect(messages.some((m) => m.startsWith('modules[0].items[0].points[1].pictogram'))).toBe(true);
		expect(messages.some((m) => m.startsWith('modules[0].items[0].points[0].text'))).toBe(true);
	});
});
