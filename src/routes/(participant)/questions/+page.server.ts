import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { currentRung, myQuestions } from '$lib/server/survey/participant-view';
import { changesOverTime } from '$lib/server/survey/results';
import { consentState } from '$lib/server/consent';
import { questionnairesWait } from '$lib/consent/purposes';
import { getDefinition } from '$lib/server/survey/definitions';
import { surveyTextsShowing } from '$lib/server/survey/texts';
import type { Questionnaire } from '$lib/survey';

export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	const database = await db();
	const [consent, cards, rung, overTime] = await Promise.all([
		consentState(database, participant.id),
		myQuestions(database, participant.id),
		currentRung(database, participant.id),
		changesOverTime(database, participant.id)
	]);
	// The titles of imported questionnaires travel with their definitions, not with the app.
	const versions = [...new Set(cards.map((c) => `${c.questionnaireId}@${c.version}`))];
	const definitions = (
		await Promise.all(versions.map((v) => getDefinition(database, v.split('@')[0]!, v.split('@')[1]!)))
	).filter((d): d is Questionnaire => d !== null);
	return {
		// "Talk to my coach first": the cards stay away until the coach has (consent, issue 16).
		waiting: questionnairesWait(consent),
		cards,
		rung,
		overTime,
		// Only the texts this page shows: the cards' titles and the axes of the chart.
		...surveyTextsShowing(locals.lang, definitions, { cards, overTime })
	};
};
