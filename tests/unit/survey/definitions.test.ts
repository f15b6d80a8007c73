import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	computeResults,
	createSession,
	isChoiceItem,
	visibleItems,
	visibleModules,
	type Answer,
	type AnswerMap,
	type Item,
	type Questionnaire
} from '../../../src/lib/survey';
import { validateDefinition } from '../../../src/lib/survey/schema';
import { PICTOGRAM_NAMES } from '../../../src/lib/pictograms';

/** The questionnaires Opstap ships: the participant's intake (T0) and evaluation (T1), and the coach's part. */
const NAMES = ['intake', 'evaluation', 'coach'] as const;
type Name = (typeof NAMES)[number];

function readJson(path: string): unknown {
	return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every text key of a locale file, as the survey CLI reads it (plural suffixes removed). */
function localeKeys(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => localeKeys(v, prefix ? `${prefix}.${k}` : k));
	}
	return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
}

const textKeys = new Set(localeKeys(readJson('locales/nl/survey.json')));
const pictograms = new Set<string>(PICTOGRAM_NAMES);
const raw = Object.fromEntries(
	NAMES.map((name) => [name, readJson(`src/lib/survey/definitions/${name}.json`)])
) as Record<Name, unknown>;

function definition(name: Name): Questionnaire {
	const result = validateDefinition(raw[name], { textKeys, pictograms });
	if (!result.ok) throw new Error(`${name}.json is invalid`);
	return result.definition;
}

function itemsById(questionnaire: Questionnaire): Map<string, Item> {
	return new Map(questionnaire.modules.flatMap((m) => m.items.map((item) => [item.id, item] as const)));
}

function optionIds(questionnaire: Questionnaire, item: Item): string[] | undefined {
	if (!isChoiceItem(item)) return undefined;
	const options = item.options ?? questionnaire.optionLists?.[item.optionList ?? ''] ?? [];
	return options.map((o) => o.id);
}

describe('the shipped questionnaire definitions', () => {
	it.each(NAMES)(
		'%s.json is valid, with every text in locales/nl/survey.json and every pictogram existing',
		(name) => {
			const result = validateDefinition(raw[name], { textKeys, pictograms });
			expect(result.errors).toEqual([]);
			expect(result.ok).toBe(true);
		}
	);

	it('have the ids and versions the app looks them up by', () => {
		for (const name of NAMES) {
			expect(definition(name).id).toBe(name);
			// A new version whenever a definition changes, even for display only (an installed version never changes):
			// evaluation 1.1.0 shows the plan on the goal question (issue 14); intake 1.1.0 and evaluation 1.2.0 bring the
			// consent question as points and the drawn frequency pictures (issue 12 §4). Same items, same answers.
			expect(definition(name).version).toBe({ intake: '1.1.0', evaluation: '1.2.0', coach: '1.0.0' }[name]);
		}
		expect(definition('intake').modules.map((m) => m.id)).toEqual([
			'welcome',
			'aboutMe',
			'myWeek',
			'people',
			'wellbeing',
			'myLife',
			'money',
			'trust',
			'wishes'
		]);
		expect(definition('evaluation').modules.map((m) => m.id)).toEqual([
			'welcome',
			'myWeek',
			'people',
			'wellbeing',
			'myLife',
			'trust',
			'myGoal',
			'coachAndMe',
			'whatChanged'
		]);
		expect(definition('coach').modules.map((m) => m.id)).toEqual(['start', 'aspects', 'status']);
	});
});

describe('T0 and T1 compare item by item', () => {
	const intake = definition('intake');
	const evaluation = definition('evaluation');
	const t0 = itemsById(intake);
	const t1 = itemsById(evaluation);
	const shared = [...t1.keys()].filter((id) => t0.has(id));

	it('asks every repeated module again', () => {
		for (const module of ['welcome', 'myWeek', 'people', 'wellbeing', 'myLife', 'trust']) {
			const ids = evaluation.modules.find((m) => m.id === module)?.items.map((i) => i.id);
			expect(ids, module).toEqual(intake.modules.find((m) => m.id === module)?.items.map((i) => i.id));
		}
		expect(shared).toContain('researchConsent');
		expect(shared).toContain('metPeople');
		expect(shared).toContain('topDomains');
	});

	it('gives an item in both the same type, options and words', () => {
		for (const id of shared) {
			const [a, b] = [t0.get(id)!, t1.get(id)!];
			expect(b.type, id).toBe(a.type);
			expect(optionIds(evaluation, b), id).toEqual(optionIds(intake, a));
			expect(b.text, id).toBe(a.text);
		}
	});

	it('computes the ladder and the life domains the same way', () => {
		for (const id of ['ladder', 'lifeDomains']) {
			expect(evaluation.computed?.find((c) => c.id === id)).toEqual(
				intake.computed?.find((c) => c.id === id)
			);
		}
	});
});

