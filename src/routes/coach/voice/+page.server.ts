import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { voiceCoverage } from '$lib/server/voice/coverage';
import { languageStatus } from '$lib/server/i18n/resources';
import { language } from '$lib/i18n/languages';

export const load: PageServerLoad = async () => ({
	languages: (await voiceCoverage(await db())).map((row) => ({
		...row,
		...language(row.lang),
		translation: languageStatus(row.lang)
	}))
});
