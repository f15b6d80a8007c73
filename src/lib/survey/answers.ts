/**
 * Answers: one discriminated value per item type, plus the two special answers. Answers arrive from the phone
 * (possibly after days offline) and from storage, so every answer is checked against its item before the engine
 * keeps it; a wrong answer is a typed error result, never an exception.
 */
import { z } from 'zod';
import {
	FREE_MODES,
	type FreeMode,
	type Item,
	type ItemOfType,
	type ItemType,
	type Option
} from './definition';
import { issuesToErrors, formatError } from './errors';

/** A clip reference is the id of a stored recording; the engine never sees the audio itself. */
const clipSchema = z.string().min(1).max(200);

export const freeResponseSchema = z.discriminatedUnion('mode', [
	z.strictObject({ mode: z.literal('text'), text: z.string() }),
	z.strictObject({ mode: z.literal('audio'), clip: clipSchema })
]);
export type FreeResponse = z.infer<typeof freeResponseSchema>;

export const answerSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('single'), option: z.string() }),
	z.strictObject({
		type: z.literal('multiple'),
		options: z.array(z.string()),
		other: freeResponseSchema.optional()
	}),
	z.strictObject({ type: z.literal('faces5'), value: z.number() }),
	z.strictObject({ type: z.literal('faces3'), value: z.number() }),
	z.strictObject({ type: z.literal('scale10'), value: z.number() }),
	z.strictObject({ type: z.literal('frequency'), option: z.string() }),
	z.strictObject({ type: z.literal('yesno'), value: z.boolean() }),
	z.strictObject({ type: z.literal('number'), value: z.number() }),
	z.strictObject({ type: z.literal('date'), value: z.string() }),
	/** Most important first. */
	z.strictObject({ type: z.literal('rank'), options: z.array(z.string()) }),
	z.strictObject({ type: z.literal('free'), response: freeResponseSchema }),
	z.strictObject({ type: z.literal('preferNot') }),
	z.strictObject({ type: z.literal('dontKnow') })
]);
export type Answer = z.infer<typeof answerSchema>;
export type SpecialAnswer = Extract<Answer, { type: 'preferNot' | 'dontKnow' }>;
export type ValueAnswer = Exclude<Answer, SpecialAnswer>;
export type AnswerOfType<T extends ItemType> = Extract<Answer, { type: T }>;

/** Answers by item id. Only ever replaced, never changed in place. */
export type AnswerMap = Readonly<Record<string, Answer>>;

export function isSpecialAnswer(answer: Answer): answer is SpecialAnswer {
	return answer.type === 'preferNot' || answer.type === 'dontKnow';
}

export function isValueAnswer(answer: Answer | undefined): answer is ValueAnswer {
	return answer !== undefined && !isSpecialAnswer(answer);
}

export type AnswerError =
	| { code: 'malformed'; message: string }
	| { code: 'wrongType'; expected: ItemType; received: Answer['type'] }
	| { code: 'specialNotAllowed'; special: SpecialAnswer['type'] }
	| { code: 'unknownOption'; option: string }
	| { code: 'duplicateOption'; option: string }
	| { code: 'exclusiveCombined'; option: string }
	| { code: 'tooManyOptions'; max: number; received: number }
	| { code: 'otherNotAllowed' }
	| { code: 'empty' }
	| { code: 'notInteger'; value: number }
	| {
			code: 'outOfRange';
			value: number | string;
			min: number | string | undefined;
			max: number | string | undefined;
	  }
	| { code: 'invalidDate'; value: string }
	| { code: 'modeNotAllowed'; mode: FreeMode }
	| { code: 'tooLong'; maxLength: number; length: number };

export type AnswerCheck = { ok: true; answer: Answer } | { ok: false; error: AnswerError };

/** The value range of each scale, so that conditions and answers agree on it. */
export function numericRange(item: Item): { min: number; max: number } | undefined {
	switch (item.type) {
		case 'faces5':
			return { min: 1, max: 5 };
		case 'faces3':
			return { min: 1, max: 3 };
		case 'scale10':
			return { min: 0, max: 10 };
		case 'number':
			return { min: item.min, max: item.max };
		default:
			return undefined;
	}
}

export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ANSWER_DISCRIMINATORS = { type: 'answer type', mode: 'mode' };

const fail = (error: AnswerError): AnswerCheck => ({ ok: false, error });
const pass = (answer: Answer): AnswerCheck => ({ ok: true, answer });

/**
 * Checks `input` as an answer to `item`, whose options are `options` (resolved from an option list if need be).
 * Returns the answer to keep: multiple-choice selections are put in the definition's order so that equal answers
 * are stored equally; a ranking keeps its order, which is the answer.
 */
