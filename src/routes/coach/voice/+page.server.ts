import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { clipCoverage } from '$lib/server/voice/clips';
import { languageStatus } from '$lib/server/i18n/resources';
import { language } from '$lib/i18n/languages';

export const load: PageServerLoad = async () => ({
	languages: (await clipCoverage(await db())).map((row) => ({
		...row,
		...language(row.lang),
		translation: languageStatus(row.lang)
	}))
});
