import { coachOf } from '$lib/server/access';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { deleteClip, listClips, MAX_CLIP_BYTES, saveClip, clipVersion } from '$lib/server/voice/clips';
import { voiceText, voiceTextKeys, languageStatus } from '$lib/server/i18n/resources';
import { languageCoverage, voiceSource } from '$lib/server/voice/coverage';
import { isLanguage, language, type LanguageCode } from '$lib/i18n/languages';
import { parseForm, readForm } from '$lib/server/validation';

function lang(raw: string): LanguageCode {
	if (!isLanguage(raw)) error(404, 'Not found');
	return raw;
}

export const load: PageServerLoad = async ({ params }) => {
	const code = lang(params.lang);
	const database = await db();
	const clips = new Map((await listClips(database, code)).map((c) => [c.textKey, c]));
	return {
		language: language(code),
		coverage: await languageCoverage(database, code),
		status: languageStatus(code),
		maxKilobytes: Math.floor(MAX_CLIP_BYTES / 1000),
		texts: voiceTextKeys().map((key) => {
			const clip = clips.get(key);
			return {
				key,
				dutch: voiceText('nl', key) ?? '',
				text: voiceText(code, key) ?? voiceText('nl', key) ?? '',
				source: voiceSource(code, key, !!clip),
				clip: clip
					? { version: clipVersion(clip.sha256), bytes: clip.bytes, updatedAt: clip.updatedAt }
					: null
			};
		})
	};
};

const MESSAGES = {
	unknown_text: 'Deze tekst bestaat niet (meer).',
	unknown_language: 'Deze taal kent Opstap niet.',
	empty: 'Het bestand is leeg. Kies een opname.',
	too_large: `Het bestand is te groot. Een opname mag hoogstens ${Math.floor(MAX_CLIP_BYTES / 1000)} kB zijn: neem een korter stuk op.`,
	not_audio: 'Dit is geen geluidsbestand. Kies een opname (bijvoorbeeld .ogg, .webm, .mp3, .m4a of .wav).'
} as const;

const KeyForm = z.object({ textKey: z.string().min(1).max(120) });

export const actions: Actions = {
	upload: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await readForm(request);
		if (!form)
			return fail(400, { textKey: '', message: 'Het bestand kwam niet goed aan. Probeer het opnieuw.' });
		const parsed = KeyForm.safeParse({ textKey: form.get('textKey') });
		const file = form.get('clip');
		if (!parsed.success) return fail(400, { textKey: '', message: 'Kies eerst een tekst.' });
		const textKey = parsed.data.textKey;
		if (!(file instanceof File) || file.size === 0) return fail(400, { textKey, message: MESSAGES.empty });
		if (file.size > MAX_CLIP_BYTES) return fail(413, { textKey, message: MESSAGES.too_large });
		const result = await saveClip(await db(), coachOf(locals), {
			lang: code,
			textKey,
			data: new Uint8Array(await file.arrayBuffer())
		});
		if (!result.ok)
			return fail(result.reason === 'too_large' ? 413 : 400, { textKey, message: MESSAGES[result.reason] });
		return { textKey, saved: result.replaced ? 'Opname vervangen.' : 'Opname bewaard.' };
	},
	delete: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await parseForm(request, KeyForm);
		if (!form.ok) return form.failure;
		await deleteClip(await db(), coachOf(locals), code, form.data.textKey);
		return { textKey: form.data.textKey, saved: 'Opname verwijderd.' };
	}
};
