import { error } from '@sveltejs/kit';
import type { SpeechResult } from './tts';

/**
 * One answer for the server voice's routes: the WAV with an ETag, cached for a year when the URL is versioned
 * (`immutable`), privately when the text may be personal (`shared: false`); 503 with Retry-After when busy.
 */
export function speechResponse(
	result: SpeechResult,
	request: Request,
	{ immutable, shared }: { immutable: boolean; shared: boolean }
): Response {
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
	const scope = shared ? 'public' : 'private';
	const headers = {
		'content-type': speech.mime,
		etag,
		'cache-control': immutable ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`,
		'accept-ranges': 'none',
		// Whether this answer was rendered now or came from the cache: bench/voice.js counts the hit rate by it.
		'server-timing': `voice;desc="${result.cached ? 'cache' : 'render'}"`
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(speech.audio), {
		headers: { ...headers, 'content-length': String(speech.audio.byteLength) }
	});
}
