/**
 * Answers: one discriminated value per item type, plus the two special answers. Answers arrive from the phone
 * (possibly after days offline) and from storage, so every answer is checked against its item before the engine
 * keeps it; a wrong answer is a typed error result, never an exception.
 *
 * The shape of an answer is the zod schema in schema/answers.ts (the outbox contract parses every answer a phone
 * sends with it); `Answer` comes from it as a type only. The engine runs on the phone, so it checks the shape of
 * what it is handed with `readAnswer` below rather than with zod (issue 17: zod cost the question screen 28 KB gzip).
 */
import {
	FREE_MODES,
	type FreeMode,
	type Item,
	type ItemOfType,
	type ItemType,
	type Option
} from './definition';
import { describeValue, formatError, formatPath, type DefinitionError, type Path } from './errors';
import type { Answer, FreeResponse } from './schema/answers';

export type { Answer, FreeResponse } from './schema/answers';

/** Longest clip reference (the id of a stored recording; the engine never sees the audio itself). */
export const CLIP_MAX_LENGTH = 200;

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
	| { code: 'tooManyDecimals'; value: number; decimals: number }
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

// ---------------------------------------------------------------------------------------------------------------
// The shape of an answer, checked by hand. Answers the engine is handed were checked before they were stored (by the
// phone, or by the server with zod), but stored answers may come from an older version of the app, and a session
// is opened from whatever IndexedDB or the page gives back: the engine must not trust them blindly. A field table
// keeps this check in step with answerSchema: it is typed against `Answer`, so a field added to the schema but not
// here does not compile, and a test feeds both the same inputs.

/** What a field of an answer holds. `clip`: a clip reference; `response?`: an optional spoken or typed answer. */
interface FieldTypes {
	string: string;
	clip: string;
	number: number;
	boolean: boolean;
	strings: string[];
	response: FreeResponse;
	'response?': FreeResponse | undefined;
}
type FieldKind = keyof FieldTypes;
/** The kinds whose type is exactly `T`. */
type KindOf<T> = {
	[K in FieldKind]: [T] extends [FieldTypes[K]] ? ([FieldTypes[K]] extends [T] ? K : never) : never;
}[FieldKind];
/** Every field of each variant of `U` (discriminated by `D`), with its kind. */
type FieldTable<U, D extends keyof U> = {
	[V in U[D] & string]: {
		[F in Exclude<keyof Extract<U, Record<D, V>>, D>]-?: KindOf<Extract<U, Record<D, V>>[F]>;
	};
};

const ANSWER_FIELDS = {
	single: { option: 'string' },
	multiple: { options: 'strings', other: 'response?' },
	faces5: { value: 'number' },
	faces3: { value: 'number' },
	scale10: { value: 'number' },
	frequency: { option: 'string' },
	yesno: { value: 'boolean' },
	number: { value: 'number' },
	date: { value: 'string' },
	rank: { options: 'strings' },
	free: { response: 'response' },
	preferNot: {},
	dontKnow: {}
} as const satisfies FieldTable<Answer, 'type'>;

const RESPONSE_FIELDS = {
	text: { text: 'string' },
	audio: { clip: 'clip' }
} as const satisfies FieldTable<FreeResponse, 'mode'>;

type Problems = DefinitionError[];

function problem(problems: Problems, path: Path, message: string): undefined {
	problems.push({ path: formatPath(path), message });
	return undefined;
}

function mismatch(problems: Problems, path: Path, expected: string, value: unknown): undefined {
	return problem(
		problems,
		path,
		value === undefined
			? `missing (expected ${expected})`
			: `expected ${expected}, got ${describeValue(value)}`
	);
}

/**
 * Reads one of the `variants` (objects with exactly these fields, told apart by `discriminator`) from `input`: a
 * fresh plain object, so what is kept never shares state with the caller's (a Svelte proxy cannot be stored in
 * IndexedDB). Undefined, with the problems, when the shape is wrong. Paths and messages are only built for a
 * problem: a session checks every stored answer each time it is opened.
 */
