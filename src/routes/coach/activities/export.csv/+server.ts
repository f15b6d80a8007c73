import type { RequestHandler } from './$types';
import { listActivities } from '$lib/server/activities/catalogue';
import { catalogueManager } from '$lib/server/activities/manage';
import { activitiesCsv } from '$lib/server/activities/layout';

/** The catalogue in the import layout (UTF-8 with BOM, ";"), to edit in a spreadsheet and import again. */
export const GET: RequestHandler = async ({ locals }) => {
	const { database, org } = await catalogueManager(locals);
	return new Response('\uFEFF' + activitiesCsv(await listActivities(database, org)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-activiteiten.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
