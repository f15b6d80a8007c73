import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { clipVersion, getClip } from '$lib/server/voice/clips';
import { isLanguage } from '$lib/i18n/languages';

/**
 * A recorded clip. Texts are the same for everyone, so no session is needed. A URL with the right `?v=` (the
 * content hash) never changes and is cached for a year; without it, the browser revalidates with the ETag.
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	if (!isLanguage(params.lang) || !/^([a-z]+:)?[\w.-]{1,120}(:[a-z]+)?$/.test(params.key))
		error(404, 'Not found');
	const clip = await getClip(await db(), params.lang, params.key);
	if (!clip) error(404, 'Not found');
	const etag = `"${clip.sha256}"`;
	const immutable = url.searchParams.get('v') === clipVersion(clip.sha256);
	const headers = {
		'content-type': clip.mime,
		etag,
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache',
		'accept-ranges': 'none'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(clip.audio), {
		headers: { ...headers, 'content-length': String(clip.audio.byteLength) }
	});
};
