import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { latestDecision } from '../consent/sql';
import type { Db } from '../db';
import { coaches, devices, participants, pushSubscriptions } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';

/**
 * Who may see a participant: their own coach, or the team lead of that coach's team (unless the participant said no).
 * Every coach query goes through this condition, so no route can forget it.
 */
export function visibleTo(coach: CoachActor) {
	// Translators record voice clips and admins manage questionnaires: neither sees participants.
	if (!can(coach, 'caseload.view')) return sql`false`;
	if (coach.role !== 'team_lead') return eq(participants.coachId, coach.id);
	// The team lead sees the team, except participants who said no to that (consent, issue 16); their own always.
	// The team as a list of coach ids on participants.coach_id (indexed), not a condition on a joined coaches row:
	// the database then reads the team's participants only, not the whole municipality's (bench/caseload.ts).
	return or(
		eq(participants.coachId, coach.id),
		and(
			sql`${participants.coachId} in (select tc.id from ${coaches} as tc where tc.team_id = ${coach.teamId})`,
			sql`${latestDecision(participants.id, 'team')} is distinct from 'withdrawn'`
		)
	)!;
}

export interface CaseloadRow {
	id: string;
	displayName: string;
	/** Tells two participants with the same name apart (empty when not needed). */
	nameDetail: string;
	preferredLanguage: string;
	coachId: string;
	coachName: string;
	activeDevices: number;
	/** Phones with reminders (push) on: 0 means reminders only show when the app is opened. */
	pushDevices: number;
	createdAt: Date;
	/** The participant wants to talk with the coach first: their questionnaires wait (consent, issue 16). */
	wantsTalkFirst: boolean;
}

export async function listCaseload(db: Db, coach: CoachActor): Promise<CaseloadRow[]> {
	return db
		.select({
			id: participants.id,
			displayName: participants.displayName,
			nameDetail: participants.nameDetail,
			preferredLanguage: participants.preferredLanguage,
			coachId: participants.coachId,
			coachName: coaches.name,
			activeDevices: sql<number>`(select count(*)::int from ${devices} where ${devices.participantId} = ${participants.id} and ${isNull(devices.revokedAt)})`,
			pushDevices: sql<number>`(select count(*)::int from ${pushSubscriptions} where ${pushSubscriptions.participantId} = ${participants.id})`,
			createdAt: participants.createdAt,
			wantsTalkFirst: sql<boolean>`coalesce(${latestDecision(participants.id, 'coaching')} = 'talkFirst', false)`
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(visibleTo(coach))
		.orderBy(asc(participants.displayName));
}

export async function participantForCoach(db: Db, coach: CoachActor, participantId: string) {
	const [row] = await db
		.select({
			id: participants.id,
			displayName: participants.displayName,
			nameDetail: participants.nameDetail,
			preferredLanguage: participants.preferredLanguage,
			caseStatus: participants.caseStatus,
			trajectoryEndedAt: participants.trajectoryEndedAt,
			coachId: participants.coachId,
			coachName: coaches.name,
			createdAt: participants.createdAt
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(eq(participants.id, participantId), visibleTo(coach)));
	return row ?? null;
}

/** Opening a participant's page is recorded: the AVG asks who looked at whose data. */
export async function viewParticipant(db: Db, coach: CoachActor, participantId: string) {
	const participant = await participantForCoach(db, coach, participantId);
	if (participant) {
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{
				action: 'participant.viewed',
				subjectType: 'participant',
				subjectId: participantId
			}
		);
	}
	return participant;
}

export async function addParticipant(
	db: Db,
	coach: CoachActor,
	input: { displayName: string; preferredLanguage: string; nameDetail?: string }
): Promise<Result<{ id: string }, 'forbidden'>> {
	// Only someone who has a caseload can add to it (a translator or admin would create an orphan in the team).
	if (!can(coach, 'participant.add')) return refused('forbidden');
	const [row] = await db
		.insert(participants)
		.values({
			coachId: coach.id,
			displayName: input.displayName,
			preferredLanguage: input.preferredLanguage,
			nameDetail: input.nameDetail ?? ''
		})
		.returning({ id: participants.id });
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'participant.added',
			subjectType: 'participant',
			subjectId: row!.id
		}
	);
	return { ok: true, id: row!.id };
}

/**
 * The coach moves an open trajectory between intake and active. Aftercare and closed come only by closing it
 * (server/closure: reason, aftercare calls), and leave only by reopening.
 */
export async function setCaseStatus(
	db: Db,
	coach: CoachActor,
	participantId: string,
	status: 'intake' | 'active'
): Promise<Result<object, 'forbidden' | 'not_found' | 'conflict'>> {
	if (!can(coach, 'journal.write')) return refused('forbidden');
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return refused('not_found');
	if (participant.caseStatus === 'aftercare' || participant.caseStatus === 'closed')
		return refused('conflict');
	await db.update(participants).set({ caseStatus: status }).where(eq(participants.id, participantId));
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'participant.status',
			subjectType: 'participant',
			subjectId: participantId,
			details: { status }
		}
	);
	return { ok: true };
}

/**
 * Participants in the coach's team with this name (case-insensitive): adding a second "Fatma" warns first, and
 * shows how the existing ones can be told apart.
 */
export async function sameNameInTeam(db: Db, coach: CoachActor, displayName: string) {
	return db
		.select({
			id: participants.id,
			displayName: participants.displayName,
			nameDetail: participants.nameDetail,
			preferredLanguage: participants.preferredLanguage,
			coachName: coaches.name,
			createdAt: participants.createdAt
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				eq(coaches.teamId, coach.teamId),
				sql`lower(${participants.displayName}) = lower(${displayName.trim()})`
			)
		);
}
