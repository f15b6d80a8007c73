import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { coaches, messages } from '../db/schema';
import { serverT } from '../i18n/resources';
import { enqueuePush } from '../push/queue';
import { pokePushWorker } from '../push/runtime';
import { directionOf, registerPushKind } from '../push/renderers';

export interface StoredMessage {
	id: string;
	participantId: string;
	kind: 'text' | 'quick' | 'voice' | 'photo';
	auto: boolean;
}

/**
 * Tells the participant that their coach wrote: a push in their language, through the same durable queue as the
 * reminders (one job per message: its id is the key, so it is queued and sent once). Called for every coach message
 * right after it is stored, the automatic out-of-hours reply included. It never throws: the message is stored
 * whatever happens to the notification, and the app shows it on next open anyway.
 */
export async function notifyParticipantOfMessage(db: Db, message: StoredMessage): Promise<void> {
	try {
		await enqueuePush(db, {
			key: `message:${message.id}`,
			participantId: message.participantId,
			kind: 'message',
			payload: { messageId: message.id },
			runAt: new Date()
		});
		pokePushWorker();
	} catch (error) {
		console.error('could not queue the push for message', message.id, error);
	}
}

/**
 * "New message from Lotte — open Opstap to read it": the content stays off the lock screen (a phone is often
 * shared). Nothing when the participant has read it already, e.g. in the open app.
 */
registerPushKind('message', async (db, job, lang) => {
	const id = job.payload.messageId;
	if (typeof id !== 'string') return null;
	const [row] = await db
		.select({ readAt: messages.readAt, coachName: coaches.name })
		.from(messages)
		.leftJoin(coaches, eq(coaches.id, messages.coachId))
		.where(eq(messages.id, id));
	if (!row || row.readAt) return null;
	const t = serverT(lang);
	return {
		title: t('messages:notify.title', { name: row.coachName ?? '' }),
		body: t('messages:notify.body'),
		icon: '/pictograms/png/coach.png',
		url: '/my-coach/messages',
		// One notification for all unread messages: a newer one replaces the older.
		tag: 'messages',
		lang,
		dir: directionOf(lang),
		ttl: 7 * 24 * 3600
	};
});
