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
import { importPack, MAX_PACK_BYTES, type PackRefusal } from '$lib/server/voice/pack';

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
				source: voiceSource(code, key, !!clip && !clip.stale),
				stale: !!clip?.stale,
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

/** Why a file of a clip pack was refused, per file. */
const PACK_REFUSALS: Record<PackRefusal, string> = {
	...MESSAGES,
	not_a_clip_name: 'De naam van het bestand hoort bij geen tekst. Gebruik de namen uit texts.csv.',
	duplicate: 'Er zit al een opname voor deze tekst in het pakket.'
};

const PACK_PROBLEMS = {
	not_a_zip: 'Dit is geen zip-bestand. Zet de opnamen samen in één .zip-bestand.',
	too_large: `Het pakket is te groot (hoogstens ${MAX_PACK_BYTES / 1_000_000} MB). Laad de opnamen in delen in.`,
	too_many_files: 'Het pakket heeft te veel bestanden (hoogstens 1000). Laad de opnamen in delen in.',
	no_clips: 'Er zit geen opname in het pakket. Bewaar de opnamen onder de namen uit texts.csv.'
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
	importPack: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await readForm(request);
		const file = form?.get('pack');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { textKey: '', pack: true, message: 'Kies eerst een zip-bestand met opnamen.' });
		if (file.size > MAX_PACK_BYTES)
			return fail(413, { textKey: '', pack: true, message: PACK_PROBLEMS.too_large });
		const result = await importPack(
			await db(),
			coachOf(locals),
			code,
			new Uint8Array(await file.arrayBuffer())
		);
		if (!result.ok)
			return fail(result.reason === 'too_large' ? 413 : 400, {
				textKey: '',
				pack: true,
				message: PACK_PROBLEMS[result.reason]
			});
		const report = result.entries.map((e) => ({
			file: e.file,
			key: e.key,
			outcome: e.outcome,
			reason: e.outcome === 'refused' ? PACK_REFUSALS[e.reason] : null
		}));
		const count = (outcome: string) => report.filter((e) => e.outcome === outcome).length;
		return {
			textKey: '',
			pack: true,
			report,
			saved: `${count('taken')} nieuw, ${count('replaced')} vervangen, ${count('refused')} geweigerd.`
		};
	},
	delete: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await parseForm(request, KeyForm);
		if (!form.ok) return form.failure;
		await deleteClip(await db(), coachOf(locals), code, form.data.textKey);
		return { textKey: form.data.textKey, saved: 'Opname verwijderd.' };
	}
};
