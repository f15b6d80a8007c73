import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { recordingForCoach } from '$lib/server/survey/recordings';
import { audit } from '$lib/server/audit';
import { uuidParam } from '$lib/server/validation';

/** A participant's spoken answer, for their coach: personal data, so never cached by shared caches, and logged. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const coach = coachOf(locals);
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const database = await db();
	const recording = await recordingForCoach(database, coach, params.id);
	if (!recording) error(404, 'Not found');
	await audit(
		database,
		{ type: 'coach', id: coach.id },
		{
			action: 'recording.played',
			subjectType: 'participant',
			subjectId: recording.participantId
		}
	);
	return new Response(new Uint8Array(recording.audio), {
		headers: {
			'content-type': recording.mime,
			'cache-control': 'private, no-store',
			'content-length': String(recording.bytes)
		}
	});
};
