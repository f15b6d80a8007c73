import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import * as s from '../../src/lib/server/db/schema';
import { hit } from '../../src/lib/server/security/rate-limit';
import { FAILED_LOGIN_ADDRESS_MS, runRetention } from '../../src/lib/server/privacy/retention';
import { SHIPPED_VERSION } from '../helpers/instruments';

const DAY = 86_400_000;

describe.each(ENGINES)('retention removes what is past its term, for every kind, on %s', (engine) => {
	let database: Database;
	let db: Db;
	const now = new Date('2027-06-01T12:00:00Z');
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	let active: string;
	let closed: string;
	let longGone: string;
	let otherCoach: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		const coach = await makeCoach(db, { email: 'coach@example.nl' });
		// The municipality sets its own terms (as data): answers 30 days after the trajectory, files 7 days, audit 60.
		await db
			.update(s.organisations)
			.set({ retentionDays: { answers: 30, attachments: 7, audit: 60 } })
			.where(eq(s.organisations.id, coach.teamId));
		otherCoach = (await makeCoach(db, { email: 'elders@example.nl' })).id;
		active = (await makeParticipant(db, coach, 'Actief')).id;
		closed = (await makeParticipant(db, coach, 'Afgesloten')).id;
		longGone = (await makeParticipant(db, coach, 'Lang geleden')).id;
		await db
			.update(s.participants)
			.set({ trajectoryEndedAt: ago(40) })
			.where(eq(s.participants.id, closed));
		await db
			.update(s.participants)
			.set({ trajectoryEndedAt: ago(800) })
			.where(eq(s.participants.id, longGone));
		for (const participantId of [active, closed, longGone]) {
			await db.insert(s.assignments).values({
				participantId,
				questionnaireId: 'intake',
				version: SHIPPED_VERSION.intake,
				wave: 'T0',
				moduleIds: ['myWeek']
			});
			// An old appointment (past the 365 days) and a recent one.
			for (const at of [ago(400), ago(10)])
				await db.insert(s.appointments).values({
					participantId,
					coachId: coach.id,
					type: 'meeting',
					startsAt: at,
					endsAt: at,
					place: 'office'
				});
			// A phone not seen for 200 days and one seen today.
			for (const seen of [ago(200), now])
				await db.insert(s.devices).values({ participantId, tokenHash: randomUUID(), lastSeenAt: seen });
			// A recording never sent (10 days old), and one sent in a message (kept with the message).
			for (const kept of [false, true]) {
				const id = randomUUID();
				await db.insert(s.attachments).values({
					id,
					participantId,
					mime: 'audio/webm',
					data: Buffer.from('x'),
					bytes: 1,
					createdAt: ago(10)
				});
				if (kept)
					await db.insert(s.messages).values({
						clientId: randomUUID(),
						participantId,
						sender: 'participant',
						kind: 'voice',
						attachmentId: id,
						sentAt: ago(10)
					});
			}
		}
		await db.insert(s.auditLog).values([
			{ actorType: 'system', action: 'old', at: ago(800) },
			{ actorType: 'system', action: 'recent', at: ago(1) },
			// Audit entries follow their own municipality's term (60 days here, the default 730 in the other one).
			{ actorType: 'coach', actorId: coach.id, action: 'own.coach', at: ago(100) },
			{
				actorType: 'system',
				action: 'own.subject',
				subjectType: 'participant',
				subjectId: active,
				at: ago(100)
			},
			{ actorType: 'participant', actorId: active, action: 'own.participant', at: ago(100) },
			{ actorType: 'participant', actorId: active, action: 'own.recent', at: ago(50) },
			{ actorType: 'coach', actorId: otherCoach, action: 'other.coach', at: ago(100) },
			{ actorType: 'system', action: 'nobody', at: ago(100) },
			{ actorType: 'anonymous', action: 'coach.login.failed', at: ago(2), details: { ip: '192.0.2.7' } },
			{
				actorType: 'anonymous',
				action: 'pairing.failed',
				at: new Date(now.getTime() - 60_000),
				details: { ip: '192.0.2.8' }
			}
		]);
		await hit(db, 'login:addr:192.0.2.7', { max: 3, windowMs: 60_000 }, ago(2));
		await hit(db, 'login:addr:192.0.2.8', { max: 3, windowMs: 60_000 }, now);
	});
	afterAll(() => database.close());

	it('removes each kind after its term and keeps the rest', async () => {
		const report = await runRetention(db, now);
		const count = async (
			table: typeof s.assignments | typeof s.appointments | typeof s.devices | typeof s.attachments,
			id: string
		) => (await db.select().from(table).where(eq(table.participantId, id))).length;
		// The participant long past the trajectory plus its term: gone entirely.
		expect(await db.select().from(s.participants).where(eq(s.participants.id, longGone))).toEqual([]);
		expect(report.participants).toBe(1);
		// Answers: 30 days after the trajectory (the municipality's term), so the closed one's are gone.
		expect(await count(s.assignments, closed)).toBe(0);
		expect(await count(s.assignments, active)).toBe(1);
		for (const id of [active, closed]) {
			expect(await count(s.appointments, id)).toBe(1);
			expect(await count(s.devices, id)).toBe(1);
			// The unsent recording is past the municipality's 7 days; the one in a message stays with the message.
			expect(await count(s.attachments, id)).toBe(1);
		}
		const actions = (await db.select().from(s.auditLog)).map((a) => a.action);
		expect(actions).not.toContain('old');
		expect(actions).toContain('recent');
		expect(actions).not.toContain('own.coach');
		expect(actions).not.toContain('own.subject');
		expect(actions).not.toContain('own.participant');
		expect(actions).toContain('own.recent');
		// Another municipality's entry and one of no municipality keep the longest term set (730 days by default).
		expect(actions).toContain('other.coach');
		expect(actions).toContain('nobody');
		expect(report.audit).toBe(4);
		// Failed-login addresses only as long as the rate limit needs them.
		const failed = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'coach.login.failed'));
		expect(failed[0]!.details).toEqual({});
		const recent = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'pairing.failed'));
		expect(recent[0]!.details).toEqual({ ip: '192.0.2.8' });
		const limits = (await db.select().from(s.rateLimits)).map((r) => r.key);
		expect(limits).toEqual(['login:addr:192.0.2.8']);
		expect(FAILED_LOGIN_ADDRESS_MS).toBe(DAY);
		// A second run finds nothing more to do.
		const again = await runRetention(db, now);
		expect(Object.values(again).every((n) => n === 0)).toBe(true);
	});
});
