import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { listActivities } from '$lib/server/activities/catalogue';
import { managedCatalogue } from '$lib/server/activities/manage';
import { activitiesCsv } from '$lib/server/activities/import';

/** The catalogue in the import layout (UTF-8 with BOM, ";"), to edit in a spreadsheet and import again. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.coach) error(401, 'Log eerst in.');
	const database = await db();
	const org = await managedCatalogue(database, locals.coach);
	if (!org) error(403, 'Niet voor deze rol.');
	return new Response('\uFEFF' + activitiesCsv(await listActivities(database, org)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-activiteiten.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
