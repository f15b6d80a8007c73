import { describe, expect, it } from 'vitest';
import {
	evaluateCondition,
	referencedItems,
	resolveVisibility,
	type AnswerMap,
	type Condition
} from '../../../src/lib/survey';
import { weekDefinition } from '../../../src/lib/survey/fixtures';

const answers: AnswerMap = {
	paidWork: { type: 'single', option: 'withSupport' },
	careAmount: { type: 'frequency', option: 'halfDay' },
	caresFor: { type: 'yesno', value: true },
	lifeSatisfaction: { type: 'scale10', value: 6 },
	birthDate: { type: 'date', value: '1979-02-28' },
	livesWith: { type: 'multiple', options: ['partner', 'children'] },
	topDomains: { type: 'rank', options: ['money', 'home'] },
	goalStory: { type: 'free', response: { mode: 'text', text: 'Ik ga naar het taalcafé' } },
	moneyManage: { type: 'preferNot' },
	recommend: { type: 'dontKnow' }
};

const holds = (condition: Condition, given: AnswerMap = answers): boolean =>
	evaluateCondition(condition, given);

describe('conditions', () => {
	it('answered: any answer, including "prefer not to say" and "don\'t know"', () => {
		expect(holds({ item: 'paidWork', op: 'answered' })).toBe(true);
		expect(holds({ item: 'moneyManage', op: 'answered' })).toBe(true);
		expect(holds({ item: 'recommend', op: 'answered' })).toBe(true);
		expect(holds({ item: 'metPeople', op: 'answered' })).toBe(false);
	});

	it('equals: option ids, booleans, numbers and dates', () => {
		expect(holds({ item: 'paidWork', op: 'equals', value: 'withSupport' })).toBe(true);
		expect(holds({ item: 'paidWork', op: 'equals', value: 'none' })).toBe(false);
		expect(holds({ item: 'careAmount', op: 'equals', value: 'halfDay' })).toBe(true);
		expect(holds({ item: 'caresFor', op: 'equals', value: true })).toBe(true);
		expect(holds({ item: 'caresFor', op: 'equals', value: false })).toBe(false);
		expect(holds({ item: 'lifeSatisfaction', op: 'equals', value: 6 })).toBe(true);
		expect(holds({ item: 'birthDate', op: 'equals', value: '1979-02-28' })).toBe(true);
		// No type coercion: the number 6 is not the text "6".
		expect(holds({ item: 'lifeSatisfaction', op: 'equals', value: '6' })).toBe(false);
	});

	it('notEquals: answered with something else', () => {
		expect(holds({ item: 'paidWork', op: 'notEquals', value: 'none' })).toBe(true);
		expect(holds({ item: 'paidWork', op: 'notEquals', value: 'withSupport' })).toBe(false);
		// Unanswered and special answers are not "something else"; `not equals` is the way to include them.
		expect(holds({ item: 'metPeople', op: 'notEquals', value: true })).toBe(false);
		expect(holds({ item: 'moneyManage', op: 'notEquals', value: 1 })).toBe(false);
		expect(holds({ not: { item: 'metPeople', op: 'equals', value: true } })).toBe(true);
	});

	it('in and notIn', () => {
		expect(holds({ item: 'paidWork', op: 'in', value: ['withSupport', 'withoutSupport'] })).toBe(true);
		expect(holds({ item: 'paidWork', op: 'in', value: ['none'] })).toBe(false);
		expect(holds({ item: 'paidWork', op: 'notIn', value: ['none'] })).toBe(true);
		expect(holds({ item: 'paidWork', op: 'notIn', value: ['withSupport'] })).toBe(false);
		expect(holds({ item: 'metPeople', op: 'in', value: [true, false] })).toBe(false);
		expect(holds({ item: 'metPeople', op: 'notIn', value: [true] })).toBe(false);
	});

	it('gte and lte: numbers and dates, bounds included', () => {
		expect(holds({ item: 'lifeSatisfaction', op: 'gte', value: 6 })).toBe(true);
		expect(holds({ item: 'lifeSatisfaction', op: 'gte', value: 7 })).toBe(false);
		expect(holds({ item: 'lifeSatisfaction', op: 'lte', value: 6 })).toBe(true);
		expect(holds({ item: 'lifeSatisfaction', op: 'lte', value: 5 })).toBe(false);
		expect(holds({ item: 'birthDate', op: 'gte', value: '1979-01-01' })).toBe(true);
		expect(holds({ item: 'birthDate', op: 'lte', value: '1979-01-01' })).toBe(false);
		expect(holds({ item: 'moneyManage', op: 'lte', value: 3 })).toBe(false);
		expect(holds({ item: 'metPeople', op: 'gte', value: 0 })).toBe(false);
		// A number is not compared with a date.
		expect(holds({ item: 'lifeSatisfaction', op: 'gte', value: '1979-01-01' })).toBe(false);
	});

	it('includes: an option in a multiple choice or a ranking', () => {
		expect(holds({ item: 'livesWith', op: 'includes', value: 'children' })).toBe(true);
		expect(holds({ item: 'livesWith', op: 'includes', value: 'alone' })).toBe(false);
		expect(holds({ item: 'topDomains', op: 'includes', value: 'home' })).toBe(true);
		expect(holds({ item: 'topDomains', op: 'includes', value: 'health' })).toBe(false);
		expect(holds({ item: 'paidWork', op: 'includes', value: 'withSupport' })).toBe(false);
	});

	it('free answers only know "answered"', () => {
		expect(holds({ item: 'goalStory', op: 'answered' })).toBe(true);
		expect(holds({ item: 'goalStory', op: 'equals', value: 'Ik ga naar het taalcafé' })).toBe(false);
	});

	it('all, any and not', () => {
		const yes: Condition = { item: 'caresFor', op: 'equals', value: true };
		const no: Condition = { item: 'caresFor', op: 'equals', value: false };
		expect(holds({ all: [yes, yes] })).toBe(true);
		expect(holds({ all: [yes, no] })).toBe(false);
		expect(holds({ any: [no, yes] })).toBe(true);
		expect(holds({ any: [no, no] })).toBe(false);
		expect(holds({ not: no })).toBe(true);
		expect(holds({ not: { all: [yes, { any: [no, { not: no }] }] } })).toBe(false);
	});

	it('does not find prototype properties for ids like "constructor"', () => {
		expect(holds({ item: 'constructor', op: 'answered' }, {})).toBe(false);
		expect(holds({ item: 'toString', op: 'notEquals', value: 'x' }, {})).toBe(false);
	});

	it('lists the items a condition refers to', () => {
		expect(
			referencedItems({
				all: [
					{ item: 'a', op: 'answered' },
					{ any: [{ item: 'b', op: 'equals', value: 1 }, { not: { item: 'a', op: 'answered' } }] }
				]
			})
		).toEqual(['a', 'b']);
	});
});

