import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { currentRung, myQuestions } from '$lib/server/survey/participant-view';
import { changesOverTime } from '$lib/server/survey/results';
import { pageNamespaces } from '$lib/server/i18n/resources';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.participant) redirect(303, locals.unpaired ? '/?unpaired=1' : '/');
	const database = await db();
	return {
		cards: await myQuestions(database, locals.participant.id),
		rung: await currentRung(database, locals.participant.id),
		overTime: await changesOverTime(database, locals.participant.id),
		namespaces: pageNamespaces(locals.lang, 'survey')
	};
};
