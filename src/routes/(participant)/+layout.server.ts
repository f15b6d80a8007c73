import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participantContext } from '$lib/server/participant/context';
import { clipManifest } from '$lib/server/voice/clips';
import { pageTextVoices, serverVoiceVersion } from '$lib/server/voice/tts';

export const load: LayoutServerLoad = async ({ locals }) => {
	const database = await db();
	return {
		clips: await clipManifest(database, locals.lang),
		// Speakers know from the first paint whether the server voice can speak where no clip is recorded.
		serverVoice: serverVoiceVersion(locals.lang),
		// …and, for a paired phone, any other page text (a name, a date, a place filled in).
		pageTextVoices: locals.participant ? pageTextVoices() : [],
		context: locals.participant ? await participantContext(database, locals.participant.id) : null
	};
};
