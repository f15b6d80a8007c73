import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { upcomingReminder } from '$lib/server/appointments/participant-view';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { openCheckin } from '$lib/server/checkins/participant-view';
import { consentState } from '$lib/server/consent';
import { firstUnasked } from '$lib/consent/purposes';
import { recentHandover } from '$lib/server/coach/handover';
import { unreadForParticipant } from '$lib/server/messages/threads';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.participant && locals.coach) redirect(303, '/coach');
	// A phone paired before every purpose was asked (or before consent was asked at all) is asked first.
	if (locals.participant) {
		const unasked = firstUnasked(await consentState(await db(), locals.participant.id));
		if (unasked) redirect(303, `/consent?step=${unasked}`);
	}
	// The next appointment within two days is shown on the home screen: the reminder for phones without push.
	const [next, checkin, handover, unread] = locals.participant
		? await Promise.all([
				upcomingReminder(await db(), locals.participant.id, locals.lang),
				// A "How are you?" waiting for an answer: a card, for phones without push too.
				openCheckin(await db(), locals.participant.id),
				// A new coach since a handover: introduced on the home screen for a while.
				recentHandover(await db(), locals.participant.id),
				// The coach's messages not yet seen: a number on the "My coach" tile.
				unreadForParticipant(await db(), locals.participant.id)
			])
		: [null, null, null, 0];
	const namespaces = [...(next ? ['appointments'] : []), ...(checkin ? ['checkins'] : [])];
	return {
		unpaired: locals.unpaired || url.searchParams.has('unpaired'),
		justPaired: url.searchParams.has('paired'),
		next,
		checkin,
		newCoach: handover !== null,
		unread,
		...(namespaces.length ? { namespaces: pageNamespaces(locals.lang, ...namespaces) } : {})
	};
};
