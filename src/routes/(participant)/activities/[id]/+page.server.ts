import { participantOf } from '$lib/server/access';
import { error, fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import {
	activityForParticipant,
	centroidsOf,
	catalogueOwnerOfParticipant
} from '$lib/server/activities/catalogue';
import { myRequests, storeActivityRequest } from '$lib/server/activities/requests';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { parseForm, uuidParam } from '$lib/server/validation';
import { REQUEST_KINDS } from '$lib/activities/categories';
import { participants } from '$lib/server/db/schema';
import { activityClips } from '$lib/server/voice/activity-clips';
import { eq } from 'drizzle-orm';

async function find(locals: App.Locals, id: string) {
	const participant = participantOf(locals);
	if (!uuidParam.safeParse(id).success) error(404, 'Not found');
	const database = await db();
	const activity = await activityForParticipant(database, participant.id, id, locals.lang);
	if (!activity) error(404, 'Not found');
	return { database, activity, participantId: participant.id };
}

/**
 * One activity with everything its page shows (the list carries only what it shows). The list opens it over itself
 * with this data; the service worker keeps it once opened, or asked for, so it opens offline too.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { database, activity, participantId } = await find(locals, params.id);
	const owner = await catalogueOwnerOfParticipant(database, participantId);
	const [me] = await database
		.select({ postcode: participants.postcode })
		.from(participants)
		.where(eq(participants.id, participantId));
	return {
		activity,
		// The recorded clips of its texts (not in the language's clip list, which every page carries): by language,
		// the participant's for a translated text, Dutch for the Dutch fallback.
		clips: await activityClips(database, activity.id, locals.lang),
		centroids: owner ? await centroidsOf(database, owner) : {},
		postcode: me?.postcode ?? null,
		requests: (await myRequests(database, participantId))
			.filter((r) => r.activityId === activity.id)
			.map((r) => ({ activityId: r.activityId, kind: r.kind, at: r.at.toISOString() })),
		namespaces: pageNamespaces(locals.lang, 'activities')
	};
};

const RequestForm = z.object({ kind: z.enum(REQUEST_KINDS) });

export const actions: Actions = {
	/** Without JavaScript the request goes straight to the server (with JavaScript it goes through the outbox). */
	request: async ({ request, locals, params }) => {
		const { database, activity, participantId } = await find(locals, params.id);
		const parsed = await parseForm(request, RequestForm);
		if (!parsed.ok) return fail(400, { requestError: serverT(locals.lang)('activities:request.failed') });
		await storeActivityRequest(database, participantId, {
			clientId: randomUUID(),
			at: new Date(),
			data: { activityId: activity.id, kind: parsed.data.kind }
		});
		return { requested: parsed.data.kind };
	}
};
