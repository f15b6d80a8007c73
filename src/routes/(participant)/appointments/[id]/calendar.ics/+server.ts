import { participantOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { appointmentIcs } from '$lib/server/appointments/calendar';
import { uuidParam } from '$lib/server/validation';

/** "Add to my calendar": an .ics file the phone's calendar opens. Only the participant's own appointments. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const participant = participantOf(locals);
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const ics = await appointmentIcs(await db(), participant.id, params.id, locals.lang, url.origin);
	if (!ics) error(404, 'Not found');
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="afspraak.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
