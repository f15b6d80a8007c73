import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { deleteClip, MAX_CLIP_BYTES } from '$lib/server/voice/clips';
import { searchTexts, studioTexts } from '$lib/server/voice/studio';
import { CLIP_MESSAGES, KeyForm, lang, uploadClip } from './upload';
import { languageStatus } from '$lib/server/i18n/resources';
import { languageCoverage } from '$lib/server/voice/coverage';
import { language } from '$lib/i18n/languages';
import { parseForm, readForm } from '$lib/server/validation';
import { importPack, MAX_PACK_BYTES, type PackRefusal } from '$lib/server/voice/pack';

const SearchQuery = z.object({
	q: z.string().max(100).catch(''),
	show: z.enum(['all', 'missing']).catch('all')
});

export const load: PageServerLoad = async ({ params, url }) => {
	const code = lang(params.lang);
	const database = await db();
	const search = SearchQuery.parse({
		q: url.searchParams.get('q') ?? '',
		show: url.searchParams.get('show') ?? 'all'
	});
	const [coverage, texts] = await Promise.all([
		languageCoverage(database, code),
		studioTexts(database, code)
	]);
	return {
		language: language(code),
		coverage,
		status: languageStatus(code),
		maxKilobytes: Math.floor(MAX_CLIP_BYTES / 1000),
		search,
		total: texts.length,
		texts: searchTexts(texts, search.q, search.show === 'missing')
	};
};

/** Why a file of a clip pack was refused, per file. */
const PACK_REFUSALS: Record<PackRefusal, string> = {
	...CLIP_MESSAGES,
	not_a_clip_name: 'De naam van het bestand hoort bij geen tekst. Gebruik de namen uit texts.csv.',
	duplicate: 'Er zit al een opname voor deze tekst in het pakket.'
};

const PACK_PROBLEMS = {
	not_a_zip: 'Dit is geen zip-bestand. Zet de opnamen samen in één .zip-bestand.',
	too_large: `Het pakket is te groot (hoogstens ${MAX_PACK_BYTES / 1_000_000} MB). Laad de opnamen in delen in.`,
	too_many_files: 'Het pakket heeft te veel bestanden (hoogstens 1000). Laad de opnamen in delen in.',
	no_clips: 'Er zit geen opname in het pakket. Bewaar de opnamen onder de namen uit texts.csv.'
} as const;

export const actions: Actions = {
	upload: uploadClip,
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
