import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import * as s from '../../src/lib/server/db/schema';
import { audit } from '../../src/lib/server/audit';
import { recordConsent } from '../../src/lib/server/consent';
import { rowsOf } from '../../src/lib/server/security/rate-limit';
import {
	cancelErasure,
	confirmErasure,
	openErasureRequests,
	requestErasure
} from '../../src/lib/server/privacy/erasure';
import { SHIPPED_VERSION } from '../helpers/instruments';

const NAME = 'Erasmus Wisdeelnemer';

/** Every table of the database, from the catalogue (not a list kept by hand: a new table is checked too). */
async function allTables(db: Db): Promise<string[]> {
	const rows = await db.execute(
		sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
	);
	return rowsOf<{ table_name: string }>(rows).map((r) => r.table_name);
}

/** The tables with a participant_id column, from the catalogue. */
async function participantTables(db: Db): Promise<string[]> {
	const rows = await db.execute(
		sql`select c.table_name from information_schema.columns c where c.table_schema = 'public' and c.column_name = 'participant_id'
			and exists (select 1 from information_schema.columns i where i.table_schema = 'public' and i.table_name = c.table_name and i.column_name = 'id')`
	);
	return rowsOf<{ table_name: string }>(rows).map((r) => r.table_name);
}

/** Per table, how many rows hold any of these strings anywhere (the whole row as text). */
async function tablesHolding(db: Db, needles: string[]): Promise<Record<string, number>> {
	const patterns = needles.map((n) => `%${n}%`);
	const found: Record<string, number> = {};
	for (const table of await allTables(db)) {
		const rows = await db.execute(
			sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like any(${sql.raw(
				`array[${patterns.map((p) => `'${p.replace(/'/g, "''")}'`).join(',')}]`
			)})`
		);
		const n = Number(rowsOf<{ n: number }>(rows)[0]?.n ?? 0);
		if (n) found[table] = n;
	}
	return found;
}

describe.each(ENGINES)('erasing a participant leaves nothing of them, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let participantId: string;
	let keptId: string;
	let needles: string[];

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		const coach = await makeCoach(db, { email: 'coach@example.nl' });
		const p = await makeParticipant(db, coach, NAME, 'ar');
		participantId = p.id;
		keptId = (await makeParticipant(db, coach, 'Blijft Bestaan', 'nl')).id;
		const now = new Date();
		// A row in every table that holds something of a participant.
		await db.insert(s.pairingCodes).values({ participantId, codeHash: randomUUID(), expiresAt: now });
		const [device] = await db
			.insert(s.devices)
			.values({ participantId, tokenHash: randomUUID(), label: 'Android' })
			.returning();
		await db.insert(s.pushSubscriptions).values({
			deviceId: device!.id,
			participantId,
			endpoint: `https://push.example/${randomUUID()}`,
			p256dh: 'k',
			auth: 'a'
		});
		await db
			.insert(s.pushJobs)
			.values({ key: `test:${participantId}`, participantId, kind: 'reminder', runAt: now });
		const [assignment] = await db
			.insert(s.assignments)
			.values({
				participantId,
				questionnaireId: 'intake',
				version: SHIPPED_VERSION.intake,
				wave: 'T0',
				moduleIds: ['myWeek']
			})
			.returning();
		await db.insert(s.answers).values({
			assignmentId: assignment!.id,
			itemId: 'metPeople',
			moduleId: 'myWeek',
			value: { type: 'text', value: 'Ik kook met de buren' },
			clientId: randomUUID(),
			answeredAt: now,
			language: 'ar',
			version: SHIPPED_VERSION.intake
		});
		await db
			.insert(s.moduleSubmissions)
			.values({ assignmentId: assignment!.id, moduleId: 'myWeek', clientId: randomUUID(), submittedAt: now });
		await db
			.insert(s.ladderRungs)
			.values({ participantId, assignmentId: assignment!.id, rung: 3, source: 'confirmed' });
		const [file] = await db
			.insert(s.attachments)
			.values({ id: randomUUID(), participantId, mime: 'audio/webm', data: Buffer.from('voice'), bytes: 5 })
			.returning();
		await db.insert(s.messages).values({
			clientId: randomUUID(),
			participantId,
			sender: 'participant',
			kind: 'voice',
			body: 'Hallo coach, ik ben ziek',
			attachmentId: file!.id,
			sentAt: now
		});
		const [appointment] = await db
			.insert(s.appointments)
			.values({
				participantId,
				coachId: coach.id,
				type: 'meeting',
				startsAt: now,
				endsAt: now,
				place: 'office'
			})
			.returning();
		await db.insert(s.appointmentReplies).values({
			appointmentId: appointment!.id,
			participantId,
			clientId: randomUUID(),
			reply: 'coming',
			repliedAt: now
		});
		const [activity] = await db
			.insert(s.activities)
			.values({
				organisationId: coach.teamId,
				externalId: 'a1',
				category: 'koken',
				title: 'Koken',
				start: '2026-12-01T10:00',
				durationMinutes: 60
			})
			.returning();
		await db.insert(s.activityRequests).values({
			participantId,
			activityId: activity!.id,
			kind: 'try',
			clientId: randomUUID(),
			at: now
		});
		await recordConsent(db, participantId, 'research', 'given');
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'participant.viewed', subjectType: 'participant', subjectId: participantId }
		);
		await audit(db, { type: 'participant', id: participantId }, { action: 'messages.downloaded' });
		// What belongs to the participant: their id, the ids of their rows (from the catalogue), their name and words.
		const ids = [participantId];
		for (const table of await participantTables(db)) {
			const rows = await db.execute(
				sql`select id::text as id from ${sql.identifier(table)} where participant_id = ${participantId}`
			);
			// Uuids only: a serial id ("1") would match anything.
			ids.push(
				...rowsOf<{ id: string }>(rows)
					.map((r) => r.id)
					.filter((id) => /^[0-9a-f-]{36}$/.test(id))
			);
		}
		needles = [...ids, NAME, 'Ik kook met de buren', 'Hallo coach, ik ben ziek'];
	});
	afterAll(() => database.close());

	it('finds the participant in every table that holds something of them before (the check can fail)', async () => {
		const before = await tablesHolding(db, needles);
		for (const table of [
			'participants',
			'pairing_codes',
			'devices',
			'push_subscriptions',
			'push_jobs',
			'assignments',
			'answers',
			'module_submissions',
			'ladder_rungs',
			'attachments',
			'messages',
			'appointments',
			'appointment_replies',
			'activity_requests',
			'consent_events',
			'audit_log'
		])
			expect(before[table], table).toBeGreaterThan(0);
	});

	it('needs a second admin: the one who asked cannot confirm', async () => {
		const first = await makeCoach(db, { email: 'admin1@example.nl', role: 'admin' });
		const second = await makeCoach(db, { email: 'admin2@example.nl', role: 'admin' });
		const coach = await makeCoach(db, { email: 'another@example.nl' });
		expect(await requestErasure(db, coach, participantId)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await requestErasure(db, first, randomUUID())).toEqual({ ok: false, reason: 'not_found' });
		expect(await requestErasure(db, first, participantId)).toEqual({ ok: true });
		expect(await requestErasure(db, second, participantId)).toEqual({ ok: false, reason: 'conflict' });
		const [open] = await openErasureRequests(db, second);
		expect(open).toMatchObject({ displayName: NAME, requestedByMe: false });
		expect(await confirmErasure(db, first, open!.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await tablesHolding(db, [participantId])).toHaveProperty('participants');
		expect(await confirmErasure(db, second, open!.id)).toEqual({ ok: true });

		// Nothing of the participant in any table of the catalogue: no row, no file (files live in the database).
		expect(await tablesHolding(db, needles)).toEqual({});
		// What remains: one audit entry without personal data; the other participant is untouched.
		const [entry] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'participant.erased'));
		expect(entry).toMatchObject({ actorId: second.id, subjectId: null });
		expect(entry!.details).toEqual({ reason: 'request', requestedBy: first.id, confirmedBy: second.id });
		expect(await db.select().from(s.participants).where(eq(s.participants.id, keptId))).toHaveLength(1);
		expect(await cancelErasure(db, second, randomUUID())).toBe(false);
	});
});
