import { participantOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { activityForParticipant } from '$lib/server/activities/catalogue';
import { uuidParam } from '$lib/server/validation';
import { activityIcs } from '$lib/activities/ics';

/** "Add to my calendar" without JavaScript (with it, the phone makes the same file itself, also offline). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const participant = participantOf(locals);
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const activity = await activityForParticipant(await db(), participant.id, params.id, locals.lang);
	if (!activity) error(404, 'Not found');
	return new Response(activityIcs(activity, locals.lang), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="activiteit.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
