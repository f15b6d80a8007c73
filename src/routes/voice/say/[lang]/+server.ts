import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { isLanguage } from '$lib/i18n/languages';
import { hit } from '$lib/server/security/rate-limit';
import { PAGE_TEXT_RENDERS, pageTextAllowed, pageTextKnown, pageTextSpeech } from '$lib/server/voice/tts';
import { speechResponse } from '$lib/server/voice/speech-response';

/**
 * The server voice speaking a page text with something filled in (a greeting with a name, an appointment's day and
 * place, an activity), for phones without a voice for the language. Only for a paired phone or someone logged in;
 * new renders count against a per-person limit, so nobody can keep the server busy with texts of their own making.
 * Nothing is stored on the server; the URL is immutable, so the phone keeps it.
 */
export const GET: RequestHandler = async ({ params, url, request, locals }) => {
	const text = url.searchParams.get('t') ?? '';
	if (!isLanguage(params.lang) || !pageTextAllowed(params.lang, text)) error(404, 'Not found');
	if (!pageTextKnown(params.lang, text)) {
		const who = locals.participant ? `p:${locals.participant.id}` : `c:${locals.coach?.id}`;
		const limit = await hit(await db(), `voice-say:${who}`, PAGE_TEXT_RENDERS);
		if (!limit.allowed)
			return new Response('Too many', {
				status: 429,
				headers: { 'retry-after': String(limit.retryAfterSeconds), 'cache-control': 'no-store' }
			});
	}
	return speechResponse(await pageTextSpeech(params.lang, text), request, { immutable: true, shared: false });
};
