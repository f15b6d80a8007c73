import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { assignments, ladderRungs } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { assignmentsOf } from './assignments';
import { getDefinition } from './definitions';
import { serverAnswers } from './participant-view';
import { questionnaireText } from './texts';
import {
	answerToValues,
	computeResults,
	optionsOf,
	type Answer,
	type Item,
	type Questionnaire
} from '$lib/survey';

/** A questionnaire text in Dutch for the coach: its own text, or the shipped one; never a raw key when one exists. */
const dutch = (definition: Questionnaire, key: string) => questionnaireText(definition, 'nl', key);

/** What the coach calls a moment: the intake and evaluation waves, or the name given when it was set ready. */
export function momentLabel(state: { wave: string; moment?: string | null }): string {
	if (state.wave === 'T0') return 'Intake (T0)';
	if (state.wave === 'T1') return 'Evaluatie (T1)';
	return state.moment || 'Los moment';
}

/** The computed scores of a definition (its `calculate` entries) with their Dutch names, for the coach and the CSV. */
export function scoresOf(
	definition: Questionnaire,
	computed: ReturnType<typeof computeResults>
): { id: string; label: string; value: number | string | boolean | null }[] {
	return (definition.computed ?? []).flatMap((entry) => {
		if (entry.fn !== 'calculate') return [];
		const value = computed[entry.id]?.value;
		return [
			{
				id: entry.id,
				label: entry.args.label ? dutch(definition, entry.args.label) : entry.id,
				value:
					typeof value === 'number'
						? Math.round(value * 100) / 100
						: typeof value === 'string' || typeof value === 'boolean'
							? value
							: null
			}
		];
	});
}

/** The fixed words an answer is told in, besides the questionnaire's own texts (which `text` looks up). */
export interface AnswerWords {
	text(key: string): string;
	yes: string;
	no: string;
	preferNot: string;
	dontKnow: string;
	outOf(value: number, max: number): string;
	spoken: string;
	other(text: string | null): string;
}

/** What the coach and the CSV read where an answer was said rather than typed (the recording stays in Opstap). */
export const SPOKEN_MARK = '(ingesproken antwoord)';

/** How the coach reads answers: Dutch, whatever language the answer was given in. */
const DUTCH_WORDS = (definition: Questionnaire): AnswerWords => ({
	text: (key) => dutch(definition, key),
	yes: 'Ja',
	no: 'Nee',
	preferNot: 'Zeg ik liever niet',
	dontKnow: 'Weet ik niet',
	outOf: (value, max) => `${value} van ${max}`,
	spoken: SPOKEN_MARK,
	other: (text) => (text === null ? `anders ${SPOKEN_MARK}` : `anders: “${text}”`)
});

/** An answer in words: the options' texts, "other" with what was typed, a rank in order. */
export function answerInWords(
	definition: Questionnaire,
	item: Item,
	answer: Answer,
	words: AnswerWords
): string {
	switch (answer.type) {
		case 'preferNot':
			return words.preferNot;
		case 'dontKnow':
			return words.dontKnow;
		case 'yesno':
			return answer.value ? words.yes : words.no;
		case 'faces5':
		case 'faces3': {
			const max = answer.type === 'faces5' ? 5 : 3;
			// The instrument's own word for the face, with where it lies on the scale.
			const own = (item.type === 'faces5' || item.type === 'faces3') && item.labels?.[answer.value - 1];
			return own ? `${words.text(own)} (${words.outOf(answer.value, max)})` : words.outOf(answer.value, max);
		}
		case 'scale10':
			return words.outOf(answer.value, 10);
		case 'free':
			return answer.response.mode === 'text' ? `“${answer.response.text}”` : words.spoken;
		default: {
			const options = optionsOf(definition, item);
			const labels = answerToValues(answer).map((id) => {
				const option = options.find((o) => o.id === id);
				return option ? words.text(option.text) : id;
			});
			// "Other, namely …": what the participant typed is part of the answer.
			if (answer.type === 'multiple' && answer.other)
				labels.push(words.other(answer.other.mode === 'text' ? answer.other.text : null));
			return answer.type === 'rank' ? labels.map((l, i) => `${i + 1}. ${l}`).join(', ') : labels.join(', ');
		}
	}
}

