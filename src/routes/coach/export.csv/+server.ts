import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { exportAnswersCsv } from '$lib/server/survey/export';

const Query = z.object({
	// Any questionnaire id (an imported one too); one that does not exist simply has no rows.
	questionnaire: z
		.string()
		.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
		.optional(),
	pseudonymise: z.enum(['0', '1']).default('0')
});

export const GET: RequestHandler = async ({ locals, url }) => {
	const coach = coachOf(locals);
	const query = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success)
		error(400, `Invalid query: ${query.error.issues.map((i) => i.path.join('.')).join(', ')}`);
	const csv = await exportAnswersCsv(await db(), coach, {
		questionnaireId: query.data.questionnaire,
		pseudonymise: query.data.pseudonymise === '1'
	});
	const name = `opstap-antwoorden${query.data.pseudonymise === '1' ? '-gepseudonimiseerd' : ''}.csv`;
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