export function checkAnswer(item: Item, options: readonly Option[], input: unknown): AnswerCheck {
	const parsed = answerSchema.safeParse(input, { reportInput: true });
	if (!parsed.success) {
		const message = issuesToErrors(parsed.error.issues, input, ANSWER_DISCRIMINATORS)
			.map(formatError)
			.join('; ');
		return fail({ code: 'malformed', message });
	}
	const answer = parsed.data;

	if (answer.type === 'preferNot' || answer.type === 'dontKnow') {
		const allowed = answer.type === 'preferNot' ? item.allowPreferNot : item.allowDontKnow;
		return allowed ? pass(answer) : fail({ code: 'specialNotAllowed', special: answer.type });
	}

	const wrongType = fail({ code: 'wrongType', expected: item.type, received: answer.type });
	const optionIds = new Set(options.map((o) => o.id));
	switch (item.type) {
		case 'single':
			return answer.type === 'single' ? checkOption(answer, answer.option, optionIds) : wrongType;
		case 'frequency':
			return answer.type === 'frequency' ? checkOption(answer, answer.option, optionIds) : wrongType;
		case 'multiple':
			return answer.type === 'multiple' ? checkMultiple(item, options, answer) : wrongType;
		case 'rank':
			return answer.type === 'rank' ? checkRank(item, optionIds, answer) : wrongType;
		case 'faces5':
			return answer.type === 'faces5' ? checkWholeNumber(item, answer, answer.value) : wrongType;
		case 'faces3':
			return answer.type === 'faces3' ? checkWholeNumber(item, answer, answer.value) : wrongType;
		case 'scale10':
			return answer.type === 'scale10' ? checkWholeNumber(item, answer, answer.value) : wrongType;
		case 'number':
			return answer.type === 'number' ? checkWholeNumber(item, answer, answer.value) : wrongType;
		case 'yesno':
			return answer.type === 'yesno' ? pass(answer) : wrongType;
		case 'date':
			return answer.type === 'date' ? checkDate(item, answer) : wrongType;
		case 'free': {
			if (answer.type !== 'free') return wrongType;
			const error = checkFreeResponse(answer.response, item.modes ?? FREE_MODES, item.maxLength);
			return error ? fail(error) : pass(answer);
		}
		case 'note':
			// A note is read, not answered.
			return wrongType;
	}
}

function checkOption(answer: Answer, option: string, optionIds: ReadonlySet<string>): AnswerCheck {
	return optionIds.has(option) ? pass(answer) : fail({ code: 'unknownOption', option });
}

function checkMultiple(
	item: ItemOfType<'multiple'>,
	options: readonly Option[],
	answer: AnswerOfType<'multiple'>
): AnswerCheck {
	const error = checkSelection(answer.options, new Set(options.map((o) => o.id)));
	if (error) return fail(error);
	if (answer.other && !item.other) return fail({ code: 'otherNotAllowed' });
	if (answer.options.length === 0 && !answer.other) return fail({ code: 'empty' });
	if (answer.other) {
		// The "other" answer may always be spoken or typed: it is the escape hatch for what the cards miss.
		const otherError = checkFreeResponse(answer.other, FREE_MODES, undefined);
		if (otherError) return fail(otherError);
	}
	const selected = options.filter((o) => answer.options.includes(o.id));
	const exclusive = selected.find((o) => o.exclusive);
	if (exclusive && (selected.length > 1 || answer.other)) {
		return fail({ code: 'exclusiveCombined', option: exclusive.id });
	}
	return pass({ ...answer, options: selected.map((o) => o.id) });
}

function checkRank(
	item: ItemOfType<'rank'>,
	optionIds: ReadonlySet<string>,
	answer: AnswerOfType<'rank'>
): AnswerCheck {
	const error = checkSelection(answer.options, optionIds);
	if (error) return fail(error);
	if (answer.options.length === 0) return fail({ code: 'empty' });
	// Fewer than `pick` is fine: someone who finds only two cards important should not have to invent a third.
	if (answer.options.length > item.pick) {
		return fail({ code: 'tooManyOptions', max: item.pick, received: answer.options.length });
	}
	return pass(answer);
}

function checkWholeNumber(item: Item, answer: Answer, value: number): AnswerCheck {
	if (!Number.isInteger(value)) return fail({ code: 'notInteger', value });
	const range = numericRange(item);
	if (range && (value < range.min || value > range.max)) {
		return fail({ code: 'outOfRange', value, min: range.min, max: range.max });
	}
	return pass(answer);
}

function checkDate(item: ItemOfType<'date'>, answer: AnswerOfType<'date'>): AnswerCheck {
	if (!isCalendarDate(answer.value)) return fail({ code: 'invalidDate', value: answer.value });
	// ISO dates compare correctly as strings.
	const tooEarly = item.min !== undefined && answer.value < item.min;
	const tooLate = item.max !== undefined && answer.value > item.max;
	if (tooEarly || tooLate)
		return fail({ code: 'outOfRange', value: answer.value, min: item.min, max: item.max });
	return pass(answer);
}

function checkSelection(
	selected: readonly string[],
	optionIds: ReadonlySet<string>
): AnswerError | undefined {
	const seen = new Set<string>();
	for (const option of selected) {
		if (!optionIds.has(option)) return { code: 'unknownOption', option };
		if (seen.has(option)) return { code: 'duplicateOption', option };
		seen.add(option);
	}
	return undefined;
}

function checkFreeResponse(
	response: FreeResponse,
	modes: readonly FreeMode[],
	maxLength: number | undefined
): AnswerError | undefined {
	if (!modes.includes(response.mode)) return { code: 'modeNotAllowed', mode: response.mode };
	if (response.mode === 'audio') return undefined;
	// A typed answer of only spaces says nothing; the participant can skip instead.
	if (response.text.trim() === '') return { code: 'empty' };
	if (maxLength !== undefined && response.text.length > maxLength) {
		return { code: 'tooLong', maxLength, length: response.text.length };
	}
	return undefined;
}
