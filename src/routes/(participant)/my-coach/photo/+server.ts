import { participantOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { coachPhotoFor } from '$lib/server/messages/threads';

/** The coach's photo, for their own participants only (checked and stripped of metadata when the coach set it). */
export const GET: RequestHandler = async ({ locals }) => {
	const participant = participantOf(locals);
	const found = await coachPhotoFor(await db(), participant.id);
	if (!found) error(404, 'Not found');
	return new Response(new Uint8Array(found.photo), {
		headers: {
			'content-type': found.mime,
			'cache-control': 'private, max-age=3600',
			'x-content-type-options': 'nosniff'
		}
	});
};
