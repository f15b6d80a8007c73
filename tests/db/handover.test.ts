import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { appointments, auditLog, participants } from '../../src/lib/server/db/schema';
import {
	handOver,
	HandoverForm,
	handoverDoneBy,
	handoverTargets,
	recentHandover
} from '../../src/lib/server/coach/handover';
import { participantForCoach } from '../../src/lib/server/coach/caseload';
import { timelineForCoach } from '../../src/lib/server/journal/timeline';

const NOW = new Date('2026-12-07T09:00:00Z');

describe.each(ENGINES)('handing a participant to a colleague, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let lotte: CoachActor;
	let sanne: CoachActor;
	let lead: CoachActor;
	let stranger: CoachActor;
	let translator: CoachActor;
	let amina: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		lotte = await makeCoach(db, { email: `lotte-ho-${engine}@c.nl` });
		sanne = await makeCoach(db, { email: `sanne-ho-${engine}@c.nl`, teamId: lotte.teamId });
		lead = await makeCoach(db, { email: `lead-ho-${engine}@c.nl`, role: 'team_lead', teamId: lotte.teamId });
		translator = await makeCoach(db, {
			email: `tr-ho-${engine}@c.nl`,
			role: 'translator',
			teamId: lotte.teamId
		});
		stranger = await makeCoach(db, { email: `stranger-ho-${engine}@c.nl` });
		amina = await makeParticipant(db, lotte, 'Amina', 'ar');
		const base = { participantId: amina.id, coachId: lotte.id, type: 'intake', place: 'office' } as const;
		await db.insert(appointments).values([
			{ ...base, startsAt: new Date('2026-12-01T09:00:00Z'), endsAt: new Date('2026-12-01T10:00:00Z') },
			{ ...base, startsAt: new Date('2026-12-10T09:00:00Z'), endsAt: new Date('2026-12-10T10:00:00Z') }
		] as never);
	});
	afterAll(async () => {
		await database?.close();
	});

	it('offers the colleagues of the team, not the current coach, a translator or another team', async () => {
		const names = (await handoverTargets(db, lotte, amina.id)).map((t) => t.id);
		expect(names.sort()).toEqual([sanne.id, lead.id].sort());
		expect(await handoverTargets(db, stranger, amina.id)).toEqual([]);
		expect(HandoverForm.safeParse({ toCoachId: sanne.id, note: '  ' }).error?.issues[0]?.message).toBe(
			'Schrijf een korte overdracht voor uw collega.'
		);
	});

	it('refuses a stranger, a translator, and a colleague outside the team', async () => {
		const input = { toCoachId: sanne.id, note: 'Loopt goed' };
		expect(await handOver(db, stranger, amina.id, input, NOW)).toEqual({ ok: false, reason: 'not_found' });
		expect(await handOver(db, translator, amina.id, input, NOW)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await handOver(db, lotte, amina.id, { ...input, toCoachId: stranger.id }, NOW)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await handOver(db, lotte, amina.id, { ...input, toCoachId: translator.id }, NOW)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('moves the participant and the appointments still to come; the history stays, the phone is told', async () => {
		expect(await recentHandover(db, amina.id, NOW)).toBeNull();
		expect(
			await handOver(db, lotte, amina.id, { toCoachId: sanne.id, note: 'Wil naar het taalcafé' }, NOW)
		).toEqual({ ok: true });
		const [row] = await db.select().from(participants).where(eq(participants.id, amina.id));
		expect(row?.coachId).toBe(sanne.id);
		const rows = await db.select().from(appointments).where(eq(appointments.participantId, amina.id));
		expect(rows.map((a) => [a.startsAt.toISOString().slice(0, 10), a.coachId === sanne.id]).sort()).toEqual([
			['2026-12-01', false],
			['2026-12-10', true]
		]);
		// Lotte no longer sees her; Sanne and the team lead do, with the handover on the timeline.
		expect(await participantForCoach(db, lotte, amina.id)).toBeNull();
		const timeline = await timelineForCoach(db, sanne, amina.id);
		expect(timeline?.find((e) => e.source === 'handover')).toMatchObject({
			kind: sanne.name,
			text: 'Wil naar het taalcafé',
			coachName: lotte.name
		});
		expect(await handoverDoneBy(db, lotte, amina.id)).toEqual({ participant: 'Amina', to: sanne.name });
		expect(await handoverDoneBy(db, sanne, amina.id)).toBeNull();
		expect(await recentHandover(db, amina.id, new Date(NOW.getTime() + 86_400_000))).not.toBeNull();
		expect(await recentHandover(db, amina.id, new Date(NOW.getTime() + 15 * 86_400_000))).toBeNull();
		const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'participant.handed_over'));
		expect(audited).toHaveLength(1);
	});

	it('the team lead hands her on again', async () => {
		expect(await handOver(db, lead, amina.id, { toCoachId: lotte.id, note: 'Terug' }, NOW)).toEqual({
			ok: true
		});
		expect((await participantForCoach(db, lotte, amina.id))?.coachId).toBe(lotte.id);
	});
});
