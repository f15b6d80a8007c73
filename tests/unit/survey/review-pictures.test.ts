// The review screen's pictures (issue 12 §4): every kind of answer shows the picture the participant chose or a
// picture of its kind, so the list is checked without reading.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Item, Questionnaire } from '$lib/survey';
import { answerPicture } from '$lib/questions/review';
import { PICTOGRAM_NAMES } from '$lib/pictograms';

const evaluation = JSON.parse(
	readFileSync('src/lib/survey/definitions/evaluation.json', 'utf8')
) as Questionnaire;
const intake = JSON.parse(readFileSync('src/lib/survey/definitions/intake.json', 'utf8')) as Questionnaire;
const item = (q: Questionnaire, id: string): Item =>
	q.modules.flatMap((m) => m.items).find((i) => i.id === id)!;
const byType = (q: Questionnaire, type: Item['type']): Item =>
	q.modules.flatMap((m) => m.items).find((i) => i.type === type)!;

describe('answer pictures on the review screen', () => {
	it('shows the chosen option’s own picture: the drawn day, calendar and tally pictures for frequencies', () => {
		const frequency = byType(intake, 'frequency');
		const list = intake.optionLists![(frequency as { optionList: string }).optionList]!;
		for (const option of list)
			expect(answerPicture(intake, frequency, { type: 'frequency', option: option.id }).pictograms).toEqual([
				option.pictogram
			]);
		expect(
			Object.values(intake.optionLists!)
				.flat()
				.map((o) => o.pictogram)
		).not.toContain('level-half');
	});

	it('gives every kind of answer a picture that exists, and a number where the answer is one', () => {
		const names = new Set<string>(PICTOGRAM_NAMES);
		const all = [intake, evaluation].flatMap((q) => q.modules.flatMap((m) => m.items.map((i) => ({ q, i }))));
		for (const { q, i } of all) {
			const pictures = [
				answerPicture(q, i, undefined),
				answerPicture(q, i, { type: 'preferNot' }),
				answerPicture(q, i, { type: 'dontKnow' })
			];
			for (const p of pictures) for (const name of p.pictograms) expect(names.has(name), name).toBe(true);
		}
		expect(
			answerPicture(intake, byType(intake, 'yesno'), { type: 'yesno', value: false }).pictograms
		).toEqual(['no']);
		expect(answerPicture(intake, byType(intake, 'faces3'), { type: 'faces3', value: 3 }).pictograms).toEqual([
			'face-5'
		]);
		expect(answerPicture(intake, byType(intake, 'scale10'), { type: 'scale10', value: 7 })).toEqual({
			pictograms: ['face-4'],
			number: 7
		});
		expect(answerPicture(intake, byType(intake, 'number'), { type: 'number', value: 3 })).toEqual({
			pictograms: [],
			number: 3
		});
		const free = byType(intake, 'free');
		expect(
			answerPicture(intake, free, { type: 'free', response: { mode: 'audio', clip: 'c1' } }).pictograms
		).toEqual(['microphone']);
		expect(
			answerPicture(intake, free, { type: 'free', response: { mode: 'text', text: 'x' } }).pictograms
		).toEqual(['write']);
		expect(answerPicture(intake, free, undefined).pictograms).toEqual(['skip']);
	});

	it('shows at most four pictures of a multiple choice, the "other" card’s among them', () => {
		const languages = item(intake, 'languages');
		const picked = answerPicture(intake, languages, {
			type: 'multiple',
			options: ['nl', 'ar'],
			other: { mode: 'audio', clip: 'c2' }
		});
		expect(picked.pictograms).toEqual(['language', 'language', 'microphone']);
		const many = answerPicture(intake, languages, {
			type: 'multiple',
			options: ['nl', 'ar', 'tr', 'ti', 'so', 'fa']
		});
		expect(many.pictograms).toHaveLength(4);
	});
});
