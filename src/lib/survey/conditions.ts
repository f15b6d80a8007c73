/**
 * Evaluating skip-logic conditions against answers. Conditions are data (definition.ts), checked before use
 * (validate.ts), so evaluation never throws: a reference it cannot satisfy simply does not hold.
 */
import { isValueAnswer, type Answer, type AnswerMap } from './answers';
import type { Comparison, Condition, ConditionValue } from './definition';
import { own } from './own';

/**
 * The single value a comparison looks at: the option of a single choice, the number on a scale, yes/no, a date.
 * Answers that are sets (multiple, rank) or free text have none; `includes` is the operator for sets.
 */
export function scalarOf(answer: Answer | undefined): ConditionValue | undefined {
	if (!isValueAnswer(answer)) return undefined;
	switch (answer.type) {
		case 'single':
		case 'frequency':
			return answer.option;
		case 'faces5':
		case 'faces3':
		case 'scale10':
		case 'number':
		case 'yesno':
		case 'date':
			return answer.value;
		case 'multiple':
		case 'rank':
		case 'free':
			return undefined;
	}
}

function selectedOptions(answer: Answer | undefined): readonly string[] {
	return answer?.type === 'multiple' || answer?.type === 'rank' ? answer.options : [];
}

/**
 * Whether `condition` holds for `answers`. Pass only the answers that count (those of visible items, see
 * `resolveVisibility`), so that a hidden item cannot switch on a follow-up question.
 *
 * Comparisons need a real answer: an unanswered item, or one answered "prefer not to say" / "don't know", neither
 * equals nor notEquals anything. So `notEquals` means "answered, and with something else"; wrap `equals` in `not`
 * for "anything but this, including no answer".
 */
export function evaluateCondition(condition: Condition, answers: AnswerMap): boolean {
	if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, answers));
	if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, answers));
	if ('not' in condition) return !evaluateCondition(condition.not, answers);
	return evaluateComparison(condition, own(answers, condition.item));
}

function evaluateComparison(comparison: Comparison, answer: Answer | undefined): boolean {
	if (comparison.op === 'answered') return answer !== undefined;
	if (comparison.op === 'includes') return selectedOptions(answer).includes(comparison.value);

	const scalar = scalarOf(answer);
	if (scalar === undefined) return false;
	switch (comparison.op) {
		case 'equals':
			return scalar === comparison.value;
		case 'notEquals':
			return scalar !== comparison.value;
		case 'in':
			return comparison.value.includes(scalar);
		case 'notIn':
			return !comparison.value.includes(scalar);
		case 'gte':
		case 'lte': {
			// Numbers compare with numbers and ISO dates with ISO dates (as strings, which orders them correctly).
			const bound = comparison.value;
			const sameKind =
				(typeof scalar === 'number' && typeof bound === 'number') ||
				(typeof scalar === 'string' && typeof bound === 'string');
			if (!sameKind) return false;
			return comparison.op === 'gte' ? scalar >= bound : scalar <= bound;
		}
	}
}

/** Every comparison in a condition, with its path below the condition, in document order. */
export function comparisonsOf(
	condition: Condition,
	path: readonly (string | number)[] = []
): { comparison: Comparison; path: (string | number)[] }[] {
	if ('all' in condition) return condition.all.flatMap((c, i) => comparisonsOf(c, [...path, 'all', i]));
	if ('any' in condition) return condition.any.flatMap((c, i) => comparisonsOf(c, [...path, 'any', i]));
	if ('not' in condition) return comparisonsOf(condition.not, [...path, 'not']);
	return [{ comparison: condition, path: [...path] }];
}

/** The ids of the items a condition looks at. */
export function referencedItems(condition: Condition): string[] {
	return [...new Set(comparisonsOf(condition).map(({ comparison }) => comparison.item))];
}
