import { planForQuestion } from '../plan/views';
import type { Db } from '../db';
import { assignmentsOf } from './assignments';
import { getDefinition } from './definitions';
import { computeResults, visibleItems, createSession, type Questionnaire } from '$lib/survey';
import { desc, eq } from 'drizzle-orm';
import { ladderRungs } from '../db/schema';
import type { Answer } from '$lib/survey';
import { consentState } from '../consent';
import { questionnairesWait, type ConsentState } from '$lib/consent/purposes';

/**
 * The questionnaires' own consent questions (`understood`, `researchConsent`, the intake's and evaluation's "welcome"
 * module) are no longer asked: consent per purpose is asked right after pairing and kept as consent rows (issue 16).
 * A module of only these questions is not shown. The questionnaires still read `researchConsent` (the research
 * module shows only with it): it is given to them from the consent rows, never from an answer.
 */
export const RETIRED_CONSENT_ITEMS: readonly string[] = ['understood', 'researchConsent'];

function retired(definition: Questionnaire, moduleId: string): boolean {
	const items = definition.modules.find((m) => m.id === moduleId)?.items ?? [];
	return items.length > 0 && items.every((i) => RETIRED_CONSENT_ITEMS.includes(i.id));
}

function withConsent(answers: Record<string, Answer>, consent: ConsentState): Record<string, Answer> {
	return { ...answers, researchConsent: { type: 'yesno', value: consent.research === 'given' } };
}

/** What "My questions" shows: each assigned module as a card, with its length and how far the server knows it is. */
export async function myQuestions(db: Db, participantId: string) {
	const consent = await consentState(db, participantId);
	// "I want to talk to my coach first": nothing opens until the coach has (consent, issue 16).
	if (questionnairesWait(consent)) return [];
	const states = await assignmentsOf(db, participantId);
	const cards = [];
	for (const state of states) {
		if (state.questionnaireId === 'coach') continue; // filled in by the coach, not by the participant
		const definition = await getDefinition(db, state.questionnaireId, state.version);
		if (!definition) continue;
		const answers = withConsent(serverAnswers(state.answers), consent);
		for (const moduleId of state.moduleIds) {
			if (retired(definition, moduleId)) continue;
			const module = definition.modules.find((m) => m.id === moduleId);
			if (!module) continue;
			const total = visibleItems(createSession(definition, moduleId, answers)).length;
			// A module that does not apply (e.g. research questions without research consent) is not shown.
			if (total === 0) continue;
			const answered = module.items.filter((i) => answers[i.id] !== undefined).length;
			cards.push({
				assignmentId: state.id,
				questionnaireId: state.questionnaireId,
				version: state.version,
				wave: state.wave,
				moduleId,
				title: module.title,
				pictogram: module.pictogram,
				total,
				answered,
				itemIds: module.items.map((i) => i.id),
				sent: !!state.submitted[moduleId]
			});
		}
	}
	return cards;
}

export function serverAnswers(stored: Record<string, { value: Answer | null }>): Record<string, Answer> {
	const out: Record<string, Answer> = {};
	for (const [itemId, a] of Object.entries(stored)) if (a.value) out[itemId] = a.value;
	return out;
}

/** One module of one assignment of this participant, with what the server has: the phone merges its own answers in. */
export async function moduleForParticipant(
	db: Db,
	participantId: string,
	assignmentId: string,
	moduleId: string
) {
	const consent = await consentState(db, participantId);
	if (questionnairesWait(consent)) return null;
	const state = (await assignmentsOf(db, participantId)).find((a) => a.id === assignmentId);
	if (!state || !state.moduleIds.includes(moduleId)) return null;
	const definition: Questionnaire | null = await getDefinition(db, state.questionnaireId, state.version);
	if (!definition || retired(definition, moduleId)) return null;
	const shows = new Set(definition.modules.find((m) => m.id === moduleId)?.items.map((i) => i.show));
	return {
		// What the module's questions show of the participant's own (their plan), loaded only when one does.
		plan: shows.has('plan') ? await planForQuestion(db, participantId) : null,
		assignmentId,
		moduleId,
		definition,
		answers: withConsent(serverAnswers(state.answers), consent),
		mode: state.mode,
		answeredAt: Object.fromEntries(
			Object.entries(state.answers).map(([k, a]) => [k, a.answeredAt.toISOString()])
		),
		sent: !!state.submitted[moduleId]
	};
}

/** The participant's step on the participatieladder: what the coach recorded last, else what the sent answers show. */
export async function currentRung(db: Db, participantId: string): Promise<number | null> {
	const [recorded] = await db
		.select({ rung: ladderRungs.rung })
		.from(ladderRungs)
		.where(eq(ladderRungs.participantId, participantId))
		.orderBy(desc(ladderRungs.createdAt))
		.limit(1);
	if (recorded) return recorded.rung;
	for (const state of await assignmentsOf(db, participantId)) {
		const definition = await getDefinition(db, state.questionnaireId, state.version);
		if (!definition) continue;
		const sent = new Set(
			definition.modules.filter((m) => state.submitted[m.id]).flatMap((m) => m.items.map((i) => i.id))
		);
		const answers = Object.fromEntries(
			Object.entries(serverAnswers(state.answers)).filter(([id]) => sent.has(id))
		);
		const rung = computeResults(definition, answers).ladder?.value;
		if (typeof rung === 'number') return rung;
	}
	return null;
}
