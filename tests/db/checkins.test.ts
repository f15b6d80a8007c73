import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { checkinAnswers, checkins, devices, pushJobs } from '../../src/lib/server/db/schema';
import { createPlan, runDuePlans, stopPlan } from '../../src/lib/server/checkins/plans';
import { checkinSignals, checkinHistory, markCheckinsSeen } from '../../src/lib/server/checkins/coach-view';
import { myCheckin, openCheckin } from '../../src/lib/server/checkins/participant-view';
import { applyOutbox } from '../../src/lib/server/sync/outbox';
import { saveSubscription, subscriptionBody } from '../../src/lib/server/push/subscriptions';
import { forgetVapidKeys } from '../../src/lib/server/push/vapid';
import { runDueJobs } from '../../src/lib/server/push/worker';

const DAY = 24 * 3600 * 1000;
const T0 = new Date('2026-11-02T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const arabic = JSON.parse(readFileSync('locales/ar/checkins.json', 'utf8'));

describe.each(ENGINES)('"How are you?" check-ins, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let push: PushEndpoint;
	let lotte: CoachActor;
	let lead: CoachActor;
	let stranger: CoachActor;
	let amina: { id: string };
	let bram: { id: string };
	let noPhone: { id: string };
	let teamOther: { id: string };

	async function pair(participantId: string) {
		const [row] = await db
			.insert(devices)
			.values({ participantId, tokenHash: randomBytes(16).toString('hex') })
			.returning();
		return row!.id;
	}

	const answer = (participantId: string, checkinId: string, data: Record<string, unknown>, now: Date) => {
		const clientId = randomUUID();
		return {
			clientId,
			send: () =>
				applyOutbox(
					db,
					participantId,
					[{ kind: 'checkin', clientId, at: now.toISOString(), data: { checkinId, ...data } }],
					now
				)
		};
	};

	beforeAll(async () => {
		forgetVapidKeys();
		database = await freshDatabase(engine);
		db = database.db;
		push = await startPushEndpoint();
		process.env.PUSH_SERVICE_HOSTS = push.host;
		lotte = await makeCoach(db, { email: `lotte-${engine}@c.nl` });
		lead = await makeCoach(db, { email: `lead-${engine}@c.nl`, role: 'team_lead', teamId: lotte.teamId });
		stranger = await makeCoach(db, { email: `stranger-${engine}@c.nl` });
		amina = await makeParticipant(db, lotte, 'Amina', 'ar');
		bram = await makeParticipant(db, lotte, 'Bram');
		noPhone = await makeParticipant(db, lotte, 'Zonder telefoon');
		teamOther = await makeParticipant(db, lead, 'Karim');
		const aminaDevice = await pair(amina.id);
		await pair(bram.id);
		await pair(teamOther.id);
		const sub = push.subscribe();
		await saveSubscription(
			db,
			{ id: amina.id, deviceId: aminaDevice, displayName: '', preferredLanguage: 'ar', coachId: '' },
			subscriptionBody.parse({ endpoint: sub.endpoint, keys: sub.keys })
		);
	});
	afterAll(async () => {
		await push?.close();
		await database?.close();
	});

	it("who may plan what: a coach their own, a team lead the team, nobody someone else's", async () => {
		expect(
			await createPlan(db, stranger, {
				scope: 'participant',
				participantId: amina.id,
				startAt: T0,
				everyDays: null
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect(await createPlan(db, lotte, { scope: 'team', startAt: T0, everyDays: 30 })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(
			await createPlan(db, lotte, { scope: 'coach', coachId: lead.id, startAt: T0, everyDays: 30 })
		).toEqual({ ok: false, reason: 'forbidden' });
		// Asking again before the last one could count as silent makes no sense.
		expect(await createPlan(db, lead, { scope: 'team', startAt: T0, everyDays: 5 })).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('a monthly team plan asks everyone with a phone once per round, with a push and one more ask', async () => {
		const plan = await createPlan(db, lead, { scope: 'team', startAt: T0, everyDays: 30 });
		expect(plan.ok).toBe(true);
		const first = await runDuePlans(db, at(0));
		// Amina, Bram, Karim: not the participant without a phone.
		expect(first).toEqual({ plans: 1, checkins: 3, pushes: 6 });
		// Run again (a second server, a retry): nothing twice.
		expect(await runDuePlans(db, at(0))).toEqual({ plans: 0, checkins: 0, pushes: 0 });
		expect((await db.select().from(checkins).where(eq(checkins.participantId, noPhone.id))).length).toBe(0);

		const round = await runDueJobs(db, { now: () => at(0), agent: push.agent });
		expect(round.claimed).toBe(3);
		expect(push.received).toHaveLength(1);
		expect(push.received[0]!.payload).toMatchObject({ title: arabic.push.title, lang: 'ar', dir: 'rtl' });
		expect(String(push.received[0]!.payload.url)).toMatch(/^\/checkin\//);

		// The next round is a month on.
		expect((await runDuePlans(db, at(29))).plans).toBe(0);
		expect((await runDuePlans(db, at(30))).checkins).toBe(3);
		expect((await db.select().from(pushJobs)).filter((j) => j.kind.startsWith('checkin')).length).toBe(12);
	});

	it('the answer is stored once; the card goes; a bad face or "wants contact" is a signal until the coach looks', async () => {
		const open = await openCheckin(db, amina.id, at(1));
		expect(open).not.toBeNull();
		const face = answer(amina.id, open!.id, { face: 2 }, at(1));
		expect(await face.send()).toEqual([{ clientId: face.clientId, status: 'stored' }]);
		expect(await face.send()).toEqual([{ clientId: face.clientId, status: 'already' }]);
		const more = answer(
			amina.id,
			open!.id,
			{ face: 2, changes: ['money', 'loneliness'], wantsContact: true },
			at(1.01)
		);
		expect(await more.send()).toEqual([{ clientId: more.clientId, status: 'stored' }]);
		expect(await openCheckin(db, amina.id, at(1.02))).toBeNull();
		expect((await db.select().from(checkinAnswers)).length).toBe(2);
		expect(await myCheckin(db, amina.id, open!.id, at(1.02))).toMatchObject({
			answered: true,
			face: 2,
			changes: ['money', 'loneliness'],
			wantsContact: true
		});

		// Someone else's check-in, an unknown face, a reused id: refused, nothing stored.
		const bramsOpen = await openCheckin(db, bram.id, at(1));
		expect((await answer(amina.id, bramsOpen!.id, { face: 4 }, at(1)).send())[0]).toMatchObject({
			status: 'rejected',
			reason: 'unknown_checkin'
		});
		expect((await answer(bram.id, bramsOpen!.id, { face: 7 }, at(1)).send())[0]).toMatchObject({
			status: 'rejected',
			reason: 'invalid_entry'
		});
		const reused = await applyOutbox(
			db,
			bram.id,
			[
				{
					kind: 'checkin',
					clientId: face.clientId,
					at: at(1).toISOString(),
					data: { checkinId: bramsOpen!.id, face: 4 }
				}
			],
			at(1)
		);
		expect(reused[0]).toMatchObject({ status: 'rejected', reason: 'client_id_reused' });

		const signals = await checkinSignals(db, lotte, at(2));
		expect(signals.map((s) => [s.displayName, s.bad, s.wantsContact])).toEqual([['Amina', true, true]]);
		// Not for a coach of another team.
		expect(await checkinSignals(db, stranger, at(2))).toEqual([]);
		await markCheckinsSeen(db, amina.id, at(2));
		expect(await checkinSignals(db, lotte, at(2))).toEqual([]);
	});

	it('unanswered: asked once more after 3 days, silent after 7, and "silent for N weeks" counts from there', async () => {
		// Bram's reminder push is due at day 3; he has no push subscription, so it is shown in the app.
		const jobs = await runDueJobs(db, { now: () => at(3), agent: push.agent });
		expect(jobs.claimed).toBeGreaterThan(0);
		// Amina answered: her reminder renders nothing.
		const aminaAgain = (await db.select().from(pushJobs)).find(
			(j) => j.participantId === amina.id && j.kind === 'checkinAgain' && j.runAt <= at(3)
		);
		expect(aminaAgain).toMatchObject({ state: 'done', outcome: 'skipped' });

		expect((await checkinSignals(db, lotte, at(6))).map((s) => s.displayName)).toEqual([]);
		const silent = await checkinSignals(db, lotte, at(8));
		expect(silent.map((s) => [s.displayName, s.silentWeeks])).toEqual([['Bram', 1]]);
		// Only who has been silent for at least 4 weeks: nobody yet; Bram after the second round goes silent too.
		expect(await checkinSignals(db, lotte, at(8), 4)).toEqual([]);
		expect((await checkinSignals(db, lotte, at(38), 4)).map((s) => [s.displayName, s.silentWeeks])).toEqual([
			['Bram', 5]
		]);
		// An answer ends the silence (Amina, who answered the first round, did not answer the second).
		const second = await openCheckin(db, bram.id, at(31));
		await answer(bram.id, second!.id, { face: 4 }, at(31)).send();
		expect((await checkinSignals(db, lotte, at(38), 0)).map((s) => [s.displayName, s.silentWeeks])).toEqual([
			['Amina', 1]
		]);
		// The chart's history: newest first, the silent one marked.
		const history = await checkinHistory(db, lotte, bram.id, at(38));
		expect(history.map((h) => [h.face, h.silent])).toEqual([
			[4, false],
			[null, true]
		]);
		expect(await checkinHistory(db, stranger, bram.id, at(38))).toEqual([]);
	});

	it('a stopped plan asks no more', async () => {
		const plan = await createPlan(db, lotte, { scope: 'coach', startAt: at(40), everyDays: 14 });
		expect(plan.ok).toBe(true);
		if (!plan.ok) return;
		expect(await stopPlan(db, stranger, plan.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await stopPlan(db, lotte, plan.id)).toEqual({ ok: true });
		const before = (await db.select().from(checkins)).length;
		await runDuePlans(db, at(41));
		// The team plan's third round is not due before day 60.
		expect((await db.select().from(checkins)).length).toBe(before);
	});
});
