import { participantOf } from '$lib/server/access';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { conversationText } from '$lib/server/messages/export';

/** "Download the conversation": the participant's own messages as a text file, in their language. */
export const GET: RequestHandler = async ({ locals }) => {
	const participant = participantOf(locals);
	const text = await conversationText(await db(), participant.id, locals.lang);
	return new Response(text, {
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'content-disposition': 'attachment; filename="opstap-berichten.txt"',
			'cache-control': 'private, no-store'
		}
	});
};
