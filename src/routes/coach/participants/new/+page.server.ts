import { coachOf } from '$lib/server/access';
import { z } from 'zod';
import type { Actions } from './$types';
import { db } from '$lib/server/db';
import { addParticipant } from '$lib/server/coach/caseload';
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
	preferredLanguage: z.enum(LANGUAGE_CODES, 'Kies een taal uit de lijst.')
});

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const form = await parseForm(request, NewParticipant);
		if (!form.ok) return form.failure;
		const database = await db();
		const coach = coachOf(locals);
		const added = await addParticipant(database, coach, form.data);
		if (!added.ok) return failure(added.reason);
		const { id } = added;
		const issued = await issuePairingCode(database, coach, id);
		return {
			created: { id, displayName: form.data.displayName, ...(await pairingView(url.origin, issued!)) }
		};
	}
};
