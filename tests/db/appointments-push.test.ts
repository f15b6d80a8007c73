import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { appointmentReplies, devices, pushJobs, pushSubscriptions } from '../../src/lib/server/db/schema';
import { appointmentForm } from '../../src/lib/server/appointments/form';
import { appointmentsForParticipant } from '../../src/lib/server/appointments/participant-view';
import {
	cancelAppointment,
	createAppointment,
	remindNow,
	updateAppointment
} from '../../src/lib/server/appointments/commands';
import { applyOutbox, outboxBody } from '../../src/lib/server/sync/outbox';
import { saveSubscription, subscriptionBody } from '../../src/lib/server/push/subscriptions';
import { forgetVapidKeys, vapidKeys } from '../../src/lib/server/push/vapid';
import { claimDue, enqueuePush } from '../../src/lib/server/push/queue';
import { runDueJobs } from '../../src/lib/server/push/worker';

const form = (fields: Record<string, unknown>) =>
	appointmentForm.parse({
		type: 'conversation',
		date: '2026-12-03',
		startTime: '10:00',
		endTime: '10:45',
		place: 'wijkcentrum',
		address: 'Wijkcentrum De Brug, Kerkstraat 1',
		bring: ['id', 'letter'],
		remindDayBefore: 'on',
		remindHoursBefore: '2',
		...fields
	});

const NOW = new Date('2026-11-23T12:00:00Z');
// What a Turkish phone should show: the texts from the Turkish locale, not Dutch.
const turkish = JSON.parse(readFileSync('locales/tr/appointments.json', 'utf8'));

