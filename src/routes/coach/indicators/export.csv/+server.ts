import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { keptIndicators } from '$lib/server/indicators/kept';
import { indicatorsCsv } from '$lib/server/indicators/csv';
import { periodOf } from '$lib/server/indicators/period';

/** The indicators as CSV, suppressed exactly as on the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const period = periodOf(url);
	const indicators = await keptIndicators(await db(), coachOf(locals), period.fromAt, period.toAt);
	if (!indicators) refuse('forbidden');
	return new Response('\ufeff' + indicatorsCsv(indicators), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="opstap-indicatoren-${period.from}-${period.to}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
