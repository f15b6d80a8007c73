import { optionsOf, type Answer, type Item, type Questionnaire } from '$lib/survey';

/**
 * What the review screen shows of an answer besides its words (issue 12 §4): the picture the participant tapped
 * (the option's pictogram, the face, yes or no), a number in a badge, or what kind of answer it was (spoken,
 * typed, a date, skipped), so the list can be checked without reading. Pure: the page and a unit test share it.
 */
export interface AnswerPicture {
	/** Pictogram names, in the order the answer has them (a ranking: most important first). */
	readonly pictograms: readonly string[];
	/** A number answer or a 0–10 score, shown beside its picture. */
	readonly number?: number;
}

/** At most this many pictures for a multiple choice; the words list them all. */
const MAX_PICTURES = 4;

export function answerPicture(
	definition: Questionnaire,
	item: Item,
	answer: Answer | undefined
): AnswerPicture {
	if (!answer) return { pictograms: ['skip'] };
	const pictogramOf = (id: string) => optionsOf(definition, item).find((o) => o.id === id)?.pictogram ?? 'ok';
	switch (answer.type) {
		case 'preferNot':
			return { pictograms: ['prefer-not'] };
		case 'dontKnow':
			return { pictograms: ['dont-know'] };
		case 'yesno':
			return { pictograms: [answer.value ? 'yes' : 'no'] };
		case 'faces5':
			return { pictograms: [`face-${answer.value}`] };
		case 'faces3':
			return { pictograms: [`face-${[1, 3, 5][answer.value - 1] ?? 3}`] };
		case 'scale10': {
			// The face of its part of the scale, as on the scale itself (ZeroTenScale).
			const n = answer.value;
			return { pictograms: [`face-${n <= 1 ? 1 : n <= 3 ? 2 : n <= 6 ? 3 : n <= 8 ? 4 : 5}`], number: n };
		}
		case 'number':
			return { pictograms: [], number: answer.value };
		case 'date':
			return { pictograms: ['day'] };
		case 'free':
			return { pictograms: [answer.response.mode === 'audio' ? 'microphone' : 'write'] };
		case 'single':
		case 'frequency':
			return { pictograms: [pictogramOf(answer.option)] };
		case 'rank':
			return { pictograms: answer.options.slice(0, MAX_PICTURES).map(pictogramOf) };
		case 'multiple': {
			const pictures = answer.options.map(pictogramOf);
			if (answer.other && item.type === 'multiple' && item.other) pictures.push(item.other.pictogram);
			return { pictograms: pictures.slice(0, MAX_PICTURES) };
		}
	}
}
