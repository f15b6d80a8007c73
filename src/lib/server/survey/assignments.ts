import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, assignments, moduleSubmissions } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { latestDefinition } from './definitions';
import type { Answer } from '$lib/survey';

export type Wave = 'T0' | 'T1';
/** A wave of the intake/evaluation, or any questionnaire at a moment the coach names. */
export type AssignmentWave = Wave | 'moment';
export type FillMode = 'alone' | 'readAloudByCoach' | 'withInterpreter';

/** The coach hands out modules: by default every module of the latest version of the questionnaire. */
export async function assignModules(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: {
		questionnaireId: string;
		wave: AssignmentWave;
		moment?: string;
		moduleIds?: string[];
		mode?: FillMode;
	}
): Promise<
	{ ok: true; id: string } | { ok: false; reason: 'not_found' | 'unknown_questionnaire' | 'unknown_module' }
> {
	if (!(await participantForCoach(db, coach, participantId))) return { ok: false, reason: 'not_found' };
	const definition = await latestDefinition(db, input.questionnaireId);
	if (!definition) return { ok: false, reason: 'unknown_questionnaire' };
	const known = definition.modules.map((m) => m.id);
	const moduleIds = input.moduleIds?.length ? input.moduleIds : known;
	if (moduleIds.some((id) => !known.includes(id))) return { ok: false, reason: 'unknown_module' };
	const [row] = await db
		.insert(assignments)
		.values({
			participantId,
			questionnaireId: definition.id,
			version: definition.version,
			wave: input.wave,
			moment: input.wave === 'moment' ? input.moment?.trim() || null : null,
			moduleIds: known.filter((id) => moduleIds.includes(id)),
			mode: input.mode ?? 'alone',
			assignedByCoachId: coach.id
		})
		.returning({ id: assignments.id });
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'questionnaire.assigned',
			subjectType: 'participant',
			subjectId: participantId,
			details: { questionnaireId: definition.id, version: definition.version, wave: input.wave, moduleIds }
		}
	);
	return { ok: true, id: row!.id };
}

export interface AssignmentState {
	id: string;
	questionnaireId: string;
	version: string;
	wave: AssignmentWave;
	moment: string | null;
	moduleIds: string[];
	mode: FillMode;
	createdAt: Date;
	answers: Record<
		string,
		{
			moduleId: string;
			value: Answer | null;
			answeredAt: Date;
			version: string;
			language: string;
			verified: boolean;
		}
	>;
	submitted: Record<string, Date>;
}

/** Assignments of a participant with the answers the server has; for the participant's own phone and the coach. */
export async function assignmentsOf(db: Db, participantId: string): Promise<AssignmentState[]> {
	const rows = await db
		.select()
		.from(assignments)
		.where(eq(assignments.participantId, participantId))
		.orderBy(desc(assignments.createdAt));
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const answerRows = await db.select().from(answers).where(inArray(answers.assignmentId, ids));
	const submissionRows = await db
		.select()
		.from(moduleSubmissions)
		.where(inArray(moduleSubmissions.assignmentId, ids));
	return rows.map((r) => ({
		id: r.id,
		questionnaireId: r.questionnaireId,
		version: r.version,
		wave: r.wave,
		moment: r.moment,
		moduleIds: r.moduleIds,
		mode: r.mode,
		createdAt: r.createdAt,
		answers: Object.fromEntries(
			answerRows
				.filter((a) => a.assignmentId === r.id)
				.map((a) => [
					a.itemId,
					{
						moduleId: a.moduleId,
						value: a.value as Answer | null,
						answeredAt: a.answeredAt,
						version: a.version,
						language: a.language,
						verified: a.verified
					}
				])
		),
		submitted: Object.fromEntries(
			submissionRows.filter((s) => s.assignmentId === r.id).map((s) => [s.moduleId, s.submittedAt])
		)
	}));
}

export async function assignmentOfParticipant(db: Db, participantId: string, assignmentId: string) {
	const [row] = await db
		.select()
		.from(assignments)
		.where(and(eq(assignments.id, assignmentId), eq(assignments.participantId, participantId)));
	return row ?? null;
}
