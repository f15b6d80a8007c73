import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import { coaches, messages, organisations, participants, attachments } from '../db/schema';
import { audit } from '../audit';

/**
 * Retention: messages (and the files they refer to) of participants whose trajectory ended longer ago than their
 * municipality's retention period are deleted. Run daily; returns how many messages went.
 */
export async function purgeExpiredMessages(db: Db, now = new Date()): Promise<number> {
	const team = alias(organisations, 'team');
	const municipality = alias(organisations, 'municipality');
	const expired = await db
		.select({ id: participants.id })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.innerJoin(team, eq(team.id, coaches.teamId))
		.leftJoin(municipality, eq(municipality.id, team.parentId))
		.where(
			and(
				isNotNull(participants.trajectoryEndedAt),
				lt(
					participants.trajectoryEndedAt,
					sql`${now.toISOString()}::timestamptz - make_interval(days => coalesce(${municipality.messageRetentionDays}, ${team.messageRetentionDays}))`
				)
			)
		);
	if (!expired.length) return 0;
	const ids = expired.map((p) => p.id);
	return db.transaction(async (tx) => {
		const gone = await tx
			.delete(messages)
			.where(inArray(messages.participantId, ids))
			.returning({ attachmentId: messages.attachmentId });
		const files = gone.map((m) => m.attachmentId).filter((id): id is string => !!id);
		if (files.length) await tx.delete(attachments).where(inArray(attachments.id, files));
		if (gone.length)
			await audit(
				tx as unknown as Db,
				{ type: 'system' },
				{
					action: 'messages.purged',
					details: { messages: gone.length, participants: ids.length }
				}
			);
		return gone.length;
	});
}
