import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { listCaseload } from '../coach/caseload';
import { consentingToResearch } from '../consent';
import { keyedHash } from '../security/tokens';
import { serverSecret } from '../security/secret';
import { answerToValues, computeResults, type Answer } from '$lib/survey';
import { getDefinition } from './definitions';
import { momentLabel, scoresOf } from './results';

/** A CSV field: quoted when needed, and never starting with a formula character (spreadsheet injection). */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A participant's research pseudonym: a keyed hash, so the same person has the same code in every export. */
export function pseudonymOf(secret: string, participantId: string): string {
	return `P-${keyedHash(secret, `pseudonym:${participantId}`).slice(0, 10)}`;
}

function rawValue(answer: Answer): string {
	if (answer.type === 'preferNot') return 'PREFER_NOT';
	if (answer.type === 'dontKnow') return 'DONT_KNOW';
	return answerToValues(answer).join('|');
}

/**
 * The sent answers of a coach's caseload, one row per item (its id, as in the questionnaire definition). With
 * `pseudonymise`, names are replaced by a stable pseudonym (keyed hash): the same person, the same code, every time;
 * that export is for research and holds only the participants who consented to research.
 */
export async function exportAnswersCsv(
	db: Db,
	coach: CoachActor,
	options: { questionnaireId?: string; pseudonymise: boolean }
): Promise<string> {
	const visible = await listCaseload(db, coach);
	// The pseudonymised export is the research export: only who said yes to research is in it (consent, issue 16).
	const researching = options.pseudonymise
		? await consentingToResearch(
				db,
				visible.map((p) => p.id)
			)
		: null;
	const caseload = researching ? visible.filter((p) => researching.has(p.id)) : visible;
	const header = [
		'participant',
		'questionnaire',
		'version',
		'wave',
		'module',
		'item',
		'value',
		'language',
		'mode',
		'answered_at',
		// Added after the first ten, so readers of the old columns keep working.
		'moment',
		'other',
		'kind'
	];
	const lines = [header.join(',')];
	if (caseload.length) {
		const secret = await serverSecret(db);
		const names = new Map(
			caseload.map((p) => [p.id, options.pseudonymise ? pseudonymOf(secret, p.id) : p.displayName])
		);
		const rows = await db
			.select({ assignment: assignments, answer: answers })
			.from(answers)
			.innerJoin(assignments, eq(assignments.id, answers.assignmentId))
			.where(inArray(assignments.participantId, [...names.keys()]))
			.orderBy(assignments.participantId, assignments.createdAt, answers.moduleId, answers.itemId);
		const sent = new Set(
			(await db.select().from(moduleSubmissions)).map((s) => `${s.assignmentId}/${s.moduleId}`)
		);
		const counted = new Map<
			string,
			{ assignment: typeof assignments.$inferSelect; answers: Record<string, Answer> }
		>();
		for (const { assignment, answer } of rows) {
			if (options.questionnaireId && assignment.questionnaireId !== options.questionnaireId) continue;
			if (!sent.has(`${assignment.id}/${answer.moduleId}`) || !answer.value) continue; // only what was sent
			const entry = counted.get(assignment.id) ?? { assignment, answers: {} };
			entry.answers[answer.itemId] = answer.value as Answer;
			counted.set(assignment.id, entry);
			const value = answer.value as Answer;
			lines.push(
				[
					names.get(assignment.participantId)!,
					assignment.questionnaireId,
					answer.version,
					assignment.wave,
					answer.moduleId,
					answer.itemId,
					rawValue(answer.value as Answer),
					answer.language,
					answer.mode,
					answer.answeredAt.toISOString(),
					momentLabel(assignment),
					value.type === 'multiple' && value.other?.mode === 'text' ? value.other.text : '',
					'item'
				]
					.map(csvField)
					.join(',')
			);
		}
		// The computed scores of each assignment, from its sent answers: one row per score after its items.
		for (const { assignment, answers: given } of counted.values()) {
			const definition = await getDefinition(db, assignment.questionnaireId, assignment.version);
			if (!definition) continue;
			for (const score of scoresOf(definition, computeResults(definition, given))) {
				lines.push(
					[
						names.get(assignment.participantId)!,
						assignment.questionnaireId,
						assignment.version,
						assignment.wave,
						'',
						score.id,
						score.value === null ? '' : String(score.value),
						'',
						'',
						'',
						momentLabel(assignment),
						'',
						'computed'
					]
						.map(csvField)
						.join(',')
				);
			}
		}
	}
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'answers.exported',
			details: {
				...options,
				rows: lines.length - 1,
				...(researching ? { leftOut: visible.length - caseload.length } : {})
			}
		}
	);
	return lines.join('\r\n') + '\r\n';
}
