import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { isLanguage } from '$lib/i18n/languages';
import { serverSpeech, serverVoiceVersion } from '$lib/server/voice/tts';

/**
 * The server voice speaking one of the app's texts (by key, never free text), for phones without a voice for the
 * language. Like a clip: public, and with the right `?v=` (the language's server-voice version) cached for a year.
 * Rendered on the first request and kept; a burst of first requests beyond the queue gets 503 with Retry-After.
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	if (!isLanguage(params.lang) || !/^([a-z]+:)?[\w.-]{1,120}$/.test(params.key)) error(404, 'Not found');
	const result = await serverSpeech(await db(), params.lang, params.key);
	if (!result.ok) {
		if (result.reason === 'busy' || result.reason === 'failed')
			return new Response('Busy', {
				status: 503,
				headers: { 'retry-after': '2', 'cache-control': 'no-store' }
			});
		error(404, 'Not found');
	}
	const { speech } = result;
	const etag = `"${speech.hash.slice(0, 32)}"`;
	const immutable = url.searchParams.get('v') === serverVoiceVersion(params.lang);
	const headers = {
		'content-type': speech.mime,
		etag,
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache',
		'accept-ranges': 'none'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(speech.audio), {
		headers: { ...headers, 'content-length': String(speech.audio.byteLength) }
	});
};
