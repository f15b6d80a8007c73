import { z } from 'zod';
import { registerSyncArea } from '../sync/areas';
import { MAX_TEXT_LENGTH, QUICK_CODES } from '$lib/messages';
import { sendFromParticipant } from './messages';

/** A message as the phone queues it (outbox kind "message"); the content rules are checked in sendFromParticipant. */
export const messageData = z.strictObject({
	kind: z.enum(['text', 'quick', 'voice', 'photo']),
	text: z
		.string()
		.max(MAX_TEXT_LENGTH * 2)
		.optional(),
	quick: z.enum(QUICK_CODES as [string, ...string[]]).optional(),
	attachmentId: z.uuid().optional(),
	durationMs: z.number().int().min(0).max(3_600_000).optional()
});

registerSyncArea('message', {
	data: messageData,
	apply: (db, participantId, entry) => sendFromParticipant(db, participantId, entry)
});
