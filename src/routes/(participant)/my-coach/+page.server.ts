import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { unreadForParticipant } from '$lib/server/messages/threads';

/** "My coach": who they are, how to reach them; the coach and urgent number come with the layout's context. */
export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	return {
		unread: await unreadForParticipant(await db(), participant.id),
		namespaces: pageNamespaces(locals.lang, 'messages')
	};
};
