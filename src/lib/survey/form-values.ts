/**
 * From a form post to an engine answer, for every item type. Used by the server (forms without JavaScript) and by
 * the browser (the same form, handled offline), so both read a question screen the same way.
 * Field names: `value` (one or several), `other` (typed text with "other"), `otherClip` (the id of a spoken "other"),
 * `clip` (the id of a spoken open answer), `special` (preferNot / dontKnow).
 */
import type { Answer } from './answers';
import type { Item } from './definition';

export interface FieldSource {
	get(name: string): FormDataEntryValue | null;
	getAll(name: string): FormDataEntryValue[];
}

export type FormAnswer = { ok: true; answer: Answer | null } | { ok: false; reason: 'empty' | 'malformed' };

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.trim() : '');

export function formToAnswer(item: Item, form: FieldSource): FormAnswer {
	const special = text(form.get('special'));
	if (special === 'preferNot' && item.allowPreferNot) return { ok: true, answer: { type: 'preferNot' } };
	if (special === 'dontKnow' && item.allowDontKnow) return { ok: true, answer: { type: 'dontKnow' } };
	if (special === 'skip') return { ok: true, answer: null };
	const value = text(form.get('value'));
	const values = form.getAll('value').map(text).filter(Boolean);
	// A whole number; with decimals (a decimal item) also "3,5" or "3.5", whichever separator the phone shows.
	const number = (v: string) =>
		/^-?\d+$/.test(v)
			? Number(v)
			: item.type === 'number' && item.decimals && /^-?\d*[.,]\d+$/.test(v)
				? Number(v.replace(',', '.'))
				: NaN;

	switch (item.type) {
		case 'single':
		case 'frequency':
			return value
				? { ok: true, answer: { type: item.type, option: value } }
				: { ok: false, reason: 'empty' };
		case 'multiple': {
			// As with an open answer, what was said goes before anything typed.
			const clip = text(form.get('otherClip'));
			const typed = text(form.get('other'));
			const other = clip
				? { mode: 'audio' as const, clip }
				: typed
					? { mode: 'text' as const, text: typed }
					: null;
			if (!values.length && !other) return { ok: false, reason: 'empty' };
			return { ok: true, answer: { type: 'multiple', options: values, ...(other ? { other } : {}) } };
		}
		case 'rank':
			return values.length
				? { ok: true, answer: { type: 'rank', options: values } }
				: { ok: false, reason: 'empty' };
		case 'faces5':
		case 'faces3':
		case 'scale10':
		case 'number': {
			if (!value) return { ok: false, reason: 'empty' };
			const n = number(value);
			return Number.isNaN(n)
				? { ok: false, reason: 'malformed' }
				: { ok: true, answer: { type: item.type, value: n } };
		}
		case 'yesno':
			if (value === 'yes' || value === 'no')
				return { ok: true, answer: { type: 'yesno', value: value === 'yes' } };
			if (value === 'prefer_not' && item.allowPreferNot) return { ok: true, answer: { type: 'preferNot' } };
			return value ? { ok: false, reason: 'malformed' } : { ok: false, reason: 'empty' };
		case 'date':
			return value ? { ok: true, answer: { type: 'date', value } } : { ok: false, reason: 'empty' };
		case 'free': {
			// A spoken answer (a recording's id) goes before anything typed.
			const clip = text(form.get('clip'));
			if (clip) return { ok: true, answer: { type: 'free', response: { mode: 'audio', clip } } };
			return value
				? { ok: true, answer: { type: 'free', response: { mode: 'text', text: value } } }
				: { ok: false, reason: 'empty' };
		}
		case 'note':
			// Read, then "next": nothing to keep.
			return { ok: true, answer: null };
	}
}

/** The other way round: what to show as chosen when a question is opened again. */
export function answerToValues(answer: Answer | null | undefined): string[] {
	if (!answer) return [];
	switch (answer.type) {
		case 'single':
		case 'frequency':
			return [answer.option];
		case 'multiple':
		case 'rank':
			return answer.options;
		case 'yesno':
			return [answer.value ? 'yes' : 'no'];
		case 'faces5':
		case 'faces3':
		case 'scale10':
		case 'number':
			return [String(answer.value)];
		case 'date':
			return [answer.value];
		case 'free':
			return answer.response.mode === 'text' ? [answer.response.text] : [];
		default:
			return [];
	}
}
