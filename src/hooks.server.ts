import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { db, getDatabase } from '$lib/server/db';
import { startup } from '$lib/server/startup';
import { startPushRuntime, stopPushRuntime } from '$lib/server/push/runtime';
import { stopServerVoice } from '$lib/server/voice/tts';
import { COACH_COOKIE, coachFromSession } from '$lib/server/auth/coach';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, participantFromDevice } from '$lib/server/pairing';
import { clearCookie, setSessionCookie } from '$lib/server/security/cookies';
import { isLanguage, language, negotiateLanguage, SOURCE_LANGUAGE } from '$lib/i18n/languages';
import { LANGUAGE_COOKIE } from '$lib/server/i18n/cookie';
import { securityHeaders } from '$lib/server/security/headers';
import { guard } from '$lib/server/access';
import { databaseErrorOf, guardDatabase, UNAVAILABLE_MESSAGE } from '$lib/server/db/unavailable';
import { compression } from '$lib/server/http/compression';
import { fontFaceStyle } from '$lib/server/http/fonts';
import { withStyleHashes } from '$lib/server/http/csp';
import { themeStyleHashes } from '$lib/server/municipality/themes';

export const init: ServerInit = async () => {
	const database = await getDatabase();
	await startup(database.db);
	startPushRuntime(database.db);
	// adapter-node's graceful stop (SIGTERM/SIGINT), after the last request: finish the pushes being sent, then
	// close the database cleanly; stop the server voice's worker thread.
	process.once('sveltekit:shutdown', () => {
		void stopServerVoice();
		void stopPushRuntime().finally(() => database.close());
	});
};

const handleRequest: Handle = async ({ event, resolve }) => {
	const database = await db();
	const path = event.url.pathname;
	const isCoachArea = path === '/coach' || path.startsWith('/coach/');
	event.locals.coach = await coachFromSession(database, event.cookies.get(COACH_COOKIE));
	const deviceToken = isCoachArea ? undefined : event.cookies.get(DEVICE_COOKIE);
	event.locals.participant = await participantFromDevice(database, deviceToken);
	event.locals.unpaired = false;
	if (deviceToken && event.locals.participant) {
		// Renew the long-lived cookie on use, so a phone in use stays paired.
		setSessionCookie(event.cookies, event.url, DEVICE_COOKIE, deviceToken, DEVICE_COOKIE_DAYS * 86_400);
	} else if (deviceToken) {
		// The coach unpaired this phone (lost or replaced): forget the cookie and say so kindly.
		clearCookie(event.cookies, event.url, DEVICE_COOKIE);
		event.locals.unpaired = true;
	}

	// The coach workspace is Dutch; a participant sees their own language, wherever they are.
	const chosen = event.cookies.get(LANGUAGE_COOKIE);
	event.locals.lang = isCoachArea
		? SOURCE_LANGUAGE
		: ((event.locals.participant && isLanguage(event.locals.participant.preferredLanguage)
				? event.locals.participant.preferredLanguage
				: undefined) ??
			(isLanguage(chosen) ? chosen : negotiateLanguage(event.request.headers.get('accept-language'))));
	const lang = language(event.locals.lang);

	// Who may do what is decided here, once, before any route code (pages, data, form actions, endpoints).
	guard(event);

	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%opstap.lang%', lang.code)
				.replace('%opstap.dir%', lang.dir)
				.replace('%opstap.fonts%', fontFaceStyle(lang.script))
	});
	// The participant's pages carry their municipality's theme inline ((participant)/+layout.svelte).
	const policy = response.headers.get('content-security-policy');
	// (Not in dev: there style-src allows 'unsafe-inline' for Vite, which a hash beside it would switch off.)
	if (policy && !isCoachArea && !dev)
		response.headers.set('content-security-policy', withStyleHashes(policy, themeStyleHashes()));
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:', !dev))) {
		response.headers.set(name, value);
	}
	// Personal pages must not sit in shared caches. The coach's pages not in the browser's own cache either: on a shared
	// computer, "back" after logging out would show a caseload from it. (The participant's pages are kept on their own
	// phone on purpose, for offline use, by the service worker.)
	if (!response.headers.has('cache-control'))
		response.headers.set('cache-control', isCoachArea ? 'private, no-store' : 'private, no-cache');
	return response;
};

// Compressed on the way out (src/lib/server/http/compression.ts), the 503 pages included. While the database
// cannot be reached: 503 with Retry-After, never a 500 (src/lib/server/db/unavailable.ts).
export const handle: Handle = sequence(compression, guardDatabase, handleRequest);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (databaseErrorOf(event, error)) return { message: UNAVAILABLE_MESSAGE };
	if (status >= 500) console.error(error);
	// Never a stack trace in a page: the participant sees a kind sentence in their language (error page).
	return { message: status === 404 ? 'Not found' : status >= 500 ? 'Internal error' : message };
};
