import { coachOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { inboxForCoach } from '$lib/server/messages/coach-view';

/** The inbox across the caseload: unread first, with counts. */
export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('messages:coach');
	return { inbox: await inboxForCoach(await db(), coachOf(locals)) };
};
