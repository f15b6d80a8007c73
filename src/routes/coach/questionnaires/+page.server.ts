import { fail } from '@sveltejs/kit';
import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { importDefinition, listDefinitions } from '$lib/server/survey/definitions';
import { looksLikeXlsx, readXlsform } from '$lib/server/survey/xlsform';
import { formatError } from '$lib/survey';
import { formatProblem } from '$lib/survey/parse/xlsform';

const MAX_DEFINITION_BYTES = 400_000;

export const load: PageServerLoad = async () => {
	return { definitions: await listDefinitions(await db()) };
};

/** A JSON definition as it is, or an XLSForm spreadsheet converted to one; or the reasons why not, in Dutch. */
async function definitionFrom(
	file: File
): Promise<{ ok: true; json: unknown; warnings: string[] } | { ok: false; errors: string[] }> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (looksLikeXlsx(bytes)) {
		const converted = await readXlsform(bytes);
		if ('unreadable' in converted) return { ok: false, errors: [converted.unreadable] };
		if (!converted.ok) return { ok: false, errors: converted.errors.map(formatProblem) };
		return { ok: true, json: converted.definition, warnings: converted.warnings.map(formatProblem) };
	}
	try {
		return { ok: true, json: JSON.parse(new TextDecoder().decode(bytes)), warnings: [] };
	} catch (e) {
		return {
			ok: false,
			errors: [`Dit is geen XLSForm-spreadsheet (.xlsx) en geen geldige JSON: ${(e as Error).message}`]
		};
	}
}

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData().catch(() => null);
		const file = form?.get('definition');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { errors: ['Kies een XLSForm-spreadsheet (.xlsx) of een JSON-bestand.'] });
		if (file.size > MAX_DEFINITION_BYTES)
			return fail(413, { errors: ['Het bestand is te groot (hoogstens 400 kB).'] });
		const read = await definitionFrom(file);
		if (!read.ok) return fail(400, { errors: read.errors });
		const result = await importDefinition(await db(), coachOf(locals), read.json);
		if (result.ok)
			return {
				imported: `${result.questionnaireId} versie ${result.version} is toegevoegd.`,
				warnings: read.warnings
			};
		if (result.reason === 'exists')
			return fail(409, { errors: ['Deze versie bestaat al. Geef de nieuwe versie een hoger nummer.'] });
		if (result.reason !== 'invalid') refuse('forbidden');
		return fail(400, { errors: result.errors.map((e) => formatError(e)) });
	}
};
