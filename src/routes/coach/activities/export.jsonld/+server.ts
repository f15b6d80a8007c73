import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { listActivities } from '$lib/server/activities/catalogue';
import { managedCatalogue } from '$lib/server/activities/manage';
import { activitiesJsonLd } from '$lib/server/activities/jsonld';

/** The catalogue as schema.org Events (JSON-LD), e.g. for the municipality's website or a regional agenda. */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.coach) error(401, 'Log eerst in.');
	const database = await db();
	const org = await managedCatalogue(database, locals.coach);
	if (!org) error(403, 'Niet voor deze rol.');
	return new Response(activitiesJsonLd(await listActivities(database, org), url.origin), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-activiteiten.jsonld"',
			'cache-control': 'private, no-store'
		}
	});
};
