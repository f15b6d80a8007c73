import { coachOf } from '$lib/server/access';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { MAX_CLIP_BYTES, saveClip } from '$lib/server/voice/clips';
import { isLanguage, type LanguageCode } from '$lib/i18n/languages';
import { readForm } from '$lib/server/validation';

/** The studio's language from the address; an unknown one is a 404. */
export function lang(raw: string): LanguageCode {
	if (!isLanguage(raw)) error(404, 'Not found');
	return raw;
}

export const KeyForm = z.object({ textKey: z.string().min(1).max(120) });

export const CLIP_MESSAGES = {
	unknown_text: 'Deze tekst bestaat niet (meer), of is nog niet vertaald.',
	unknown_language: 'Deze taal kent Opstap niet.',
	forbidden: 'Je mag deze tekst niet opnemen: je mag de activiteiten niet vertalen.',
	empty: 'Het bestand is leeg. Kies een opname.',
	too_large: `Het bestand is te groot. Een opname mag hoogstens ${Math.floor(MAX_CLIP_BYTES / 1000)} kB zijn: neem een korter stuk op.`,
	not_audio: 'Dit is geen geluidsbestand. Kies een opname (bijvoorbeeld .ogg, .webm, .mp3, .m4a of .wav).'
} as const;

/** One clip, recorded in the browser or chosen as a file: the studio's list and the record-next flow both take it. */
export const uploadClip = async ({ request, params, locals }: RequestEvent<{ lang: string }>) => {
	const code = lang(params.lang);
	const form = await readForm(request);
	if (!form)
		return fail(400, { textKey: '', message: 'Het bestand kwam niet goed aan. Probeer het opnieuw.' });
	const parsed = KeyForm.safeParse({ textKey: form.get('textKey') });
	const file = form.get('clip');
	if (!parsed.success) return fail(400, { textKey: '', message: 'Kies eerst een tekst.' });
	const textKey = parsed.data.textKey;
	if (!(file instanceof File) || file.size === 0) return fail(400, { textKey, message: CLIP_MESSAGES.empty });
	if (file.size > MAX_CLIP_BYTES) return fail(413, { textKey, message: CLIP_MESSAGES.too_large });
	const result = await saveClip(await db(), coachOf(locals), {
		lang: code,
		textKey,
		data: new Uint8Array(await file.arrayBuffer())
	});
	if (!result.ok)
		return fail(result.reason === 'too_large' ? 413 : result.reason === 'forbidden' ? 403 : 400, {
			textKey,
			message: CLIP_MESSAGES[result.reason]
		});
	return { textKey, saved: result.replaced ? 'Opname vervangen.' : 'Opname bewaard.' };
};
