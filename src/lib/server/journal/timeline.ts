import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	activities,
	activityRequests,
	aftercareChecks,
	appointments,
	assignments,
	closures,
	coaches,
	goals,
	goalSteps,
	handovers,
	journalNotes,
	messages,
	moduleSubmissions
} from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from '../coach/caseload';
import type { CoachActor } from '../auth/coach';
import { TIME_ZONE } from '$lib/time/amsterdam';

/** Entries a timeline shows at most (the newest). */
export const TIMELINE_LIMIT = 200;

/**
 * One entry on a participant's timeline. `source` says where it comes from: the coach's own note, or what Opstap
 * recorded by itself (an appointment attended or missed, a no-show followed up by a call, messages of a day, a
 * questionnaire set out or sent back, an activity request).
 */
export interface TimelineEntry {
	source:
		| 'note'
		| 'appointment'
		| 'called'
		| 'messages'
		| 'questionnaireAssigned'
		| 'questionnaireSent'
		| 'activityRequest'
		| 'goal'
		| 'stepDone'
		| 'handover'
		| 'closure'
		| 'aftercare';
	at: Date;
	/**
	 * note: its kind; appointment: attended | noShow; messages: participant | coach; activityRequest: try | together;
	 * questionnaire: its id; goal: added | reached | stopped; stepDone: participant | coach (who ticked it);
	 * handover: the new coach's name; closure: closed | ended | reopened; aftercare: the call's moment (months1 …)
	 */
	kind: string;
	/**
	 * note: its text; appointment: its type; messages: how many; activityRequest: the activity's title;
	 * questionnaire: the wave; goal and stepDone: the goal's or step's text; handover: the note; closure: the reason
	 * (and the note, when closed)
	 */
	text: string;
	durationMinutes: number | null;
	followUpOn: string | null;
	followUpDone: boolean;
	/** The note's id (for "followed up"), or the appointment's. */
	ref: string | null;
	coachName: string | null;
}

type Raw = Omit<TimelineEntry, 'at' | 'followUpDone'> & { at: string | Date; followUpDone: boolean | null };

/**
 * A participant's contact journal as one query (UNION ALL of indexed lookups on participant_id, newest first).
 * The coach's notes are part of it only for roles that may read them (policy: journal.read); reading them is audited.
 * Returns null when the participant is not visible to this person.
 */
export async function timelineForCoach(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date(),
	limit = TIMELINE_LIMIT
): Promise<TimelineEntry[] | null> {
	if (!(await participantForCoach(db, coach, participantId))) return null;
	const withNotes = can(coach, 'journal.read');
	const entries = await timelineQuery(db, participantId, withNotes, now, limit);
	if (withNotes) {
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'journal.viewed', subjectType: 'participant', subjectId: participantId }
		);
	}
	return entries;
}

