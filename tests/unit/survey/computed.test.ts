import { describe, expect, it } from 'vitest';
import {
	COMPUTED_FUNCTION_NAMES,
	computeResults,
	type Answer,
	type AnswerMap,
	type ComputedOutcome
} from '../../../src/lib/survey';
import { weekDefinition } from '../../../src/lib/survey/fixtures';

const definition = weekDefinition();
const yes: Answer = { type: 'yesno', value: true };
const no: Answer = { type: 'yesno', value: false };
const paid = (option: string): Answer => ({ type: 'single', option });

function result(id: string, answers: AnswerMap): ComputedOutcome['value'] | undefined {
	return computeResults(definition, answers)[id]?.value;
}

const nothing = { metPeople: no, organised: no, unpaidWork: no, paidWork: paid('none') };

describe('participatieladder', () => {
	it.each([
		[1, 'none of these', nothing],
		[2, 'met people outside the home weekly', { ...nothing, metPeople: yes }],
		[3, 'went to something organised weekly', { ...nothing, organised: yes }],
		[4, 'unpaid work weekly', { ...nothing, unpaidWork: yes }],
		[5, 'paid work with support', { ...nothing, paidWork: paid('withSupport') }],
		[6, 'paid work without support', { ...nothing, paidWork: paid('withoutSupport') }]
	] as const)('rung %i: %s', (rung, _why, answers) => {
		expect(result('ladder', answers)).toBe(rung);
	});

	it('takes the highest rung that applies', () => {
		expect(
			result('ladder', { metPeople: yes, organised: yes, unpaidWork: yes, paidWork: paid('none') })
		).toBe(4);
		expect(result('ladder', { metPeople: yes, unpaidWork: yes, paidWork: paid('withSupport') })).toBe(5);
		expect(result('ladder', { metPeople: yes, organised: yes, paidWork: paid('withoutSupport') })).toBe(6);
	});

	it('needs at least one real answer: no answers, or only "prefer not to say", is unknown rather than rung 1', () => {
		expect(result('ladder', {})).toBeNull();
		expect(result('ladder', { paidWork: { type: 'preferNot' } })).toBeNull();
		expect(result('ladder', { metPeople: no })).toBe(1);
	});
});

describe('lifeDomainScores', () => {
	it('normalises faces to 0–100 per aspect, averages per domain, and keeps the picked order', () => {
		const value = result('domains', {
			homeManage: { type: 'faces3', value: 2 },
			homeHappy: { type: 'faces5', value: 5 },
			moneyManage: { type: 'faces3', value: 1 },
			moneyHappy: { type: 'faces5', value: 2 },
			topDomains: { type: 'rank', options: ['money', 'home'] }
		});
		expect(value).toEqual({
			domains: {
				home: { score: 75, aspects: { manage: 50, happy: 100 } },
				money: { score: 12.5, aspects: { manage: 0, happy: 25 } },
				health: { score: null, aspects: {} }
			},
			top: ['money', 'home']
		});
	});

	it('leaves out aspects answered "prefer not to say"', () => {
		const value = result('domains', {
			moneyManage: { type: 'preferNot' },
			moneyHappy: { type: 'faces5', value: 4 }
		});
		expect(value).toMatchObject({ domains: { money: { score: 75, aspects: { manage: null, happy: 75 } } } });
	});

	it('is unknown without any answer', () => {
		expect(result('domains', {})).toBeNull();
	});

	it('never counts the answer to a hidden item', () => {
		// moneyHappy is shown only once moneyManage is answered: a stray answer must not give money a score.
		const value = result('domains', {
			moneyHappy: { type: 'faces5', value: 5 },
			homeManage: { type: 'faces3', value: 3 }
		});
		expect(value).toMatchObject({
			domains: { money: { score: null, aspects: { manage: null, happy: null } } }
		});
	});
});

describe('goalAttainment', () => {
	it.each([
		['start', -2],
		['less', -1],
		['reached', 0],
		['more', 1],
		['muchMore', 2]
	] as const)('%s scores %i', (option, score) => {
		expect(result('goal', { goalProgress: paid(option) })).toBe(score);
	});

	it('is unknown when not answered, or when the goal module is hidden', () => {
		expect(result('goal', {})).toBeNull();
		expect(result('goal', { goalProgress: paid('more'), paidWork: paid('none') })).toBeNull();
	});
});

it('registers exactly the functions the schema allows', () => {
	expect([...COMPUTED_FUNCTION_NAMES].sort()).toEqual([
		'calculate',
		'goalAttainment',
		'lifeDomainScores',
		'participatieladder'
	]);
	expect(Object.keys(computeResults(definition, {}))).toEqual(['ladder', 'domains', 'goal']);
});