/** An answer in Dutch words for the coach, whatever language it was given in. */
export function dutchAnswer(definition: Questionnaire, item: Item, answer: Answer): string {
	return answerInWords(definition, item, answer, DUTCH_WORDS(definition));
}

/**
 * What the coach sees of a participant's questionnaires: per assignment and module whether it is in progress or
 * sent; only sent modules show their answers (in Dutch), with the derived results.
 */
export async function resultsForCoach(db: Db, coach: CoachActor, participantId: string) {
	if (!(await participantForCoach(db, coach, participantId))) return null;
	const states = await assignmentsOf(db, participantId);
	const out = [];
	for (const state of states) {
		const definition = await getDefinition(db, state.questionnaireId, state.version);
		if (!definition) continue;
		const sentModules = state.moduleIds.filter((m) => state.submitted[m]);
		const sentItems = new Set(
			definition.modules.filter((m) => sentModules.includes(m.id)).flatMap((m) => m.items.map((i) => i.id))
		);
		const answers = Object.fromEntries(
			Object.entries(serverAnswers(state.answers)).filter(([id]) => sentItems.has(id))
		);
		const computed = computeResults(definition, answers);
		const ladder = computed.ladder?.value;
		const nl = (key: string) => dutch(definition, key);
		out.push({
			id: state.id,
			questionnaireId: state.questionnaireId,
			title: nl(definition.title),
			moment: momentLabel(state),
			scores: sentModules.length ? scoresOf(definition, computed) : [],
			version: state.version,
			wave: state.wave,
			createdAt: state.createdAt,
			derivedRung: typeof ladder === 'number' ? ladder : null,
			modules: state.moduleIds.map((moduleId) => {
				const module = definition.modules.find((m) => m.id === moduleId);
				const started = module?.items.some((i) => state.answers[i.id]) ?? false;
				const sentAt = state.submitted[moduleId] ?? null;
				return {
					id: moduleId,
					title: module ? nl(module.title) : moduleId,
					status: sentAt ? ('sent' as const) : started ? ('inProgress' as const) : ('notStarted' as const),
					sentAt,
					answers:
						sentAt && module
							? module.items
									.filter((item) => answers[item.id])
									.map((item) => {
										const stored = state.answers[item.id]!;
										return {
											itemId: item.id,
											question: nl(item.text),
											// The short points the participant heard with the question, under it.
											points: (item.points ?? []).map((p) => nl(p.text)),
											answer: dutchAnswer(definition, item, answers[item.id]!),
											language: stored.language,
											verified: stored.verified,
											clip: spokenClip(answers[item.id]!)
										};
									})
							: []
				};
			})
		});
	}
	return out;
}

/** The recording a participant said instead of typing: an open answer, or the "other, namely …" of a choice. */
export function spokenClip(answer: Answer): string | null {
	if (answer.type === 'free' && answer.response.mode === 'audio') return answer.response.clip;
	if (answer.type === 'multiple' && answer.other?.mode === 'audio') return answer.other.clip;
	return null;
}

/** "Other, namely …" in a spreadsheet cell: the typed text, or a mark that it was said (the recording stays in Opstap). */
export function otherCell(answer: Answer | undefined): string {
	if (answer?.type !== 'multiple' || !answer.other) return '';
	return answer.other.mode === 'text' ? answer.other.text : SPOKEN_MARK;
}

export async function ladderHistory(db: Db, participantId: string) {
	return db
		.select()
		.from(ladderRungs)
		.where(eq(ladderRungs.participantId, participantId))
		.orderBy(desc(ladderRungs.createdAt));
}

/** The coach confirms the derived rung or sets another; every decision is kept. */
export async function recordRung(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: { rung: number; derivedRung: number | null; assignmentId: string | null; note: string }
): Promise<boolean> {
	if (!(await participantForCoach(db, coach, participantId))) return false;
	// The questionnaire the rung comes from must be this participant's (a made-up id was a foreign key error).
	if (input.assignmentId) {
		const [own] = await db
			.select({ id: assignments.id })
			.from(assignments)
			.where(and(eq(assignments.id, input.assignmentId), eq(assignments.participantId, participantId)));
		if (!own) return false;
	}
	await db.insert(ladderRungs).values({
		participantId,
		assignmentId: input.assignmentId,
		rung: input.rung,
		// Read in the same statement as the insert, so the move is the one the coach saw.
		previousRung: sql`(select rung from ladder_rungs where participant_id = ${participantId}
			order by created_at desc, id desc limit 1)`,
		derivedRung: input.derivedRung,
		source: input.derivedRung === input.rung ? 'confirmed' : 'corrected',
		note: input.note,
		coachId: coach.id
	});
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'ladder.recorded',
			subjectType: 'participant',
			subjectId: participantId,
			details: { rung: input.rung, derivedRung: input.derivedRung }
		}
	);
	return true;
}

