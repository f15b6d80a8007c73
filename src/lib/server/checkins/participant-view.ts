import { and, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { checkins, coaches, participants } from '../db/schema';
import type { Change } from '$lib/checkins/kinds';

export interface ParticipantCheckin {
	id: string;
	coachName: string;
	dueAt: string;
	answered: boolean;
	face: number | null;
	changes: Change[];
	wantsContact: boolean;
}

const columns = {
	id: checkins.id,
	coachName: coaches.name,
	dueAt: checkins.dueAt,
	answeredAt: checkins.answeredAt,
	face: checkins.face,
	changes: checkins.changes,
	wantsContact: checkins.wantsContact
};

function shape(row: {
	id: string;
	coachName: string;
	dueAt: Date;
	answeredAt: Date | null;
	face: number | null;
	changes: string[];
	wantsContact: boolean;
}): ParticipantCheckin {
	return {
		id: row.id,
		coachName: row.coachName,
		dueAt: row.dueAt.toISOString(),
		answered: row.answeredAt !== null,
		face: row.face,
		changes: row.changes as Change[],
		wantsContact: row.wantsContact
	};
}

/** The check-in waiting for an answer, if any: the newest one asked and not yet silent (the home screen's card). */
export async function openCheckin(
	db: Db,
	participantId: string,
	now = new Date()
): Promise<ParticipantCheckin | null> {
	const [row] = await db
		.select(columns)
		.from(checkins)
		.innerJoin(participants, eq(participants.id, checkins.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				eq(checkins.participantId, participantId),
				lte(checkins.dueAt, now),
				gt(checkins.silentAt, now),
				isNull(checkins.answeredAt)
			)
		)
		.orderBy(desc(checkins.dueAt))
		.limit(1);
	return row ? shape(row) : null;
}

/** One of the participant's own check-ins (asked already), answered or not; null for anyone else's. */
export async function myCheckin(
	db: Db,
	participantId: string,
	id: string,
	now = new Date()
): Promise<ParticipantCheckin | null> {
	const [row] = await db
		.select(columns)
		.from(checkins)
		.innerJoin(participants, eq(participants.id, checkins.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(eq(checkins.id, id), eq(checkins.participantId, participantId), lte(checkins.dueAt, now)));
	return row ? shape(row) : null;
}
