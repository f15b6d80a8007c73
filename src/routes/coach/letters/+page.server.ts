import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { letterCandidates, makeLetters } from '$lib/server/pairing/letters';
import { LETTER_CODE_DAYS, LETTER_CODE_MAX_DAYS, LETTERS_PER_PRINT } from '$lib/server/pairing';
import { parseForm } from '$lib/server/validation';
import { dutchFormat } from '$lib/time/amsterdam';

const DAY = dutchFormat({ dateStyle: 'medium' });

/** Pairing letters: who has no phone paired yet (first), who has a letter on its way, and who paired since. */
export const load: PageServerLoad = async ({ locals }) => {
	const rows = await letterCandidates(await db(), coachOf(locals));
	if (!rows) refuse('forbidden');
	return {
		days: LETTER_CODE_DAYS,
		maxDays: LETTER_CODE_MAX_DAYS,
		rows: rows.map((r) => ({
			...r,
			codeSent: r.codeSentAt ? DAY.format(r.codeSentAt) : null,
			codeValidUntil: r.codeValidUntil ? DAY.format(r.codeValidUntil) : null
		}))
	};
};

const PrintForm = z.object({
	participant: z
		.array(z.uuid('Kies deelnemers uit de lijst.'))
		.min(1, 'Kies minstens één deelnemer.')
		.max(LETTERS_PER_PRINT, `Hoogstens ${LETTERS_PER_PRINT} brieven tegelijk.`),
	days: z.coerce
		.number('Vul een aantal dagen in.')
		.int('Vul een heel aantal dagen in.')
		.min(1, 'Minstens 1 dag.')
		.max(LETTER_CODE_MAX_DAYS, `Hoogstens ${LETTER_CODE_MAX_DAYS} dagen.`)
});

export const actions: Actions = {
	/** A fresh code per chosen participant, and the letters to print (an older unused code stops working). */
	print: async ({ request, locals, url }) => {
		const form = await parseForm(request, PrintForm, ['participant']);
		if (!form.ok) return form.failure;
		const letters = await makeLetters(
			await db(),
			coachOf(locals),
			form.data.participant,
			form.data.days,
			url.origin
		);
		if (!letters) refuse('forbidden');
		return letters;
	}
};
