import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { languageStatus } from '$lib/server/i18n/resources';
import { nextToRecord, studioTexts, toRecord } from '$lib/server/voice/studio';
import { language } from '$lib/i18n/languages';
import { lang, uploadClip } from '../upload';

const After = z.string().max(120).nullable().catch(null);

/** Record-next: one text at a time, the first still to record in the studio's order (after a skipped one). */
export const load: PageServerLoad = async ({ params, url }) => {
	const code = lang(params.lang);
	const texts = await studioTexts(await db(), code);
	const next = nextToRecord(texts, After.parse(url.searchParams.get('after')));
	const open = texts.filter(toRecord).length;
	return {
		language: language(code),
		status: languageStatus(code),
		total: texts.length,
		recorded: texts.length - open,
		open,
		next: next && { key: next.key, dutch: next.dutch, text: next.text, stale: next.stale, clip: next.clip }
	};
};

export const actions: Actions = { upload: uploadClip };
