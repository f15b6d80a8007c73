import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import { appointmentReplies, appointments } from '../db/schema';
import { rejected, type EntryResult } from '../sync/areas';
import { replyData } from '$lib/outbox/contract';

/** A reply as the phone sends it ("I'll come", "I can't come" with a reason, "call me"): the outbox contract's. */
export { replyData };
export type ReplyData = z.infer<typeof replyData>;

/**
 * Stores a participant's reply once: the phone's id (clientId) is unique, so a retry after a lost answer, or the
 * same reply from the form and from the outbox, is stored one time. Only replies to their own appointments count.
 */
export async function storeReply(
	db: Db,
	participantId: string,
	entry: { clientId: string; at: Date; data: ReplyData }
): Promise<EntryResult> {
	const [own] = await db
		.select({ id: appointments.id })
		.from(appointments)
		.where(and(eq(appointments.id, entry.data.appointmentId), eq(appointments.participantId, participantId)));
	if (!own) return rejected(entry.clientId, 'unknown_appointment');
	const inserted = await db
		.insert(appointmentReplies)
		.values({
			appointmentId: entry.data.appointmentId,
			participantId,
			clientId: entry.clientId,
			reply: entry.data.reply,
			reason: entry.data.reason,
			repliedAt: entry.at
		})
		.onConflictDoNothing({ target: appointmentReplies.clientId })
		.returning({ id: appointmentReplies.id });
	if (inserted.length) return { clientId: entry.clientId, status: 'stored' };
	// The id is taken: by this same reply (a retry), or by something else, which is not this phone's to know.
	const [holder] = await db
		.select({
			participantId: appointmentReplies.participantId,
			appointmentId: appointmentReplies.appointmentId
		})
		.from(appointmentReplies)
		.where(eq(appointmentReplies.clientId, entry.clientId));
	return holder?.participantId === participantId && holder.appointmentId === entry.data.appointmentId
		? { clientId: entry.clientId, status: 'already' }
		: rejected(entry.clientId, 'client_id_reused');
}

export type ReplyRow = typeof appointmentReplies.$inferSelect;

/**
 * The replies that count per appointment, newest first: those given after the appointment was last moved (a reply to
 * the old time is kept in the table, but the moved appointment asks again).
 */
export async function repliesFor(
	db: Db,
	of: { id: string; movedAt: Date | null }[]
): Promise<Map<string, ReplyRow[]>> {
	const map = new Map<string, ReplyRow[]>();
	if (!of.length) return map;
	const movedAt = new Map(of.map((a) => [a.id, a.movedAt]));
	const rows = await db
		.select()
		.from(appointmentReplies)
		.where(
			inArray(
				appointmentReplies.appointmentId,
				of.map((a) => a.id)
			)
		)
		.orderBy(desc(appointmentReplies.repliedAt));
	for (const row of rows) {
		const moved = movedAt.get(row.appointmentId);
		if (moved && row.repliedAt < moved) continue;
		map.set(row.appointmentId, [...(map.get(row.appointmentId) ?? []), row]);
	}
	return map;
}