describe.each(ENGINES)('appointments and push reminders, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let push: PushEndpoint;
	let lotte: CoachActor;
	let other: CoachActor;
	let ayse: { id: string };
	let deviceId: string;

	async function device(participantId: string) {
		const [row] = await db
			.insert(devices)
			.values({ participantId, tokenHash: randomBytes(16).toString('hex') })
			.returning();
		return row!.id;
	}

	async function subscribe(participantId: string, dev: string, id?: string) {
		const sub = push.subscribe(id);
		await saveSubscription(
			db,
			{ id: participantId, deviceId: dev, displayName: '', preferredLanguage: 'tr', coachId: '' },
			subscriptionBody.parse({ endpoint: sub.endpoint, keys: sub.keys })
		);
		return sub;
	}

	const run = (now: Date) => runDueJobs(db, { now: () => now, agent: push.agent });

	beforeAll(async () => {
		forgetVapidKeys();
		database = await freshDatabase(engine);
		db = database.db;
		push = await startPushEndpoint();
		// The local push service is not one that browsers use: allowed by configuration, as in production.
		process.env.PUSH_SERVICE_HOSTS = push.host;
		lotte = await makeCoach(db, { email: `lotte-${engine}@test.nl` });
		other = await makeCoach(db, { email: `other-${engine}@test.nl` });
		ayse = await makeParticipant(db, lotte, 'Ayşe', 'tr');
		deviceId = await device(ayse.id);
	});

	afterAll(async () => {
		await push.close();
		await database.close();
		forgetVapidKeys();
	});

	it('refuses an appointment in the past, an end before its start, and a participant not in the caseload', async () => {
		expect(await createAppointment(db, lotte, ayse.id, form({ date: '2026-11-20' }), NOW)).toEqual({
			error: 'past'
		});
		expect(await createAppointment(db, lotte, ayse.id, form({ endTime: '09:00' }), NOW)).toEqual({
			error: 'endBeforeStart'
		});
		expect(await createAppointment(db, lotte, ayse.id, form({ date: '2026-02-30' }), NOW)).toEqual({
			error: 'badTime'
		});
		expect(await createAppointment(db, other, ayse.id, form({}), NOW)).toEqual({ error: 'notFound' });
		expect(await createAppointment(db, lotte, randomUUID(), form({}), NOW)).toEqual({ error: 'notFound' });
		expect(appointmentForm.safeParse({ ...form({}), type: 'party' }).success).toBe(false);
		expect(appointmentForm.safeParse({ ...form({}), mapUrl: 'javascript:alert(1)' }).success).toBe(false);
	});

	it('refuses a malformed push subscription', () => {
		const good = push.subscribe();
		const bad = [
			{},
			{ endpoint: 'http://127.0.0.1/push/x', keys: good.keys },
			{ endpoint: good.endpoint, keys: { p256dh: good.keys.p256dh } },
			{ endpoint: good.endpoint, keys: { p256dh: 'short', auth: good.keys.auth } },
			{
				endpoint: good.endpoint,
				keys: { p256dh: good.keys.p256dh, auth: randomBytes(8).toString('base64url') }
			}
		];
		for (const body of bad)
			expect(subscriptionBody.safeParse(body).success, JSON.stringify(body)).toBe(false);
		expect(subscriptionBody.safeParse({ endpoint: good.endpoint, keys: good.keys }).success).toBe(true);
	});

	it('plans reminders the evening before and two hours before, and sends them encrypted, in Turkish, on time', async () => {
		const sub = await subscribe(ayse.id, deviceId);
		const made = await createAppointment(db, lotte, ayse.id, form({}), NOW);
		if (!('id' in made)) throw new Error(made.error);
		const jobs = await db.select().from(pushJobs).where(eq(pushJobs.participantId, ayse.id));
		expect(jobs.map((j) => j.runAt.toISOString()).sort()).toEqual([
			'2026-12-02T17:00:00.000Z',
			'2026-12-03T07:00:00.000Z'
		]);

		// Nothing is due before its time.
		expect((await run(new Date('2026-12-02T16:59:00Z'))).claimed).toBe(0);
		const evening = await run(new Date('2026-12-02T17:00:30Z'));
		expect(evening).toMatchObject({ claimed: 1, push: 1 });
		const got = push.received.filter((r) => r.subscription === sub.id);
		expect(got).toHaveLength(1);
		const message = got[0]!;
		expect(message.payload).toMatchObject({
			title: turkish.push.reminderTitle,
			lang: 'tr',
			dir: 'ltr',
			url: `/appointments/${made.id}`,
			tag: `appointment-${made.id}`,
			icon: '/pictograms/png/conversation.png'
		});
		// "Yarın" (tomorrow) and the time, in Turkish, with the coach's name.
		expect(String(message.payload.body)).toMatch(/yarın/i);
		expect(String(message.payload.body)).toContain('10:00');
		expect(String(message.payload.body)).toContain(lotte.name);
		expect(message.vapidKey).toBe((await vapidKeys(db)).publicKey);
		expect(message.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
		// The push service keeps it at most until the appointment starts.
		expect(message.ttl).toBe(
			Math.round((Date.parse('2026-12-03T09:00:00Z') - Date.parse('2026-12-02T17:00:30Z')) / 1000)
		);
		expect(push.refused).toEqual([]);

		// Running again does not send it again.
		expect((await run(new Date('2026-12-02T17:05:00Z'))).claimed).toBe(0);
		expect(push.received.filter((r) => r.subscription === sub.id)).toHaveLength(1);
	});

	it('plans again when moved, drops reminders when cancelled, and tells the participant it is off', async () => {
		const made = await createAppointment(db, lotte, ayse.id, form({ date: '2026-12-10' }), NOW);
		if (!('id' in made)) throw new Error(made.error);
		const keysOf = async () =>
			(await db.select().from(pushJobs).where(eq(pushJobs.state, 'pending')))
				.filter((j) => j.key.includes(made.id))
				.map((j) => j.runAt.toISOString())
				.sort();
		expect(await keysOf()).toEqual(['2026-12-09T17:00:00.000Z', '2026-12-10T07:00:00.000Z']);
		await updateAppointment(
			db,
			lotte,
			made.id,
			form({ date: '2026-12-11', startTime: '14:00', endTime: '15:00', remindHoursBefore: '0' }),
			NOW
		);
		expect(await keysOf()).toEqual(['2026-12-10T17:00:00.000Z']);
		expect(await updateAppointment(db, other, made.id, form({}), NOW)).toEqual({ error: 'notFound' });

		await cancelAppointment(db, lotte, made.id, NOW);
		const pending = (await db.select().from(pushJobs).where(eq(pushJobs.state, 'pending'))).filter((j) =>
			j.key.includes(made.id)
		);
		expect(pending.map((j) => j.kind)).toEqual(['appointmentCancelled']);
		const before = push.received.length;
		await run(NOW);
		const notice = push.received.slice(before).find((r) => r.payload.tag === `appointment-${made.id}`);
		expect(notice?.payload.title).toBe(turkish.push.cancelledTitle);
	});

	it('"send a reminder now" sends once per click token, and a reminder of a cancelled appointment is skipped', async () => {
		const made = await createAppointment(db, lotte, ayse.id, form({ date: '2026-12-15' }), NOW);
		if (!('id' in made)) throw new Error(made.error);
		const token = randomUUID();
		await remindNow(db, lotte, made.id, token, NOW);
		await remindNow(db, lotte, made.id, token, NOW); // double click
		const before = push.received.length;
		expect((await run(NOW)).push).toBe(1);
		expect(push.received.length - before).toBe(1);
		expect(await remindNow(db, other, made.id, randomUUID(), NOW)).toEqual({ error: 'notFound' });
	});

	it('removes a subscription the push service says is gone (410, 404), and falls back to in-app', async () => {
		const bob = await makeParticipant(db, lotte, 'Bob', 'en');
		const dev = await device(bob.id);
		const gone = await subscribe(bob.id, dev);
		const missing = await subscribe(bob.id, dev);
		push.answer(gone.id, 410);
		push.answer(missing.id, 404);
		await enqueuePush(db, {
			key: `test-gone-${engine}`,
			participantId: bob.id,
			kind: 'appointmentReminder',
			payload: {
				appointmentId: ((await createAppointment(db, lotte, bob.id, form({}), NOW)) as { id: string }).id
			},
			runAt: NOW
		});
		const result = await run(NOW);
		expect(result.inApp).toBe(1);
		expect(
			await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.participantId, bob.id))
		).toEqual([]);
		const [job] = await db
			.select()
			.from(pushJobs)
			.where(eq(pushJobs.key, `test-gone-${engine}`));
		expect(job).toMatchObject({ state: 'done', outcome: 'inApp' });
	});

	it('retries with back-off when the push service fails, and sends once it works again', async () => {
		const cem = await makeParticipant(db, lotte, 'Cem', 'tr');
		const sub = await subscribe(cem.id, await device(cem.id));
		push.answer(sub.id, 503);
		const made = (await createAppointment(db, lotte, cem.id, form({ date: '2026-12-20' }), NOW)) as {
			id: string;
		};
		await remindNow(db, lotte, made.id, randomUUID(), NOW);
		expect((await run(NOW)).retried).toBe(1);
		const [job] = (await db.select().from(pushJobs).where(eq(pushJobs.participantId, cem.id))).filter(
			(j) => j.kind === 'appointmentReminder' && j.key.startsWith('reminderNow')
		);
		expect(job).toMatchObject({ state: 'pending', attempts: 1, lastError: 'push service answered 503' });
		expect(job!.runAt.getTime() - NOW.getTime()).toBe(30_000);
		expect((await run(new Date(NOW.getTime() + 10_000))).claimed).toBe(0);
		push.answer(sub.id, 0);
		const later = await run(new Date(NOW.getTime() + 31_000));
		expect(later.push).toBe(1);
		expect(push.received.filter((r) => r.subscription === sub.id)).toHaveLength(1);
	});

	it('a worker that dies holding jobs: they are taken again after the lease, each sent once; two workers never share a job', async () => {
		const dina = await makeParticipant(db, lotte, 'Dina', 'ar');
		const sub = await subscribe(dina.id, await device(dina.id));
		const made = (await createAppointment(db, lotte, dina.id, form({ date: '2026-12-21' }), NOW)) as {
			id: string;
		};
		for (let i = 0; i < 30; i++) await remindNow(db, lotte, made.id, randomUUID(), NOW);

		// Worker A claims ten and dies without sending.
		const held = await claimDue(db, NOW, 10, 60_000);
		expect(held).toHaveLength(10);
		// Two workers at once take the other twenty between them, none twice.
		const [b, c] = await Promise.all([
			runDueJobs(db, { now: () => NOW, agent: push.agent, batch: 15 }),
			runDueJobs(db, { now: () => NOW, agent: push.agent, batch: 15 })
		]);
		expect(b.claimed + c.claimed).toBe(20);
		// Within A's lease nobody takes A's jobs; after it, they are sent.
		expect((await run(new Date(NOW.getTime() + 30_000))).claimed).toBe(0);
		expect((await run(new Date(NOW.getTime() + 61_000))).push).toBe(10);
		const got = push.received.filter((r) => r.subscription === sub.id);
		expect(got).toHaveLength(30);
		expect(got[0]!.payload.dir).toBe('rtl');
		expect(got[0]!.payload.lang).toBe('ar');
	});

	it("takes replies from the outbox once, only for the participant's own appointments", async () => {
		const made = (await createAppointment(db, lotte, ayse.id, form({ date: '2026-12-22' }), NOW)) as {
			id: string;
		};
		const stranger = await makeParticipant(db, other, 'Eve', 'nl');
		const clientId = randomUUID();
		const entry = {
			kind: 'appointmentReply',
			clientId,
			at: '2026-11-23T12:00:00.000Z',
			data: { appointmentId: made.id, reply: 'cannot', reason: 'ill' }
		};
		const body = outboxBody.parse({ entries: [entry] });
		expect(await applyOutbox(db, ayse.id, body.entries)).toEqual([{ clientId, status: 'stored' }]);
		expect(await applyOutbox(db, ayse.id, body.entries)).toEqual([{ clientId, status: 'already' }]);
		expect(
			await db.select().from(appointmentReplies).where(eq(appointmentReplies.clientId, clientId))
		).toHaveLength(1);
		const [foreign] = await applyOutbox(
			db,
			stranger.id,
			outboxBody.parse({ entries: [{ ...entry, clientId: randomUUID() }] }).entries
		);
		expect(foreign).toMatchObject({ status: 'rejected', reason: 'unknown_appointment' });
		const [bad] = await applyOutbox(
			db,
			ayse.id,
			outboxBody.parse({
				entries: [
					{
						...entry,
						clientId: randomUUID(),
						data: { appointmentId: made.id, reply: 'coming', reason: 'ill' }
					}
				]
			}).entries
		);
		expect(bad).toMatchObject({ status: 'rejected' });
		const mine = await appointmentsForParticipant(db, ayse.id, 'tr', NOW);
		expect(mine.find((a) => a.id === made.id)?.reply).toMatchObject({ reply: 'cannot', reason: 'ill' });
	});
});
