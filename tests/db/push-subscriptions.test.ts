import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import type { ParticipantActor } from '../../src/lib/server/pairing';
import { devices, pushJobs, pushSubscriptions } from '../../src/lib/server/db/schema';
import { appointmentForm } from '../../src/lib/server/appointments/form';
import { createAppointment } from '../../src/lib/server/appointments/commands';
import { saveSubscription, subscriptionBody } from '../../src/lib/server/push/subscriptions';
import { forgetVapidKeys } from '../../src/lib/server/push/vapid';
import { enqueuePush } from '../../src/lib/server/push/queue';
import { runDueJobs } from '../../src/lib/server/push/worker';

const NOW = new Date('2026-11-23T12:00:00Z');

describe.each(ENGINES)('push subscriptions: whose they are and where the server sends, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let push: PushEndpoint;
	let lotte: CoachActor;

	async function phoneOf(name: string): Promise<ParticipantActor> {
		const person = await makeParticipant(db, lotte, name, 'nl');
		return addPhone(person.id, name);
	}
	async function addPhone(participantId: string, name = ''): Promise<ParticipantActor> {
		const [device] = await db
			.insert(devices)
			.values({ participantId, tokenHash: randomBytes(16).toString('hex') })
			.returning();
		return {
			id: participantId,
			deviceId: device!.id,
			displayName: name,
			preferredLanguage: 'nl',
			coachId: lotte.id
		};
	}
	const owner = async (endpoint: string) =>
		(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)))[0];

	beforeAll(async () => {
		forgetVapidKeys();
		database = await freshDatabase(engine);
		db = database.db;
		push = await startPushEndpoint();
		process.env.PUSH_SERVICE_HOSTS = push.host;
		lotte = await makeCoach(db, { email: `lotte-${engine}@test.nl` });
	});
	afterAll(async () => {
		delete process.env.PUSH_SERVICE_HOSTS;
		await push.close();
		await database.close();
		forgetVapidKeys();
	});

	it('one participant’s phone cannot take over another participant’s endpoint', async () => {
		const fatma = await phoneOf('Fatma');
		const intruder = await phoneOf('Intruder');
		const sub = push.subscribe();
		const body = subscriptionBody.parse({ endpoint: sub.endpoint, keys: sub.keys });
		expect(await saveSubscription(db, fatma, body)).toEqual({ ok: true });
		// Same endpoint, the intruder's own keys: refused, and Fatma's row is untouched.
		const other = push.subscribe();
		const stolen = subscriptionBody.parse({ endpoint: sub.endpoint, keys: other.keys });
		expect(await saveSubscription(db, intruder, stolen)).toEqual({ ok: false, reason: 'taken' });
		expect(await owner(sub.endpoint)).toMatchObject({
			participantId: fatma.id,
			deviceId: fatma.deviceId,
			p256dh: sub.keys.p256dh
		});
		// Fatma's phone registering again (e.g. after a key refresh) is fine.
		expect(await saveSubscription(db, fatma, body)).toEqual({ ok: true });
	});

	it('moves between phones of the same participant, and to a new owner once the old phone is unpaired', async () => {
		const yonas = await phoneOf('Yonas');
		const sub = push.subscribe();
		const body = subscriptionBody.parse({ endpoint: sub.endpoint, keys: sub.keys });
		await saveSubscription(db, yonas, body);
		// Yonas paired the same browser again (cookie lost): the new device takes the endpoint.
		const again = await addPhone(yonas.id, 'Yonas');
		expect(await saveSubscription(db, again, body)).toEqual({ ok: true });
		expect((await owner(sub.endpoint))?.deviceId).toBe(again.deviceId);
		// The phone goes to someone else: refused while Yonas's pairing stands, accepted once it is unpaired.
		const sara = await phoneOf('Sara');
		expect(await saveSubscription(db, sara, body)).toEqual({ ok: false, reason: 'taken' });
		await db.update(devices).set({ revokedAt: NOW }).where(eq(devices.id, again.deviceId));
		expect(await saveSubscription(db, sara, body)).toEqual({ ok: true });
		expect((await owner(sub.endpoint))?.participantId).toBe(sara.id);
	});

	it('the worker drops a stored endpoint that points inside instead of sending to it', async () => {
		const cem = await phoneOf('Cem');
		const good = push.subscribe();
		await saveSubscription(db, cem, subscriptionBody.parse({ endpoint: good.endpoint, keys: good.keys }));
		// Stored before the check existed: straight into the table.
		const inside = push.subscribe();
		await db.insert(pushSubscriptions).values({
			deviceId: cem.deviceId,
			participantId: cem.id,
			endpoint: 'https://127.0.0.1:9443/internal-admin',
			p256dh: inside.keys.p256dh,
			auth: inside.keys.auth
		});
		const made = await createAppointment(
			db,
			lotte,
			cem.id,
			appointmentForm.parse({
				type: 'conversation',
				date: '2026-12-03',
				startTime: '10:00',
				endTime: '10:45',
				place: 'wijkcentrum',
				address: 'Kerkstraat 1'
			}),
			NOW
		);
		if (!('id' in made)) throw new Error(made.error);
		await enqueuePush(db, {
			key: `inside-${engine}`,
			participantId: cem.id,
			kind: 'appointmentReminder',
			payload: { appointmentId: made.id },
			runAt: NOW
		});
		const before = push.received.length;
		const result = await runDueJobs(db, { now: () => NOW, agent: push.agent });
		expect(result).toMatchObject({ push: 1, retried: 0 });
		expect(push.received.length - before).toBe(1);
		const left = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.participantId, cem.id));
		expect(left.map((s) => s.endpoint)).toEqual([good.endpoint]);
		const [job] = await db
			.select()
			.from(pushJobs)
			.where(eq(pushJobs.key, `inside-${engine}`));
		expect(job).toMatchObject({ state: 'done', outcome: 'push' });
	});
});