function readVariant(
	input: unknown,
	discriminator: string,
	name: string,
	variants: Readonly<Record<string, Readonly<Record<string, FieldKind>>>>,
	path: Path,
	problems: Problems
): Record<string, unknown> | undefined {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return mismatch(problems, path, 'object', input);
	}
	const record = input as Record<string, unknown>;
	const variant = record[discriminator];
	if (typeof variant !== 'string' || !Object.hasOwn(variants, variant)) {
		const known = Object.keys(variants).join(', ');
		return problem(
			problems,
			[...path, discriminator],
			variant === undefined
				? `missing "${discriminator}" (one of: ${known})`
				: `unknown ${name} ${describeValue(variant)} (known: ${known})`
		);
	}
	const fields = variants[variant]!;
	const read: Record<string, unknown> = { [discriminator]: variant };
	const before = problems.length;
	for (const field in fields) {
		const value = readField(record[field], fields[field]!, path, field, problems);
		if (value !== undefined) read[field] = value;
	}
	let unknown: string[] | undefined;
	for (const key of Object.keys(record)) {
		if (key !== discriminator && !Object.hasOwn(fields, key)) (unknown ??= []).push(JSON.stringify(key));
	}
	if (unknown) {
		const keys = unknown.join(', ');
		problem(problems, path, unknown.length === 1 ? `unknown property ${keys}` : `unknown properties ${keys}`);
	}
	return problems.length === before ? read : undefined;
}

/** Field `field` of the object at `path`, read as `kind`. */
function readField(value: unknown, kind: FieldKind, path: Path, field: string, problems: Problems): unknown {
	switch (kind) {
		case 'string':
			return typeof value === 'string' ? value : mismatch(problems, [...path, field], 'string', value);
		case 'clip':
			if (typeof value !== 'string') return mismatch(problems, [...path, field], 'string', value);
			if (value.length < 1 || value.length > CLIP_MAX_LENGTH) {
				return problem(problems, [...path, field], `must be 1 to ${CLIP_MAX_LENGTH} characters`);
			}
			return value;
		case 'number':
			// As z.number(): NaN and the infinities are not numbers an answer can hold.
			return Number.isFinite(value) ? value : mismatch(problems, [...path, field], 'number', value);
		case 'boolean':
			return typeof value === 'boolean' ? value : mismatch(problems, [...path, field], 'boolean', value);
		case 'strings':
			if (!Array.isArray(value)) return mismatch(problems, [...path, field], 'array', value);
			value.forEach((element, i) => {
				if (typeof element !== 'string') mismatch(problems, [...path, field, i], 'string', element);
			});
			return [...value];
		case 'response?':
			if (value === undefined) return undefined;
			return readVariant(value, 'mode', 'mode', RESPONSE_FIELDS, [...path, field], problems);
		case 'response':
			return readVariant(value, 'mode', 'mode', RESPONSE_FIELDS, [...path, field], problems);
	}
}

export type AnswerRead = { ok: true; answer: Answer } | { ok: false; problems: readonly DefinitionError[] };

/**
 * Reads `input` as an answer of any type, by shape only (answerSchema's rules, without zod); whether it fits its
 * item is `checkAnswer`'s job. The answer is a fresh copy.
 */
export function readAnswer(input: unknown): AnswerRead {
	const problems: Problems = [];
	const answer = readVariant(input, 'type', 'answer type', ANSWER_FIELDS, [], problems);
	// readVariant returns an object only when every field has the kind ANSWER_FIELDS (typed against Answer) says.
	return answer ? { ok: true, answer: answer as Answer } : { ok: false, problems };
}

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

const fail = (error: AnswerError): AnswerCheck => ({ ok: false, error });
const pass = (answer: Answer): AnswerCheck => ({ ok: true, answer });

/**
 * Checks `input` as an answer to `item`, whose options are `options` (resolved from an option list if need be).
 * Returns the answer to keep: multiple-choice selections are put in the definition's order so that equal answers
 * are stored equally; a ranking keeps its order, which is the answer.
 */
export function checkAnswer(item: Item, options: readonly Option[], input: unknown): AnswerCheck {
	const read = readAnswer(input);
	if (!read.ok) return fail({ code: 'malformed', message: read.problems.map(formatError).join('; ') });
	const answer = read.answer;

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
			return answer.type === 'number'
				? item.decimals
					? checkDecimal(item, answer, answer.value, item.decimals)
					: checkWholeNumber(item, answer, answer.value)
				: wrongType;
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

/** A number with at most `decimals` digits after the separator (3.25 with 2; not 3.257), within the range. */
function checkDecimal(item: Item, answer: Answer, value: number, decimals: number): AnswerCheck {
	const scaled = value * 10 ** decimals;
	if (!Number.isFinite(value) || Math.abs(scaled - Math.round(scaled)) > 1e-6)
		return fail({ code: 'tooManyDecimals', value, decimals });
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
