import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { isLanguage, language, negotiateLanguage, type LanguageCode } from '$lib/i18n/languages';
import { LANGUAGE_COOKIE } from '$lib/server/i18n/cookie';
import { participantText } from '$lib/server/i18n/resources';
import { securityHeaders } from '$lib/server/security/headers';
import { noteDatabaseError, RETRY_AFTER_SECONDS } from './availability';

/** What a JSON client reads while the database is unreachable. */
export const UNAVAILABLE_MESSAGE = 'The database cannot be reached right now. Try again later.';

/**
 * From `handleError`: a load, action or endpoint failed because the database cannot be reached. Marks the request,
 * so that `guardDatabase` turns SvelteKit's 500 into a 503, and reports the outage (once, not per request).
 */
export function databaseErrorOf(event: RequestEvent, error: unknown): boolean {
	if (!noteDatabaseError(error, event.url.pathname)) return false;
	event.locals.databaseUnavailable = true;
	return true;
}

function wantsJson(event: RequestEvent): boolean {
	const accept = event.request.headers.get('accept') ?? '';
	return (
		event.url.pathname.startsWith('/api/') ||
		event.url.pathname.endsWith('/__data.json') ||
		event.request.headers.has('x-sveltekit-action') ||
		(accept.includes('application/json') && !accept.includes('text/html'))
	);
}

function escape(text: string): string {
	return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page of our own, for when the request failed before SvelteKit could render one (the check of who is asking). */
function unavailablePage(event: RequestEvent): Response {
	const chosen = event.cookies.get(LANGUAGE_COOKIE);
	const code: LanguageCode =
		event.locals.lang ??
		(isLanguage(chosen) ? chosen : negotiateLanguage(event.request.headers.get('accept-language')));
	const lang = language(code);
	const title = participantText(code, 'error.title') ?? 'Opstap';
	const text = participantText(code, 'error.generic') ?? UNAVAILABLE_MESSAGE;
	const home = participantText(code, 'error.toHome') ?? 'Opstap';
	const html = `<!doctype html>
<html lang="${lang.code}" dir="${lang.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Opstap</title></head>
<body><main><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/">${escape(home)}</a></p></main></body>
</html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" }
	});
}

function finish(event: RequestEvent, response: Response): Response {
	response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	response.headers.set('cache-control', 'no-store');
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:', !dev))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
}

/**
 * The outermost handle: while the database cannot be reached, a request gets 503 with Retry-After (never a 500),
 * whether it failed in the check of who is asking (the next handle, before anything renders) or in a load, action or
 * endpoint (SvelteKit rendered a 500 through handleError, which marked it; the body is kept).
 */
export const guardDatabase: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!noteDatabaseError(error, event.url.pathname)) throw error;
		return finish(
			event,
			wantsJson(event) ? json({ message: UNAVAILABLE_MESSAGE }, { status: 503 }) : unavailablePage(event)
		);
	}
	if (response.status < 500 || !event.locals.databaseUnavailable) return response;
	return finish(
		event,
		new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers: response.headers })
	);
};
