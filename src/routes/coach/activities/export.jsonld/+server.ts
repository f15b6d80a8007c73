import type { RequestHandler } from './$types';
import { listActivities } from '$lib/server/activities/catalogue';
import { catalogueManager } from '$lib/server/activities/manage';
import { activitiesJsonLd } from '$lib/server/activities/jsonld';

/** The catalogue as schema.org Events (JSON-LD), e.g. for the municipality's website or a regional agenda. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { database, org } = await catalogueManager(locals);
	return new Response(activitiesJsonLd(await listActivities(database, org), url.origin), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-activiteiten.jsonld"',
			'cache-control': 'private, no-store'
		}
	});
};
