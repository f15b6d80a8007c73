import { fail } from '@sveltejs/kit';
import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { importDefinition, listDefinitions } from '$lib/server/survey/definitions';
import { formatError } from '$lib/survey';

const MAX_DEFINITION_BYTES = 400_000;

export const load: PageServerLoad = async () => {
	return { definitions: await listDefinitions(await db()) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData().catch(() => null);
		const file = form?.get('definition');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: ['Kies een JSON-bestand.'] });
		if (file.size > MAX_DEFINITION_BYTES)
			return fail(413, { errors: ['Het bestand is te groot (hoogstens 400 kB).'] });
		let json: unknown;
		try {
			json = JSON.parse(await file.text());
		} catch (e) {
			return fail(400, { errors: [`Dit is geen geldige JSON: ${(e as Error).message}`] });
		}
		const result = await importDefinition(await db(), coachOf(locals), json);
		if (result.ok) return { imported: `${result.questionnaireId} versie ${result.version} is toegevoegd.` };
		if (result.reason === 'exists')
			return fail(409, { errors: ['Deze versie bestaat al. Geef de nieuwe versie een hoger nummer.'] });
		if (result.reason !== 'invalid') refuse('forbidden');
		return fail(400, { errors: result.errors.map((e) => formatError(e)) });
	}
};
