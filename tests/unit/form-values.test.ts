import { describe, expect, it } from 'vitest';
import { formToAnswer, answerToValues, type Item } from '../../src/lib/survey';

const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of fields) data.append(k, v);
	return data;
};
const item = (extra: Record<string, unknown>) =>
	({ id: 'x', text: 'a.b', pictogram: 'ok', ...extra }) as unknown as Item;

describe('reading a question screen from its form (with or without JavaScript)', () => {
	it('reads each kind of answer', () => {
		expect(formToAnswer(item({ type: 'yesno' }), form([['value', 'yes']]))).toEqual({
			ok: true,
			answer: { type: 'yesno', value: true }
		});
		expect(formToAnswer(item({ type: 'faces5', scale: 'agreement' }), form([['value', '4']]))).toEqual({
			ok: true,
			answer: { type: 'faces5', value: 4 }
		});
		expect(
			formToAnswer(
				item({ type: 'multiple', options: [] }),
				form([
					['value', 'a'],
					['value', 'b'],
					['other', 'zingen']
				])
			)
		).toEqual({
			ok: true,
			answer: { type: 'multiple', options: ['a', 'b'], other: { mode: 'text', text: 'zingen' } }
		});
		expect(formToAnswer(item({ type: 'free' }), form([['value', 'koken']]))).toEqual({
			ok: true,
			answer: { type: 'free', response: { mode: 'text', text: 'koken' } }
		});
	});

	it('takes a spoken answer before anything typed', () => {
		const answer = formToAnswer(
			item({ type: 'free' }),
			form([
				['clip', 'c0ffee'],
				['value', 'ook getypt']
			])
		);
		expect(answer).toEqual({
			ok: true,
			answer: { type: 'free', response: { mode: 'audio', clip: 'c0ffee' } }
		});
	});

	it('takes a spoken "other, namely …" before anything typed, also with no card chosen', () => {
		expect(
			formToAnswer(
				item({ type: 'multiple', options: [] }),
				form([
					['otherClip', 'c0ffee'],
					['other', 'ook getypt']
				])
			)
		).toEqual({
			ok: true,
			answer: { type: 'multiple', options: [], other: { mode: 'audio', clip: 'c0ffee' } }
		});
		expect(formToAnswer(item({ type: 'multiple', options: [] }), form([['otherClip', '']]))).toEqual({
			ok: false,
			reason: 'empty'
		});
	});

	it('allows "rather not say" only where the question does, and says when nothing was chosen', () => {
		expect(formToAnswer(item({ type: 'single', options: [] }), form([['special', 'preferNot']]))).toEqual({
			ok: false,
			reason: 'empty'
		});
		expect(
			formToAnswer(
				item({ type: 'single', options: [], allowPreferNot: true }),
				form([['special', 'preferNot']])
			)
		).toEqual({
			ok: true,
			answer: { type: 'preferNot' }
		});
		expect(formToAnswer(item({ type: 'number', min: 0, max: 9 }), form([['value', 'two']]))).toEqual({
			ok: false,
			reason: 'malformed'
		});
		expect(formToAnswer(item({ type: 'yesno' }), form([['special', 'skip']]))).toEqual({
			ok: true,
			answer: null
		});
	});

	it('shows a stored answer back in the same fields', () => {
		expect(answerToValues({ type: 'yesno', value: false })).toEqual(['no']);
		expect(answerToValues({ type: 'rank', options: ['b', 'a'] })).toEqual(['b', 'a']);
		expect(answerToValues(null)).toEqual([]);
	});
});
