import type { PageServerLoad } from './$types';
import { coachOf } from '$lib/server/access';
import { db } from '$lib/server/db';
import { voiceCoverage } from '$lib/server/voice/coverage';
import { languageStatus } from '$lib/server/i18n/resources';
import { language } from '$lib/i18n/languages';
import { translationProgress } from '$lib/server/activities/translations';
import { activityClipProgress } from '$lib/server/voice/activity-clips';

export const load: PageServerLoad = async ({ locals }) => {
	const database = await db();
	const [coverage, activities, recorded] = await Promise.all([
		voiceCoverage(database),
		translationProgress(database, coachOf(locals)),
		activityClipProgress(database, coachOf(locals))
	]);
	return {
		languages: coverage.map((row) => ({
			...row,
			...language(row.lang),
			translation: languageStatus(row.lang),
			activities: activities[row.lang] ?? null,
			activityClips: recorded[row.lang]
		}))
	};
};
