import type { Handle } from '@sveltejs/kit';
import { Duplex } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/**
 * Compresses what SvelteKit renders (pages, __data.json, JSON endpoints, calendars, CSV) on the way out: a cheap
 * phone on a slow connection gets the HTML of a page in one round trip instead of four. The app's built files,
 * static/ and the service worker never reach `handle`: adapter-node serves them precompressed from disk
 * (`precompress: true` in svelte.config.js).
 *
 * Streaming-safe: every chunk SvelteKit writes is flushed at once (a page that streams its data still shows the
 * first part before the rest is ready). Already-compressed media (sound, photos, fonts, PDF) pass untouched.
 */

/** What we compress: text and the text-like application types. Anything else (audio, images, fonts) is left alone. */
const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|x-ndjson|manifest\+json|ld\+json|xhtml\+xml)|image\/svg\+xml)/i;

/** Below this a response fits in one packet anyway; compressing it costs more than it saves. */
const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to use for this Accept-Encoding header: brotli when the client takes it (every browser does over
 * https and http://localhost; Chromium also on plain http), else gzip, else none. q=0 means "not this one".
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = q ? Number(q.slice(2)) : 1;
		accepted.set(name, Number.isFinite(weight) ? weight : 0);
	}
	const weightOf = (name: Encoding) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
	const br = weightOf('br');
	const gzip = weightOf('gzip');
	if (br > 0 && br >= gzip) return 'br';
	if (gzip > 0) return 'gzip';
	return null;
}

function encoder(encoding: Encoding) {
	return encoding === 'br'
		? createBrotliCompress({
				// Quality 5: most of brotli's gain at a few percent of the CPU of quality 11 (this runs per request).
				params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
				flush: constants.BROTLI_OPERATION_FLUSH
			})
		: createGzip({ level: 6, flush: constants.Z_SYNC_FLUSH });
}

/** Adds Accept-Encoding to Vary, keeping what is there: a shared cache must not hand gzip to a client without it. */
function varyOnEncoding(headers: Headers) {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', 'Accept-Encoding');
	else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
		headers.set('vary', `${vary}, Accept-Encoding`);
}

/** The response compressed for this request, or the response itself when compressing does not apply. */
export function compressResponse(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type)) return response;
	varyOnEncoding(response.headers);
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 206 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		response.headers.has('content-range') ||
		/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')
	)
		return response;
	const length = Number(response.headers.get('content-length') ?? NaN);
	if (length < MIN_BYTES) return response;
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return response;

	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	// The bytes differ from the uncompressed ones: a strong validator would be wrong for them.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	const body = response.body.pipeThrough(
		Duplex.toWeb(encoder(encoding)) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
	);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** The outermost step of `handle`: everything after it (the database guard, the pages) is compressed. */
export const compression: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));
