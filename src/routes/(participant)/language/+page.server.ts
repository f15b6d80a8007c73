import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { LANGUAGE_COOKIE } from '$lib/server/i18n/cookie';
import { setPreferredLanguage } from '$lib/server/pairing';
import { parseForm } from '$lib/server/validation';
import { clipManifest } from '$lib/server/voice/clips';
import { serverVoiceText, serverVoiceVersion } from '$lib/server/voice/tts';

/** Only paths inside Opstap: never redirect a participant to another site. */
const localPath = z
	.string()
	.regex(/^\/(?!\/)[\w\-/]*$/)
	.catch('/');

export const load: PageServerLoad = async ({ url }) => {
	const database = await db();
	// Each language says its own name: the clip of "language.self" in every language, where recorded.
	const selfClips: Record<string, string> = {};
	for (const lang of LANGUAGE_CODES) {
		const version = (await clipManifest(database, lang))['language.self'];
		if (version) selfClips[lang] = version;
	}
	// Else the server voice, in the languages it has.
	const selfServer: Record<string, string> = {};
	for (const lang of LANGUAGE_CODES) {
		const version = serverVoiceVersion(lang);
		if (version && serverVoiceText(lang, 'language.self')) selfServer[lang] = version;
	}
	return { returnTo: localPath.parse(url.searchParams.get('returnTo') ?? '/'), selfClips, selfServer };
};

const ChooseForm = z.object({ lang: z.enum(LANGUAGE_CODES), returnTo: localPath.optional() });

export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await parseForm(request, ChooseForm);
		if (!form.ok) return form.failure;
		cookies.set(LANGUAGE_COOKIE, form.data.lang, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 400 * 86_400
		});
		if (locals.participant) await setPreferredLanguage(await db(), locals.participant.id, form.data.lang);
		redirect(303, form.data.returnTo ?? '/');
	}
};