describe('the participatieladder, derived from "my week"', () => {
	const yes: Answer = { type: 'yesno', value: true };
	const no: Answer = { type: 'yesno', value: false };
	const organised = (...options: string[]): Answer => ({ type: 'multiple', options });
	const paid = (option: string): Answer => ({ type: 'single', option });
	const nothing: AnswerMap = {
		metPeople: no,
		organised: organised('none'),
		unpaidWork: no,
		paidWork: paid('none')
	};

	it.each([
		[1, 'none of these', {}],
		[2, 'meets people outside the home every week', { metPeople: yes }],
		[3, 'goes to a language class every week', { organised: organised('languageClass') }],
		[3, 'goes to sport every week', { organised: organised('sport') }],
		[4, 'volunteers every week', { unpaidWork: yes }],
		[5, 'paid work with support', { paidWork: paid('withSupport') }],
		[6, 'paid work without support', { paidWork: paid('withoutSupport') }],
		[4, 'the highest rung that applies', { metPeople: yes, organised: organised('club'), unpaidWork: yes }]
	] as const)('rung %i: %s', (rung, _why, answers) => {
		for (const name of ['intake', 'evaluation'] as const) {
			expect(computeResults(definition(name), { ...nothing, ...answers }).ladder?.value, name).toBe(rung);
		}
	});

	it('is unknown, not rung 1, without a real answer', () => {
		expect(computeResults(definition('intake'), {}).ladder?.value).toBeNull();
		expect(
			computeResults(definition('intake'), { paidWork: { type: 'preferNot' } }).ladder?.value
		).toBeNull();
	});
});

describe('research consent decides what is asked', () => {
	const yes: Answer = { type: 'yesno', value: true };
	const no: Answer = { type: 'yesno', value: false };
	const shown = (name: Name, answers: AnswerMap) =>
		visibleModules(definition(name), answers).map((m) => m.id);

	it.each(['intake', 'evaluation'] as const)(
		'%s: asks about trust and discrimination only with consent for research',
		(name) => {
			expect(shown(name, {})).not.toContain('trust');
			expect(shown(name, { researchConsent: no })).not.toContain('trust');
			expect(shown(name, { researchConsent: yes })).toContain('trust');
		}
	);

	it.each(['intake', 'evaluation'] as const)(
		'%s: every other module can be filled in on its own, in any order',
		(name) => {
			const all = definition(name).modules.map((m) => m.id);
			expect(shown(name, {})).toEqual(all.filter((id) => id !== 'trust'));
		}
	);
});

describe('results', () => {
	it('scores the nine life domains and keeps the three picked', () => {
		const value = computeResults(definition('intake'), {
			topDomains: { type: 'rank', options: ['money', 'home', 'learning'] },
			homeManage: { type: 'faces3', value: 3 },
			homeHappy: { type: 'faces5', value: 3 }
		}).lifeDomains?.value;
		expect(value).toMatchObject({
			top: ['money', 'home', 'learning'],
			domains: { home: { score: 75, aspects: { manage: 100, happy: 50 } }, money: { score: null } }
		});
		expect(Object.keys((value as { domains: object }).domains)).toHaveLength(9);
	});

	it.each([
		['start', -2],
		['less', -1],
		['reached', 0],
		['more', 1],
		['muchMore', 2]
	] as const)('goal attainment: %s is %i', (option, score) => {
		const answers: AnswerMap = { goalProgress: { type: 'single', option } };
		expect(computeResults(definition('evaluation'), answers).goal?.value).toBe(score);
	});
});

describe('the coach part', () => {
	it('scores the 13 aspects of the integrated behaviour model from 1 to 10', () => {
		const aspects = definition('coach').modules.find((m) => m.id === 'aspects')?.items ?? [];
		expect(aspects).toHaveLength(13);
		for (const item of aspects) expect(item, item.id).toMatchObject({ type: 'number', min: 1, max: 10 });
	});

	it('asks why the trajectory ended only once it has', () => {
		const shown = (option: string) =>
			visibleItems(
				createSession(definition('coach'), 'status', { trajectoryStatus: { type: 'single', option } })
			).map((i) => i.id);
		expect(shown('ended')).toEqual(['trajectoryStatus', 'endReason']);
		expect(shown('volunteering')).toEqual(['trajectoryStatus']);
	});
});
