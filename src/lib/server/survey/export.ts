import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { listCaseload } from '../coach/caseload';
import { consentingToResearch } from '../consent';
import { keyedHash } from '../security/tokens';
import { MIN_CELL } from '../indicators/suppression';
import { answerToValues, computeResults, type Answer } from '$lib/survey';
import { getDefinition } from './definitions';
import { momentLabel, otherCell, scoresOf } from './results';

/** A CSV field: quoted when needed, and never starting with a formula character (spreadsheet injection). */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A participant's research pseudonym: a keyed hash under a key made for one export (`exportKey`). Within that file
 * the same person has the same code at every moment; a next download gives new codes, so that files handed out at
 * different times cannot be linked to each other, and the key is never stored, so nobody can link a code to a person.
 */
export function pseudonymOf(key: string, participantId: string): string {
	return `P-${keyedHash(key, `pseudonym:${participantId}`).slice(0, 10)}`;
}

/** A fresh pseudonym key for one export, thrown away afterwards. */
export const exportKey = () => randomBytes(32).toString('hex');

/**
 * Research files leave out small groups (issue 16 §5): rows of a group (a questionnaire's moment) that fewer than
 * MIN_CELL different participants answered, the same threshold as the indicators, so that nobody in a file is one of
 * two or three people a reader could guess.
 */
export function withoutSmallGroups<T>(
	rows: T[],
	groupOf: (row: T) => string,
	personOf: (row: T) => string
): { kept: T[]; leftOut: number } {
	const people = new Map<string, Set<string>>();
	for (const row of rows) {
		const group = people.get(groupOf(row)) ?? new Set<string>();
		group.add(personOf(row));
		people.set(groupOf(row), group);
	}
	const kept = rows.filter((row) => people.get(groupOf(row))!.size >= MIN_CELL);
	return { kept, leftOut: rows.length - kept.length };
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
	const rowsOut: { assignment: typeof assignments.$inferSelect; cells: string[] }[] = [];
	if (caseload.length) {
		const key = exportKey();
		const names = new Map(
			caseload.map((p) => [p.id, options.pseudonymise ? pseudonymOf(key, p.id) : p.displayName])
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
			rowsOut.push({
				assignment,
				cells: [
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
					otherCell(value),
					'item'
				]
			});
		}
		// The computed scores of each assignment, from its sent answers: one row per score after its items.
		for (const { assignment, answers: given } of counted.values()) {
			const definition = await getDefinition(db, assignment.questionnaireId, assignment.version);
			if (!definition) continue;
			for (const score of scoresOf(definition, computeResults(definition, given))) {
				rowsOut.push({
					assignment,
					cells: [
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
				});
			}
		}
	}
	const { kept, leftOut } = options.pseudonymise
		? withoutSmallGroups(
				rowsOut,
				(r) => `${r.assignment.questionnaireId}/${momentLabel(r.assignment)}`,
				(r) => r.assignment.participantId
			)
		: { kept: rowsOut, leftOut: 0 };
	const lines = [header.join(','), ...kept.map((r) => r.cells.map(csvField).join(','))];
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'answers.exported',
			details: {
				...options,
				rows: lines.length - 1,
				...(researching ? { leftOut: visible.length - caseload.length, smallGroupRowsLeftOut: leftOut } : {})
			}
		}
	);
	return lines.join('\r\n') + '\r\n';
}