describe('visibility', () => {
	const definition = weekDefinition();

	it('shows follow-ups only when they apply', () => {
		const without = resolveVisibility(definition, {});
		expect(without.visibleItems.has('careAmount')).toBe(false);
		const caring = resolveVisibility(definition, { caresFor: { type: 'yesno', value: true } });
		expect(caring.visibleItems.has('careAmount')).toBe(true);
	});

	it('hides a module, and with it all its items, when its condition does not hold', () => {
		const hidden = resolveVisibility(definition, { paidWork: { type: 'single', option: 'none' } });
		expect(hidden.visibleModules.has('goal')).toBe(false);
		expect(hidden.visibleItems.has('goalProgress')).toBe(false);
		expect(resolveVisibility(definition, {}).visibleModules.has('goal')).toBe(true);
	});

	it('cascades: an answer to a hidden item cannot switch on a later item', () => {
		// caresFor = no hides careAmount; the stale careAmount answer must not count anywhere.
		const result = resolveVisibility(definition, {
			caresFor: { type: 'yesno', value: false },
			careAmount: { type: 'frequency', option: 'wholeDay' }
		});
		expect(result.visibleItems.has('careAmount')).toBe(false);
		expect(result.answers).not.toHaveProperty('careAmount');
		expect(result.answers).toHaveProperty('caresFor');
	});
});