interface WaveResult {
	assignmentId: string;
	definition: Questionnaire;
	answers: Record<string, Answer>;
	computed: ReturnType<typeof computeResults>;
}

/** The latest intake (T0) and evaluation (T1) of a participant, counting only the modules they sent. */
async function latestWaves(db: Db, participantId: string): Promise<{ T0?: WaveResult; T1?: WaveResult }> {
	const out: { T0?: WaveResult; T1?: WaveResult } = {};
	for (const state of await assignmentsOf(db, participantId)) {
		// Only the intake and evaluation waves are compared here; other questionnaires have their own scores.
		if (state.questionnaireId === 'coach' || state.wave === 'moment' || out[state.wave]) continue;
		const definition = await getDefinition(db, state.questionnaireId, state.version);
		if (!definition) continue;
		const sent = new Set(
			definition.modules.filter((m) => state.submitted[m.id]).flatMap((m) => m.items.map((i) => i.id))
		);
		if (!sent.size) continue;
		const answers = Object.fromEntries(
			Object.entries(serverAnswers(state.answers)).filter(([id]) => sent.has(id))
		);
		out[state.wave] = {
			assignmentId: state.id,
			definition,
			answers,
			computed: computeResults(definition, answers)
		};
	}
	return out;
}

type DomainScores = { domains: Record<string, { score: number | null }>; top: string[] };

/**
 * T0 → T1: the life domains as two webs, and the wellbeing answers that can be compared (same item id in both).
 * Text keys are returned, so the participant sees them in their language and the coach in Dutch.
 */
export async function changesOverTime(db: Db, participantId: string) {
	const { T0, T1 } = await latestWaves(db, participantId);
	const base = T1 ?? T0;
	if (!base) return null;
	const domainEntry = base.definition.computed?.find((c) => c.fn === 'lifeDomainScores');
	const topItem = domainEntry
		? base.definition.modules
				.flatMap((m) => m.items)
				.find((i) => i.id === (domainEntry.args as { top?: string }).top)
		: undefined;
	const axes = topItem
		? optionsOf(base.definition, topItem).map((o) => ({ id: o.id, textKey: o.text, pictogram: o.pictogram }))
		: [];
	const scores = (wave?: WaveResult) => {
		const value = wave?.computed.lifeDomains?.value as DomainScores | null | undefined;
		return value ? Object.fromEntries(Object.entries(value.domains).map(([id, d]) => [id, d.score])) : null;
	};
	const comparable = (item: Item) => ['scale10', 'faces5', 'faces3'].includes(item.type);
	const changes = [];
	if (T0 && T1) {
		for (const item of T1.definition.modules.flatMap((m) => m.items).filter(comparable)) {
			const before = T0.answers[item.id];
			const after = T1.answers[item.id];
			if (
				before &&
				after &&
				'value' in before &&
				'value' in after &&
				typeof before.value === 'number' &&
				typeof after.value === 'number'
			) {
				changes.push({
					itemId: item.id,
					textKey: item.text,
					type: item.type,
					before: before.value,
					after: after.value
				});
			}
		}
	}
	// The coach's confirmed or corrected rung for a wave counts over the derived one (the newest decision).
	const decided = await ladderHistory(db, participantId);
	const rung = (wave?: WaveResult) => {
		if (!wave) return null;
		const own = decided.find((d) => d.assignmentId === wave.assignmentId);
		if (own) return own.rung;
		const value = wave.computed.ladder?.value;
		return typeof value === 'number' ? value : null;
	};
	return {
		axes,
		before: T1 ? scores(T0) : null,
		now: scores(base),
		changes,
		rungBefore: T1 ? rung(T0) : null,
		rungNow: rung(base)
	};
}
