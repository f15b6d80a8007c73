import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { attachmentForCoach } from '$lib/server/files/attachments';
import { audit } from '$lib/server/audit';
import { uuidParam } from '$lib/server/validation';

/** A participant's file (spoken answer, voice note, photo), for their coach: personal data, never in shared caches, logged. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const coach = coachOf(locals);
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const database = await db();
	const file = await attachmentForCoach(database, coach, params.id);
	if (!file) error(404, 'Not found');
	await audit(
		database,
		{ type: 'coach', id: coach.id },
		{
			action: 'attachment.opened',
			subjectType: 'participant',
			subjectId: file.participantId
		}
	);
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.mime,
			'cache-control': 'private, no-store',
			'content-length': String(file.bytes)
		}
	});
};
