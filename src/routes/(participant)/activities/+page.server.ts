import { participantOf } from '$lib/server/access';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participantCatalogue, setParticipantPostcode } from '$lib/server/activities/catalogue';
import { myRequests } from '$lib/server/activities/requests';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { parseForm } from '$lib/server/validation';

/**
 * The catalogue comes with the page as the list needs it (about 170 bytes of JSON an activity: see bench/activities.js), so
 * the service worker's copy of this page is enough to browse and filter without a network. An activity's details
 * are its own page's data ([id]/+page.server.ts), which the service worker keeps once opened or asked for.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	const database = await db();
	const catalogue = await participantCatalogue(database, participant.id, locals.lang);
	if (!catalogue) error(404, 'Not found');
	return {
		...catalogue,
		requests: (await myRequests(database, participant.id)).map((r) => ({
			activityId: r.activityId,
			kind: r.kind,
			at: r.at.toISOString()
		})),
		namespaces: pageNamespaces(locals.lang, 'activities')
	};
};

const PostcodeForm = z.object({
	postcode: z
		.string()
		.trim()
		.regex(/^(\d{4})?$/)
});

export const actions: Actions = {
	/** The participant's four postcode digits (empty: forget it), for "near me". */
	postcode: async ({ request, locals }) => {
		const participant = participantOf(locals);
		const parsed = await parseForm(request, PostcodeForm);
		if (!parsed.ok) return fail(400, { postcodeError: serverT(locals.lang)('activities:near.invalid') });
		await setParticipantPostcode(await db(), participant.id, parsed.data.postcode || null);
		return { postcodeSaved: true };
	}
};
