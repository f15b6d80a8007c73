import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { coaches, messages, participants } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { audit } from '../audit';

const threadColumns = {
	id: messages.id,
	clientId: messages.clientId,
	sender: messages.sender,
	kind: messages.kind,
	body: messages.body,
	quick: messages.quick,
	attachmentId: messages.attachmentId,
	durationMs: messages.durationMs,
	auto: messages.auto,
	sentAt: messages.sentAt,
	createdAt: messages.createdAt,
	readAt: messages.readAt
};
export type ThreadMessage = Awaited<ReturnType<typeof threadOf>>[number];

function threadOf(db: Db, participantId: string) {
	return db
		.select(threadColumns)
		.from(messages)
		.where(eq(messages.participantId, participantId))
		.orderBy(asc(messages.createdAt), asc(messages.id));
}

/** The participant's own conversation; what their coach wrote counts as read once this phone shows it. */
export async function threadForParticipant(db: Db, participantId: string, now = new Date()) {
	await db
		.update(messages)
		.set({ readAt: now })
		.where(
			and(eq(messages.participantId, participantId), eq(messages.sender, 'coach'), isNull(messages.readAt))
		);
	return threadOf(db, participantId);
}

/**
 * A participant's conversation for their coach (or team lead); null when not in the caseload. The coach opening it
 * marks the participant's messages read; every opening is logged (who read whose messages).
 */
export async function threadForCoach(db: Db, coach: CoachActor, participantId: string, now = new Date()) {
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return null;
	// Only the participant's own coach reads for them: a team lead looking in leaves the coach's unread marker.
	if (participant.coachId === coach.id)
		await db
			.update(messages)
			.set({ readAt: now })
			.where(
				and(
					eq(messages.participantId, participantId),
					eq(messages.sender, 'participant'),
					isNull(messages.readAt)
				)
			);
	// Who of the coaches wrote each message (a team lead, a coach before a handover), for the workspace only.
	const thread = await db
		.select({ ...threadColumns, coachId: messages.coachId, coachName: coaches.name })
		.from(messages)
		.leftJoin(coaches, eq(coaches.id, messages.coachId))
		.where(eq(messages.participantId, participantId))
		.orderBy(asc(messages.createdAt), asc(messages.id));
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'messages.viewed', subjectType: 'participant', subjectId: participantId }
	);
	return { participant, messages: thread };
}

/** How many of the coach's messages the participant has not seen yet (on "My coach"). */
export async function unreadForParticipant(db: Db, participantId: string): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(messages)
		.where(
			and(eq(messages.participantId, participantId), eq(messages.sender, 'coach'), isNull(messages.readAt))
		);
	return row?.count ?? 0;
}

/** The coach's photo for "My coach": only for a participant of that coach. */
export async function coachPhotoFor(db: Db, participantId: string) {
	const [row] = await db
		.select({ photo: coaches.photo, mime: coaches.photoMime })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	return row?.photo && row.mime ? { photo: row.photo, mime: row.mime } : null;
}
