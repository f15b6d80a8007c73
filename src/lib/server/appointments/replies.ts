import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { appointmentReplies, appointments } from '../db/schema';
import { registerSyncArea, type EntryResult } from '../sync/areas';
import { REASONS, REPLIES } from '$lib/appointments/kinds';

/** A reply as the phone sends it ("I'll come", "I can't come" with a reason, "call me"). */
export const replyData = z
	.strictObject({
		appointmentId: z.uuid(),
		reply: z.enum(REPLIES),
		reason: z.enum(REASONS).nullable().default(null)
	})
	.refine((r) => r.reply === 'cannot' || r.reason === null, {
		message: 'a reason only goes with "cannot"',
		path: ['reason']
	});
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
	if (!own) return { clientId: entry.clientId, status: 'rejected', reason: 'unknown appointment' };
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
	return { clientId: entry.clientId, status: inserted.length ? 'stored' : 'already' };
}

registerSyncArea('appointmentReply', { data: replyData, apply: storeReply });