/** The query itself (no visibility check): for timelineForCoach and the bench. */
export async function timelineQuery(
	db: Db,
	participantId: string,
	withNotes: boolean,
	now = new Date(),
	limit = TIMELINE_LIMIT
): Promise<TimelineEntry[]> {
	const p = participantId;
	const notes = withNotes
		? sql`select 'note' as source, ${journalNotes.at} as at, ${journalNotes.kind} as kind, ${journalNotes.text} as text,
				${journalNotes.durationMinutes} as "durationMinutes", ${journalNotes.followUpOn} as "followUpOn",
				(${journalNotes.followUpDoneAt} is not null) as "followUpDone", ${journalNotes.id}::text as ref, ${coaches.name} as "coachName"
			from ${journalNotes} left join ${coaches} on ${coaches.id} = ${journalNotes.coachId}
			where ${journalNotes.participantId} = ${p}
			union all`
		: sql``;
	const day = sql`date_trunc('day', ${messages.createdAt} at time zone ${TIME_ZONE})`;
	const result = await db.execute(sql`
		select * from (
			${notes}
			select 'appointment', ${appointments.startsAt}, ${appointments.attendance}, ${appointments.type}, null::int, null, null::boolean, ${appointments.id}::text, null
			from ${appointments}
			where ${appointments.participantId} = ${p} and ${appointments.attendance} is not null and ${appointments.startsAt} <= ${now.toISOString()}
			union all
			select 'called', ${appointments.followedUpAt}, 'noShow', ${appointments.type}, null::int, null, null::boolean, ${appointments.id}::text, null
			from ${appointments}
			where ${appointments.participantId} = ${p} and ${appointments.followedUpAt} is not null
			union all
			select 'messages', max(${messages.createdAt}), ${messages.sender}, count(*)::text, null::int, null, null::boolean, null, null
			from ${messages}
			where ${messages.participantId} = ${p}
			group by ${day}, ${messages.sender}
			union all
			select 'questionnaireAssigned', ${assignments.createdAt}, ${assignments.questionnaireId}, ${assignments.wave}, null::int, null, null::boolean, ${assignments.id}::text, null
			from ${assignments}
			where ${assignments.participantId} = ${p}
			union all
			select 'questionnaireSent', max(${moduleSubmissions.receivedAt}), ${assignments.questionnaireId}, ${assignments.wave}, null::int, null, null::boolean, ${assignments.id}::text, null
			from ${moduleSubmissions} inner join ${assignments} on ${assignments.id} = ${moduleSubmissions.assignmentId}
			where ${assignments.participantId} = ${p}
			group by ${assignments.id}, ${assignments.questionnaireId}, ${assignments.wave}
			union all
			select 'activityRequest', ${activityRequests.at}, ${activityRequests.kind}, ${activities.title}, null::int, null, null::boolean, ${activityRequests.id}::text, null
			from ${activityRequests} inner join ${activities} on ${activities.id} = ${activityRequests.activityId}
			where ${activityRequests.participantId} = ${p}
			union all
			select 'goal', ${goals.createdAt}, 'added', ${goals.text}, null::int, null, null::boolean, ${goals.id}::text, null
			from ${goals}
			where ${goals.participantId} = ${p}
			union all
			select 'goal', ${goals.closedAt}, ${goals.state}, ${goals.text}, null::int, null, null::boolean, ${goals.id}::text, null
			from ${goals}
			where ${goals.participantId} = ${p} and ${goals.closedAt} is not null
			union all
			select 'stepDone', ${goalSteps.doneAt}, ${goalSteps.doneBy}, ${goalSteps.text}, null::int, null, null::boolean, ${goalSteps.id}::text, null
			from ${goalSteps}
			where ${goalSteps.participantId} = ${p} and ${goalSteps.doneAt} is not null
			union all
			select 'handover', ${handovers.at}, coalesce(tc.name, ''), ${handovers.note}, null::int, null, null::boolean, ${handovers.id}::text, fc.name
			from ${handovers}
			left join ${coaches} tc on tc.id = ${handovers.toCoachId}
			left join ${coaches} fc on fc.id = ${handovers.fromCoachId}
			where ${handovers.participantId} = ${p}
			union all
			select 'closure', ${closures.at}, 'closed', ${closures.reason} || case when ${closures.note} <> '' then E'\n' || ${closures.note} else '' end, null::int, null, null::boolean, ${closures.id}::text, cc.name
			from ${closures} left join ${coaches} cc on cc.id = ${closures.coachId}
			where ${closures.participantId} = ${p}
			union all
			select 'closure', ${closures.endedAt}, 'ended', ${closures.reason}, null::int, null, null::boolean, ${closures.id}::text, null
			from ${closures}
			where ${closures.participantId} = ${p} and ${closures.endedAt} is not null and ${closures.aftercareUntil} is not null
			union all
			select 'closure', ${closures.reopenedAt}, 'reopened', ${closures.reason}, null::int, null, null::boolean, ${closures.id}::text, null
			from ${closures}
			where ${closures.participantId} = ${p} and ${closures.reopenedAt} is not null
			union all
			select 'aftercare', ${aftercareChecks.doneAt}, ${aftercareChecks.kind}, '', null::int, null, null::boolean, ${aftercareChecks.id}::text, ac.name
			from ${aftercareChecks} left join ${coaches} ac on ac.id = ${aftercareChecks.doneByCoachId}
			where ${aftercareChecks.participantId} = ${p} and ${aftercareChecks.doneAt} is not null
		) as timeline(source, at, kind, text, "durationMinutes", "followUpOn", "followUpDone", ref, "coachName")
		order by at desc
		limit ${limit}`);
	return (result as unknown as { rows: Raw[] }).rows.map((r) => ({
		...r,
		at: new Date(r.at),
		durationMinutes: r.durationMinutes === null ? null : Number(r.durationMinutes),
		followUpDone: !!r.followUpDone
	}));
}
