import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { importDefinition, listDefinitions } from '$lib/server/survey/definitions';
import { formatError } from '$lib/survey';

const MAX_DEFINITION_BYTES = 400_000;

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.coach?.role !== 'admin') error(403, 'Only an administrator manages questionnaires.');
	return { definitions: await listDefinitions(await db()) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (locals.coach?.role !== 'admin') error(403, 'Only an administrator manages questionnaires.');
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
		const result = await importDefinition(await db(), locals.coach, json);
		if (result.ok) return { imported: `${result.questionnaireId} versie ${result.version} is toegevoegd.` };
		if (result.reason === 'exists')
			return fail(409, { errors: ['Deze versie bestaat al. Geef de nieuwe versie een hoger nummer.'] });
		if (result.reason !== 'invalid') error(403, 'Only an administrator manages questionnaires.');
		return fail(400, { errors: result.errors.map((e) => formatError(e)) });
	}
};
