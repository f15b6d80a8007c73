import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { catalogueOwnerOfParticipant, catalogueOwnerOfTeam } from '$lib/server/activities/catalogue';
import { getPhoto } from '$lib/server/activities/photos';
import { uuidParam } from '$lib/server/validation';

/** An activity's photo, for the participants and coaches of its catalogue; versioned URLs are cached for good. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const database = await db();
	const owner = locals.participant
		? await catalogueOwnerOfParticipant(database, locals.participant.id)
		: locals.coach
			? await catalogueOwnerOfTeam(database, locals.coach.teamId)
			: null;
	if (!owner) error(401, 'Not signed in.');
	const found = await getPhoto(database, owner, params.id);
	if (!found) error(404, 'Not found');
	const versioned = url.searchParams.get('v') === found.sha256.slice(0, 16);
	return new Response(new Uint8Array(found.photo), {
		headers: {
			'content-type': found.mime,
			'content-length': String(found.photo.length),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
			etag: `"${found.sha256}"`
		}
	});
};
