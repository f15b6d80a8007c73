import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { unreadForParticipant } from '$lib/server/messages/messages';

/** "My coach": who they are, how to reach them; the coach and urgent number come with the layout's context. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.participant) redirect(303, locals.unpaired ? '/?unpaired=1' : '/');
	return {
		unread: await unreadForParticipant(await db(), locals.participant.id),
		namespaces: pageNamespaces(locals.lang, 'messages')
	};
};
