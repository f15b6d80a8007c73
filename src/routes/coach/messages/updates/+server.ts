import { coachOf } from '$lib/server/access';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { messagesStamp } from '$lib/server/messages/inbox';

/**
 * What changed in the coach's messages, as a small fingerprint: the workspace polls this and reloads its data only
 * when it differs. Plain polling of the database: works behind any proxy, with any number of server processes.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const coach = coachOf(locals);
	return json(await messagesStamp(await db(), coach), {
		headers: { 'cache-control': 'no-store' }
	});
};
