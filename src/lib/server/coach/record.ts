import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { appointments } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from './caseload';
import { ladderHistory, resultsForCoach } from '../survey/results';
import { planOf } from '../plan/views';
import { timelineForCoach } from '../journal/timeline';
import { closureHistory } from '../closure/view';

/** A whole trajectory's journal fits: the page's timeline shows the newest 200, the record everything. */
const RECORD_TIMELINE_LIMIT = 10_000;

/**
 * A participant's record for the municipality's case system (issue 14 §7), as one print-ready page: who, status
 * and closings, ladder history, questionnaires with their answers in Dutch, goals and steps, appointments with
 * attendance, and the journal. The journal's own notes only for roles that may read them (as on the page); making
 * the record is audited. Null when the participant is not visible to this person.
 */
export async function participantRecord(db: Db, coach: CoachActor, participantId: string, now = new Date()) {
	if (!can(coach, 'caseload.view')) return null;
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return null;
	const [questionnaires, ladder, goals, journal, appointmentRows, closings] = await Promise.all([
		resultsForCoach(db, coach, participantId),
		ladderHistory(db, participantId),
		planOf(db, participantId),
		timelineForCoach(db, coach, participantId, now, RECORD_TIMELINE_LIMIT),
		db
			.select()
			.from(appointments)
			.where(eq(appointments.participantId, participantId))
			.orderBy(asc(appointments.startsAt)),
		closureHistory(db, participantId)
	]);
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'participant.record.viewed', subjectType: 'participant', subjectId: participantId }
	);
	return {
		madeAt: now,
		participant,
		questionnaires: (questionnaires ?? []).map((q) => ({
			title: q.title,
			moment: q.moment,
			createdAt: q.createdAt,
			scores: q.scores,
			modules: q.modules.filter((m) => m.answers.length)
		})),
		ladder: [...ladder]
			.reverse()
			.map((l) => ({ rung: l.rung, source: l.source, note: l.note, at: l.createdAt })),
		goals,
		appointments: appointmentRows.map((a) => ({
			type: a.type,
			startsAt: a.startsAt,
			place: a.place,
			cancelled: a.cancelledAt !== null,
			attendance: a.attendance
		})),
		closures: closings,
		journal: journal ?? []
	};
}
