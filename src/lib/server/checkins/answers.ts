import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import { attachments, checkinAnswers, checkins } from '../db/schema';
import { rejected, type EntryResult } from '../sync/areas';
import { checkinData } from '$lib/outbox/contract';

export { checkinData };
export type CheckinData = z.infer<typeof checkinData>;

/**
 * Stores an answer to a check-in once per clientId (a retry after a lost reply, or the form and the outbox both, is
 * stored one time) and copies the newest answer onto the check-in, which raises the coach's signal again. A face first
 * and the extras a moment later are two answers: the later one wins, the history keeps both.
 */
export async function storeCheckinAnswer(
	db: Db,
	participantId: string,
	entry: { clientId: string; at: Date; data: CheckinData }
): Promise<EntryResult> {
	const { clientId, data } = entry;
	const [own] = await db
		.select({ id: checkins.id })
		.from(checkins)
		.where(and(eq(checkins.id, data.checkinId), eq(checkins.participantId, participantId)));
	if (!own) return rejected(clientId, 'unknown_checkin');
	if (data.attachmentId) {
		const [file] = await db
			.select({ participantId: attachments.participantId, mime: attachments.mime })
			.from(attachments)
			.where(eq(attachments.id, data.attachmentId));
		if (!file || file.participantId !== participantId || !file.mime.startsWith('audio/'))
			return rejected(clientId, 'noAttachment');
	}
	const changes = [...new Set(data.changes)];
	const inserted = await db
		.insert(checkinAnswers)
		.values({
			clientId,
			checkinId: data.checkinId,
			participantId,
			face: data.face,
			changes,
			wantsContact: data.wantsContact,
			attachmentId: data.attachmentId ?? null,
			answeredAt: entry.at
		})
		.onConflictDoNothing({ target: checkinAnswers.clientId })
		.returning({ id: checkinAnswers.id });
	if (!inserted.length) {
		const [holder] = await db
			.select({ participantId: checkinAnswers.participantId, checkinId: checkinAnswers.checkinId })
			.from(checkinAnswers)
			.where(eq(checkinAnswers.clientId, clientId));
		return holder?.participantId === participantId && holder.checkinId === data.checkinId
			? { clientId, status: 'already' }
			: rejected(clientId, 'client_id_reused');
	}
	// The newest answer counts (phones may deliver out of order); "wants contact" once asked stays asked.
	await db
		.update(checkins)
		.set({
			answeredAt: entry.at,
			face: data.face,
			changes,
			wantsContact: sql`${checkins.wantsContact} or ${data.wantsContact}`,
			attachmentId: sql`coalesce(${data.attachmentId ?? null}::uuid, ${checkins.attachmentId})`,
			seenAt: null
		})
		.where(
			and(
				eq(checkins.id, data.checkinId),
				sql`(${checkins.answeredAt} is null or ${checkins.answeredAt} <= ${entry.at.toISOString()})`
			)
		);
	return { clientId, status: 'stored' };
}
