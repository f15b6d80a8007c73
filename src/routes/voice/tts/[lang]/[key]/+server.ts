import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { isLanguage } from '$lib/i18n/languages';
import { serverSpeech, serverVoiceVersion } from '$lib/server/voice/tts';
import { speechResponse } from '$lib/server/voice/speech-response';

/**
 * The server voice speaking one of the app's texts (by key, never free text), for phones without a voice for the
 * language. Like a clip: public, and with the right `?v=` (the language's server-voice version) cached for a year.
 * Rendered on the first request and kept; a burst of first requests beyond the queue gets 503 with Retry-After.
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	if (!isLanguage(params.lang) || !/^([a-z]+:)?[\w.-]{1,120}$/.test(params.key)) error(404, 'Not found');
	return speechResponse(await serverSpeech(await db(), params.lang, params.key), request, {
		immutable: url.searchParams.get('v') === serverVoiceVersion(params.lang),
		shared: true
	});
};
