import { describe, expect, it } from 'vitest';
import {
	checkAnswer,
	formToAnswer,
	ITEM_TYPES,
	readAnswer,
	type AnswerCheck,
	type Item
} from '../../../src/lib/survey';
import { answerSchema } from '../../../src/lib/survey/schema';
import { lookup } from '../../../src/lib/survey/lookup';
import { weekDefinition } from '../../../src/lib/survey/fixtures';

const definition = weekDefinition();
const indexed = lookup(definition);

/** Checks `answer` against fixture item `itemId` (options resolved as the engine does). */
function check(itemId: string, answer: unknown): AnswerCheck {
	const entry = indexed.itemsById.get(itemId);
	if (!entry) throw new Error(`fixture has no item ${itemId}`);
	return checkAnswer(entry.item, indexed.optionsOf(entry.item), answer);
}

function errorCode(itemId: string, answer: unknown): string | undefined {
	const result = check(itemId, answer);
	return result.ok ? undefined : result.error.code;
}

describe('answers are checked against their item', () => {
	it('single: an option of the item', () => {
		expect(check('paidWork', { type: 'single', option: 'withSupport' }).ok).toBe(true);
		expect(check('paidWork', { type: 'single', option: 'sometimes' })).toEqual({
			ok: false,
			error: { code: 'unknownOption', option: 'sometimes' }
		});
	});

	it('multiple: known, distinct options; "other" only where offered; exclusive options alone', () => {
		const ok = check('livesWith', { type: 'multiple', options: ['children', 'partner'] });
		// Stored in the definition's order, so equal selections are stored equally.
		expect(ok).toEqual({ ok: true, answer: { type: 'multiple', options: ['partner', 'children'] } });
		expect(
			check('livesWith', { type: 'multiple', options: [], other: { mode: 'text', text: 'Oma' } }).ok
		).toBe(true);
		expect(
			check('livesWith', { type: 'multiple', options: [], other: { mode: 'audio', clip: 'clip-1' } }).ok
		).toBe(true);
		expect(errorCode('livesWith', { type: 'multiple', options: ['pets'] })).toBe('unknownOption');
		expect(errorCode('livesWith', { type: 'multiple', options: ['partner', 'partner'] })).toBe(
			'duplicateOption'
		);
		expect(errorCode('livesWith', { type: 'multiple', options: [] })).toBe('empty');
		expect(errorCode('livesWith', { type: 'multiple', options: ['alone', 'partner'] })).toBe(
			'exclusiveCombined'
		);
		expect(
			errorCode('livesWith', { type: 'multiple', options: ['alone'], other: { mode: 'text', text: 'x' } })
		).toBe('exclusiveCombined');
		expect(
			errorCode('organisedWhat', {
				type: 'multiple',
				options: ['sport'],
				other: { mode: 'text', text: 'Dans' }
			})
		).toBe('otherNotAllowed');
		expect(
			errorCode('livesWith', { type: 'multiple', options: [], other: { mode: 'text', text: '  ' } })
		).toBe('empty');
	});

	it('faces5 and faces3: whole faces within the scale', () => {
		expect(check('homeHappy', { type: 'faces5', value: 5 }).ok).toBe(true);
		expect(check('homeManage', { type: 'faces3', value: 1 }).ok).toBe(true);
		expect(check('homeHappy', { type: 'faces5', value: 6 })).toMatchObject({
			ok: false,
			error: { code: 'outOfRange', min: 1, max: 5 }
		});
		expect(errorCode('homeManage', { type: 'faces3', value: 4 })).toBe('outOfRange');
		expect(errorCode('homeManage', { type: 'faces3', value: 0 })).toBe('outOfRange');
		expect(errorCode('homeHappy', { type: 'faces5', value: 2.5 })).toBe('notInteger');
		// A faces3 answer to a faces5 item is the wrong kind, whatever the value.
		expect(errorCode('homeHappy', { type: 'faces3', value: 2 })).toBe('wrongType');
	});

	it('scale10: 0 to 10', () => {
		expect(check('lifeSatisfaction', { type: 'scale10', value: 0 }).ok).toBe(true);
		expect(check('lifeSatisfaction', { type: 'scale10', value: 10 }).ok).toBe(true);
		expect(errorCode('lifeSatisfaction', { type: 'scale10', value: 11 })).toBe('outOfRange');
		expect(errorCode('lifeSatisfaction', { type: 'scale10', value: -1 })).toBe('outOfRange');
	});

	it('frequency: an option of its option list', () => {
		expect(check('careAmount', { type: 'frequency', option: 'halfDay' }).ok).toBe(true);
		expect(errorCode('careAmount', { type: 'frequency', option: 'hours' })).toBe('unknownOption');
		expect(errorCode('careAmount', { type: 'single', option: 'halfDay' })).toBe('wrongType');
	});

	it('yesno: a boolean', () => {
		expect(check('caresFor', { type: 'yesno', value: false }).ok).toBe(true);
		expect(errorCode('caresFor', { type: 'yesno', value: 'yes' })).toBe('malformed');
	});

	it('number: a whole number between min and max', () => {
		expect(check('children', { type: 'number', value: 0 }).ok).toBe(true);
		expect(check('children', { type: 'number', value: 15 }).ok).toBe(true);
		expect(check('children', { type: 'number', value: 16 })).toEqual({
			ok: false,
			error: { code: 'outOfRange', value: 16, min: 0, max: 15 }
		});
		expect(errorCode('children', { type: 'number', value: 1.5 })).toBe('notInteger');
		expect(errorCode('children', { type: 'number', value: Number.NaN })).toBe('malformed');
	});

	it('date: a real calendar date within the bounds', () => {
		expect(check('birthDate', { type: 'date', value: '1979-02-28' }).ok).toBe(true);
		expect(check('birthDate', { type: 'date', value: '1980-02-29' }).ok).toBe(true);
		expect(errorCode('birthDate', { type: 'date', value: '1979-02-29' })).toBe('invalidDate');
		expect(errorCode('birthDate', { type: 'date', value: '28-02-1979' })).toBe('invalidDate');
		expect(errorCode('birthDate', { type: 'date', value: '1899-12-31' })).toBe('outOfRange');
		expect(errorCode('birthDate', { type: 'date', value: '2031-01-01' })).toBe('outOfRange');
	});

	it('rank: up to `pick` distinct options, order kept', () => {
		expect(check('topDomains', { type: 'rank', options: ['money', 'home'] })).toEqual({
			ok: true,
			answer: { type: 'rank', options: ['money', 'home'] }
		});
		expect(check('topDomains', { type: 'rank', options: ['health'] }).ok).toBe(true);
		expect(check('topDomains', { type: 'rank', options: ['home', 'money', 'health'] })).toEqual({
			ok: false,
			error: { code: 'tooManyOptions', max: 2, received: 3 }
		});
		expect(errorCode('topDomains', { type: 'rank', options: ['home', 'home'] })).toBe('duplicateOption');
		expect(errorCode('topDomains', { type: 'rank', options: ['work'] })).toBe('unknownOption');
		expect(errorCode('topDomains', { type: 'rank', options: [] })).toBe('empty');
	});

	it('free: spoken (a clip reference) or typed, as the item allows', () => {
		expect(check('whatWouldHelp', { type: 'free', response: { mode: 'audio', clip: 'clip-7' } }).ok).toBe(
			true
		);
		expect(check('whatWouldHelp', { type: 'free', response: { mode: 'text', text: 'Rust' } }).ok).toBe(true);
		expect(errorCode('bigChange', { type: 'free', response: { mode: 'text', text: 'Werk' } })).toBe(
			'modeNotAllowed'
		);
		expect(errorCode('goodThing', { type: 'free', response: { mode: 'audio', clip: 'c' } })).toBe(
			'modeNotAllowed'
		);
		expect(check('goodThing', { type: 'free', response: { mode: 'text', text: 'x'.repeat(201) } })).toEqual({
			ok: false,
			error: { code: 'tooLong', maxLength: 200, length: 201 }
		});
		expect(errorCode('whatWouldHelp', { type: 'free', response: { mode: 'text', text: ' ' } })).toBe('empty');
		expect(errorCode('whatWouldHelp', { type: 'free', response: { mode: 'audio', clip: '' } })).toBe(
			'malformed'
		);
	});

	it('"prefer not to say" and "don\'t know" only where the item allows them', () => {
		expect(check('caresFor', { type: 'preferNot' }).ok).toBe(true);
		expect(check('caresFor', { type: 'dontKnow' })).toEqual({
			ok: false,
			error: { code: 'specialNotAllowed', special: 'dontKnow' }
		});
		expect(check('recommend', { type: 'dontKnow' }).ok).toBe(true);
		expect(errorCode('recommend', { type: 'preferNot' })).toBe('specialNotAllowed');
	});

	it('reports the wrong type of answer as a typed error, not an exception', () => {
		expect(check('paidWork', { type: 'yesno', value: true })).toEqual({
			ok: false,
			error: { code: 'wrongType', expected: 'single', received: 'yesno' }
		});
	});

	it('reports malformed input with its path', () => {
		const result = check('paidWork', { type: 'single', choice: 'none' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.code).toBe('malformed');
		if (result.error.code !== 'malformed') return;
		expect(result.error.message).toContain('option: missing');
		expect(check('paidWork', { type: 'slider', value: 3 })).toMatchObject({
			ok: false,
			error: { code: 'malformed', message: expect.stringContaining('unknown answer type "slider"') }
		});
		expect(check('paidWork', null)).toMatchObject({ ok: false, error: { code: 'malformed' } });
	});

	it('covers every item type in the fixture', () => {
		const types = new Set(indexed.items.map((e) => e.item.type));
		// A note has no answer to check (it is read, not answered): tests/unit/survey/xlsform.test.ts has notes.
		expect([...types].sort()).toEqual(ITEM_TYPES.filter((t) => t !== 'note').sort());
	});
});

describe('a note', () => {
	const note: Item = { id: 'intro', type: 'note', text: 't.intro', pictogram: 'info' };
	it('takes no answer, and "next" on it keeps nothing', () => {
		expect(checkAnswer(note, [], { type: 'yesno', value: true })).toMatchObject({
			ok: false,
			error: { code: 'wrongType', expected: 'note' }
		});
		expect(formToAnswer(note, new FormData())).toEqual({ ok: true, answer: null });
	});
});

describe('the shape check agrees with answerSchema', () => {
	// The engine checks an answer's shape by hand (readAnswer), so that the phone needs no zod; the server parses
	// what phones send with answerSchema. Both must accept and refuse the same inputs, and keep the same answer.
	const valid: Record<string, unknown>[] = [
		{ type: 'single', option: 'a' },
		{ type: 'multiple', options: ['a', 'b'] },
		{ type: 'multiple', options: [], other: { mode: 'text', text: 'Oma' } },
		{ type: 'multiple', options: ['a'], other: { mode: 'audio', clip: 'clip-1' } },
		{ type: 'faces5', value: 3 },
		{ type: 'faces3', value: 1.5 },
		{ type: 'scale10', value: 0 },
		{ type: 'frequency', option: 'weekly' },
		{ type: 'yesno', value: false },
		{ type: 'number', value: -4 },
		{ type: 'date', value: '1979-02-28' },
		{ type: 'rank', options: ['x', 'y'] },
		{ type: 'free', response: { mode: 'text', text: '' } },
		{ type: 'free', response: { mode: 'audio', clip: 'c'.repeat(200) } },
		{ type: 'preferNot' },
		{ type: 'dontKnow' }
	];
	const odd: unknown[] = [
		undefined,
		null,
		0,
		-1,
		2.5,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		'',
		'a',
		'c'.repeat(201),
		true,
		[],
		['a'],
		[1],
		['a', null],
		{},
		{ mode: 'text', text: 'x' },
		{ mode: 'audio', clip: '' },
		{ mode: 'audio', clip: 'x', text: 'y' },
		{ mode: 'video' },
		{ mode: 'text' },
		'single',
		'preferNot',
		'toString'
	];

	/** Every answer above with each field (the discriminator too) taken away, replaced by an odd value, or added. */
	function variations(answer: Record<string, unknown>): unknown[] {
		const out: unknown[] = [answer];
		const fields = [...Object.keys(answer), 'option', 'options', 'value', 'other', 'response', 'extra'];
		for (const field of fields) {
			const { [field]: _removed, ...without } = answer;
			out.push(without);
			for (const value of odd) out.push({ ...answer, [field]: value });
		}
		for (const nested of ['other', 'response']) {
			const inner = answer[nested];
			if (typeof inner !== 'object' || inner === null) continue;
			for (const field of ['mode', 'text', 'clip', 'extra']) {
				const { [field]: _removed, ...without } = inner as Record<string, unknown>;
				out.push({ ...answer, [nested]: without });
				for (const value of odd) out.push({ ...answer, [nested]: { ...inner, [field]: value } });
			}
		}
		return out;
	}

	const inputs = [...odd, ...valid.flatMap(variations)];

	it(`on ${inputs.length} inputs`, () => {
		for (const input of inputs) {
			const parsed = answerSchema.safeParse(input);
			const read = readAnswer(input);
			expect({ input, ok: read.ok }).toEqual({ input, ok: parsed.success });
			if (read.ok && parsed.success) expect(read.answer).toEqual(parsed.data);
		}
	});

	it('keeps a copy, never the object it was handed (a Svelte proxy cannot go into IndexedDB)', () => {
		const input = { type: 'rank', options: ['a'] };
		const read = readAnswer(input);
		if (!read.ok || read.answer.type !== 'rank') throw new Error('not read');
		expect(read.answer).toEqual(input);
		expect(read.answer).not.toBe(input);
		expect(read.answer.options).not.toBe(input.options);
	});
});
