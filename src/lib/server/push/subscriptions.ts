import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { pushSubscriptions } from '../db/schema';
import type { ParticipantActor } from '../pairing';

function base64urlBytes(length: number, first?: number) {
	return z
		.string()
		.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'not base64url')
		.refine((value) => {
			const bytes = Buffer.from(value, 'base64url');
			return bytes.length === length && (first === undefined || bytes[0] === first);
		}, `must be ${length} bytes`);
}

/** A PushSubscription as the browser's toJSON() gives it; push services are always https. */
export const subscriptionBody = z.object({
	endpoint: z.url({ protocol: /^https$/ }).max(2000),
	expirationTime: z.number().nullable().optional(),
	keys: z.strictObject({
		// An uncompressed P-256 point (65 bytes, starting with 4) and a 16-byte secret (RFC 8291).
		p256dh: base64urlBytes(65, 4),
		auth: base64urlBytes(16)
	})
});
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

/** Stores or refreshes this phone's subscription; an endpoint moves with the phone that last registered it. */
export async function saveSubscription(db: Db, participant: ParticipantActor, body: SubscriptionBody) {
	const values = {
		deviceId: participant.deviceId,
		participantId: participant.id,
		endpoint: body.endpoint,
		p256dh: body.keys.p256dh,
		auth: body.keys.auth
	};
	await db
		.insert(pushSubscriptions)
		.values(values)
		.onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values });
}

export async function removeSubscription(db: Db, participant: ParticipantActor, endpoint: string) {
	await db
		.delete(pushSubscriptions)
		.where(
			and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.participantId, participant.id))
		);
}

export async function subscriptionsOf(db: Db, participantId: string) {
	return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.participantId, participantId));
}

export async function hasPush(db: Db, participantId: string): Promise<boolean> {
	const [row] = await db
		.select({ n: count() })
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.participantId, participantId));
	return (row?.n ?? 0) > 0;
}

/** Whether this phone (device) has push on. */
export async function deviceHasPush(db: Db, deviceId: string): Promise<boolean> {
	const [row] = await db
		.select({ n: count() })
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.deviceId, deviceId));
	return (row?.n ?? 0) > 0;
}
