import type { Db } from '../db';

export interface StoredMessage {
	id: string;
	participantId: string;
	kind: 'text' | 'quick' | 'voice' | 'photo';
	auto: boolean;
}

/**
 * Tells the participant that their coach wrote (a push in their language, through the durable jobs queue of the
 * reminders). Called once for every coach message right after it is stored, the automatic out-of-hours reply
 * included. For now it does nothing: push (VAPID, subscriptions, the queue) is built in issue 5 and wired in here
 * when the two are merged. It must not throw: the message is stored whatever happens to the notification.
 */
export async function notifyParticipantOfMessage(_db: Db, _message: StoredMessage): Promise<void> {}
