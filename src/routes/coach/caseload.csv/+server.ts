import { coachOf } from '$lib/server/access';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { worklistQueryFrom } from '$lib/server/coach/worklist';
import { caseloadCsv } from '$lib/server/coach/caseload-export';
import { refuse } from '$lib/server/result';

/** The caseload with the list's filters as CSV (the query falls back to defaults like the list: never a 400). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const csv = await caseloadCsv(await db(), coachOf(locals), worklistQueryFrom(url));
	if (csv === null) refuse('forbidden');
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-caseload.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
