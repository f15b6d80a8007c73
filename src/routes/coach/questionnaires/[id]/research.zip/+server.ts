import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { researchExport } from '$lib/server/survey/research-export';

const QuestionnaireId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);

/** One instrument for researchers: data.csv (a row per participant and moment) and codebook.csv, pseudonymised. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = QuestionnaireId.safeParse(params.id);
	if (!id.success) error(404, 'Not found');
	const result = await researchExport(await db(), coachOf(locals), id.data);
	if (!result) error(404, 'Not found');
	return new Response(new Uint8Array(result.zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="opstap-onderzoek-${id.data}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
