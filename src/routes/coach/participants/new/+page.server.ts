import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions } from './$types';
import { db } from '$lib/server/db';
import { addParticipant, sameNameInTeam } from '$lib/server/coach/caseload';
import { issuePairingCode } from '$lib/server/pairing';
import { pairingView } from '$lib/server/coach/pairing-view';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { parseForm } from '$lib/server/validation';
import { failure } from '$lib/server/result';

const NewParticipant = z.object({
	displayName: z
		.string()
		.trim()
		.min(1, 'Vul een naam in.')
		.max(80, 'De naam is te lang (hoogstens 80 tekens).'),
	preferredLanguage: z.enum(LANGUAGE_CODES, 'Kies een taal uit de lijst.'),
	nameDetail: z.string().trim().max(60, 'Het kenmerk is te lang (hoogstens 60 tekens).').default(''),
	/** Set when the coach has seen the same-name warning and adds anyway. */
	confirmSameName: z.string().optional()
});

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const form = await parseForm(request, NewParticipant);
		if (!form.ok) return form.failure;
		const database = await db();
		const coach = coachOf(locals);
		const { confirmSameName, ...input } = form.data;
		// Two participants with the same name: warn first, and ask for a detail that tells them apart.
		if (!confirmSameName) {
			const same = await sameNameInTeam(database, coach, input.displayName);
			if (same.length)
				return fail(409, {
					sameName: same.map((p) => ({
						displayName: p.displayName,
						nameDetail: p.nameDetail,
						coachName: p.coachName,
						createdAt: p.createdAt.toISOString()
					})),
					values: input
				});
		}
		const added = await addParticipant(database, coach, input);
		if (!added.ok) return failure(added.reason);
		const { id } = added;
		// The participant exists from here on: never answer 500 because the code could not be made.
		const issued = await issuePairingCode(database, coach, id);
		return {
			created: {
				id,
				displayName: input.displayName,
				...(issued ? await pairingView(url.origin, issued) : { code: null })
			}
		};
	}
};
