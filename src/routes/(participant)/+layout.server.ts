import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participantContext } from '$lib/server/participant/context';
import { clipManifest } from '$lib/server/voice/clips';

export const load: LayoutServerLoad = async ({ locals }) => {
	const database = await db();
	return {
		clips: await clipManifest(database, locals.lang),
		context: locals.participant ? await participantContext(database, locals.participant.id) : null
	};
};
