import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import {
	EXPORT_LIMIT,
	auditCsv,
	auditFilterOf,
	auditRows,
	auditViewed
} from '$lib/server/privacy/audit-view';

/** The audit log as CSV, with the same filter as the page (up to EXPORT_LIMIT rows); the export is audited too. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const officer = coachOf(locals);
	const filter = auditFilterOf(url);
	const database = await db();
	const rows = await auditRows(database, officer, filter, EXPORT_LIMIT);
	if (!rows) refuse('forbidden');
	await auditViewed(database, officer, filter, true);
	return new Response('\ufeff' + auditCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="opstap-auditlog-${filter.from}-${filter.to}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
