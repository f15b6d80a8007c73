import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, assignments, consentEvents, participants } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { refused, type Result } from '../result';
import {
	CONSENT_VERSION,
	PURPOSES,
	type Choice,
	type ConsentState,
	type Decision,
	type Purpose
} from '$lib/consent/purposes';

import { latestDecision } from './sql';

export { latestDecision };

/** The participant's current decision per purpose. */
export async function consentState(db: Db, participantId: string): Promise<ConsentState> {
	const rows = await db
		.selectDistinctOn([consentEvents.purpose], {
			purpose: consentEvents.purpose,
			decision: consentEvents.decision
		})
		.from(consentEvents)
		.where(eq(consentEvents.participantId, participantId))
		.orderBy(consentEvents.purpose, desc(consentEvents.at));
	const state = Object.fromEntries(PURPOSES.map((p) => [p, 'unasked'])) as ConsentState;
	for (const row of rows) state[row.purpose] = row.decision;
	return state;
}

export interface ConsentHistoryEntry {
	purpose: Purpose;
	decision: Decision;
	version: string;
	source: 'phone' | 'coach' | 'intake';
	at: Date;
}

/** Every decision, oldest first: what the participant sees in settings and in "my data". */
export async function consentHistory(db: Db, participantId: string): Promise<ConsentHistoryEntry[]> {
	return db
		.select({
			purpose: consentEvents.purpose,
			decision: consentEvents.decision,
			version: consentEvents.version,
			source: consentEvents.source,
			at: consentEvents.at
		})
		.from(consentEvents)
		.where(eq(consentEvents.participantId, participantId))
		.orderBy(asc(consentEvents.at));
}

/** The participant decides (on the consent screens or in settings). Unchanged decisions are not stored again. */
export async function recordConsent(
	db: Db,
	participantId: string,
	purpose: Purpose,
	choice: Choice
): Promise<ConsentState> {
	const state = await consentState(db, participantId);
	if (state[purpose] === choice) return state;
	await db
		.insert(consentEvents)
		.values({ participantId, purpose, decision: choice, version: CONSENT_VERSION, source: 'phone' });
	await audit(
		db,
		{ type: 'participant', id: participantId },
		{
			action: 'consent.changed',
			subjectType: 'participant',
			subjectId: participantId,
			details: { purpose, decision: choice, version: CONSENT_VERSION }
		}
	);
	return { ...state, [purpose]: choice };
}

/** The coach records that they talked with a participant who asked for that first: the questionnaires open. */
export async function markTalked(
	db: Db,
	coach: CoachActor,
	participantId: string
): Promise<Result<object, 'not_found' | 'conflict'>> {
	if (!(await participantForCoach(db, coach, participantId))) return refused('not_found');
	const state = await consentState(db, participantId);
	if (state.coaching !== 'talkFirst') return refused('conflict');
	await db.insert(consentEvents).values({
		participantId,
		purpose: 'coaching',
		decision: 'talked',
		version: CONSENT_VERSION,
		source: 'coach',
		coachId: coach.id
	});
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'consent.talked', subjectType: 'participant', subjectId: participantId }
	);
	return { ok: true };
}

/**
 * Before issue 16, consent was two intake answers: `understood` ("ok" / "talkFirst") and `researchConsent` (yes/no),
 * overwritten by later answers. Runs at start: for a participant without any consent rows, their newest answers
 * become the first rows (source 'intake', at the time they answered), so the meaning carries over: "talkFirst" holds
 * the questionnaires back, "ok" is consent to coaching, and the research answer is the research decision. The team
 * purpose was never asked, so it stays unasked and the consent screens ask it on the next open.
 */
export async function consentFromIntakeAnswers(db: Db): Promise<number> {
	const rows = await db
		.select({
			participantId: assignments.participantId,
			itemId: answers.itemId,
			value: answers.value,
			answeredAt: answers.answeredAt
		})
		.from(answers)
		.innerJoin(assignments, eq(assignments.id, answers.assignmentId))
		.innerJoin(participants, eq(participants.id, assignments.participantId))
		.where(
			and(
				sql`${answers.itemId} in ('understood', 'researchConsent')`,
				sql`${answers.value} is not null`,
				sql`not exists (select 1 from ${consentEvents} where ${consentEvents.participantId} = ${assignments.participantId})`
			)
		)
		.orderBy(asc(answers.answeredAt));
	const newest = new Map<string, { purpose: Purpose; decision: Decision; at: Date }>();
	for (const row of rows) {
		const value = row.value as { type?: string; value?: unknown; option?: string } | null;
		if (row.itemId === 'researchConsent' && typeof value?.value === 'boolean') {
			newest.set(`${row.participantId}/research`, {
				purpose: 'research',
				decision: value.value ? 'given' : 'withdrawn',
				at: row.answeredAt
			});
		} else if (row.itemId === 'understood') {
			const option = value?.option;
			if (option === 'ok' || option === 'talkFirst')
				newest.set(`${row.participantId}/coaching`, {
					purpose: 'coaching',
					decision: option === 'ok' ? 'given' : 'talkFirst',
					at: row.answeredAt
				});
		}
	}
	if (!newest.size) return 0;
	await db.insert(consentEvents).values(
		[...newest].map(([key, e]) => ({
			participantId: key.split('/')[0]!,
			purpose: e.purpose,
			decision: e.decision,
			version: 'intake',
			source: 'intake' as const,
			at: e.at
		}))
	);
	return newest.size;
}

/** Of these participants, the ones whose newest research decision is yes: only they go into a research export. */
export async function consentingToResearch(db: Db, participantIds: readonly string[]): Promise<Set<string>> {
	if (!participantIds.length) return new Set();
	const rows = await db
		.select({ id: participants.id })
		.from(participants)
		.where(
			and(
				inArray(participants.id, [...participantIds]),
				sql`${latestDecision(participants.id, 'research')} = 'given'`
			)
		);
	return new Set(rows.map((r) => r.id));
}
