import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { currentRung, myQuestions } from '$lib/server/survey/participant-view';
import { changesOverTime } from '$lib/server/survey/results';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { consentState } from '$lib/server/consent';
import { questionnairesWait } from '$lib/consent/purposes';

export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	const database = await db();
	return {
		// "Talk to my coach first": the cards stay away until the coach has (consent, issue 16).
		waiting: questionnairesWait(await consentState(database, participant.id)),
		cards: await myQuestions(database, participant.id),
		rung: await currentRung(database, participant.id),
		overTime: await changesOverTime(database, participant.id),
		namespaces: pageNamespaces(locals.lang, 'survey')
	};
};
