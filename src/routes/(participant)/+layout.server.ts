import type { LayoutServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participantContext } from '$lib/server/participant/context';
import { themeStyle } from '$lib/server/municipality/themes';
import { clipManifest } from '$lib/server/voice/clips';
import { pageTextVoices, serverVoiceVersion } from '$lib/server/voice/tts';

export const load: LayoutServerLoad = async ({ locals }) => {
	const database = await db();
	const context = locals.participant ? await participantContext(database, locals.participant.id) : null;
	const theme = context?.municipality?.theme;
	return {
		clips: await clipManifest(database, locals.lang),
		// Speakers know from the first paint whether the server voice can speak where no clip is recorded.
		serverVoice: serverVoiceVersion(locals.lang),
		// …and, for a paired phone, any other page text (a name, a date, a place filled in).
		pageTextVoices: locals.participant ? pageTextVoices() : [],
		context,
		// The municipality's colours inside the page rather than linked (its hash is in the CSP, hooks.server.ts).
		themeCss: theme ? (themeStyle(theme)?.css ?? null) : null
	};
};
