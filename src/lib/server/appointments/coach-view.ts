import { and, asc, count, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { appointments, coaches, participants, pushJobs } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { visibleTo } from '../coach/caseload';
import { repliesFor } from './replies';

/** What the coach reads about appointments: always through the caseload's one visibility rule (visibleTo). */

/** An appointment the coach may see (own caseload, or the team for a team lead), or null. */
export async function appointmentForCoach(db: Db, coach: CoachActor, id: string) {
	const [row] = await db
		.select({
			appointment: appointments,
			participantName: participants.displayName,
			language: participants.preferredLanguage
		})
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(eq(appointments.id, id), visibleTo(coach)));
	return row ?? null;
}

/** The coach's appointments from `from` to `to` (a week view), with the participant and the newest reply. */
export async function appointmentsForCoach(db: Db, coach: CoachActor, from: Date, to: Date) {
	const rows = await db
		.select({ appointment: appointments, participantName: participants.displayName })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(visibleTo(coach), gte(appointments.startsAt, from), lt(appointments.startsAt, to)))
		.orderBy(asc(appointments.startsAt));
	const replies = await repliesFor(
		db,
		rows.map((r) => r.appointment)
	);
	return rows.map((r) => ({ ...r, replies: replies.get(r.appointment.id) ?? [] }));
}

/** A participant's appointments for the coach's participant page: upcoming and the last 60 days. */
export async function appointmentsOfParticipant(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date()
) {
	const rows = await db
		.select({ appointment: appointments })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				eq(appointments.participantId, participantId),
				gte(appointments.startsAt, new Date(now.getTime() - 60 * 86_400_000))
			)
		)
		.orderBy(asc(appointments.startsAt));
	const replies = await repliesFor(
		db,
		rows.map((r) => r.appointment)
	);
	return rows.map((r) => ({ ...r.appointment, replies: replies.get(r.appointment.id) ?? [] }));
}

/** Past appointments that the coach has not marked (came / did not come), to ask about them. */
export async function unmarkedPast(db: Db, coach: CoachActor, now = new Date()) {
	return db
		.select({ appointment: appointments, participantName: participants.displayName })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				lt(appointments.endsAt, now),
				gte(appointments.startsAt, new Date(now.getTime() - 14 * 86_400_000)),
				isNull(appointments.attendance),
				isNull(appointments.cancelledAt)
			)
		)
		.orderBy(desc(appointments.startsAt));
}

/** A participant's appointments still to come and not cancelled. */
export const upcomingOf = (participantId: string, now: Date) =>
	and(
		eq(appointments.participantId, participantId),
		gt(appointments.startsAt, now),
		isNull(appointments.cancelledAt)
	);

/** How many appointments of a participant are still to come (the closing form offers to cancel them). */
export async function upcomingAppointmentCount(db: Db, participantId: string, now = new Date()) {
	const [row] = await db.select({ n: count() }).from(appointments).where(upcomingOf(participantId, now));
	return row?.n ?? 0;
}

/** The pushes planned or sent for an appointment, for the coach to see what the participant gets and when. */
export async function pushesOf(db: Db, appointmentId: string) {
	return db
		.select({
			key: pushJobs.key,
			kind: pushJobs.kind,
			runAt: pushJobs.runAt,
			state: pushJobs.state,
			outcome: pushJobs.outcome,
			doneAt: pushJobs.doneAt
		})
		.from(pushJobs)
		.where(sql`${pushJobs.payload}->>'appointmentId' = ${appointmentId}`)
		.orderBy(asc(pushJobs.runAt));
}
