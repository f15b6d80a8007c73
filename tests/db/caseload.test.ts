import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import {
	addParticipant,
	listCaseload,
	participantForCoach,
	viewParticipant
} from '../../src/lib/server/coach/caseload';
import { auditLog } from '../../src/lib/server/db/schema';

describe.each(ENGINES)('who sees which participants, on %s', (engine) => {
	let database: Database;
	let anna: CoachActor, bram: CoachActor, lead: CoachActor, otherTeam: CoachActor;
	let fatma: { id: string }, yonas: { id: string }, henk: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const db = database.db;
		anna = await makeCoach(db, { email: 'anna@example.nl' });
		bram = await makeCoach(db, { email: 'bram@example.nl', teamId: anna.teamId });
		lead = await makeCoach(db, { email: 'lead@example.nl', teamId: anna.teamId, role: 'team_lead' });
		otherTeam = await makeCoach(db, { email: 'other@example.nl', role: 'team_lead' });
		fatma = await makeParticipant(db, anna, 'Fatma', 'tr');
		yonas = await makeParticipant(db, bram, 'Yonas', 'ti');
		henk = await makeParticipant(db, otherTeam, 'Henk');
	});
	afterAll(() => database.close());

	it('a coach sees only their own participants', async () => {
		expect((await listCaseload(database.db, anna)).map((p) => p.displayName)).toEqual(['Fatma']);
		expect(await participantForCoach(database.db, anna, yonas.id)).toBeNull();
		expect((await participantForCoach(database.db, anna, fatma.id))?.displayName).toBe('Fatma');
	});

	it('a team lead sees the whole team, and no other team', async () => {
		expect((await listCaseload(database.db, lead)).map((p) => p.displayName)).toEqual(['Fatma', 'Yonas']);
		expect(await participantForCoach(database.db, lead, henk.id)).toBeNull();
		expect((await listCaseload(database.db, otherTeam)).map((p) => p.displayName)).toEqual(['Henk']);
	});

	it('a translator or admin cannot add a participant: refused, and nobody is created', async () => {
		for (const role of ['translator', 'admin'] as const) {
			const other = await makeCoach(database.db, { email: `${role}@example.nl`, teamId: anna.teamId, role });
			const before = (await listCaseload(database.db, lead)).length;
			expect(
				await addParticipant(database.db, other, { displayName: 'Niemand', preferredLanguage: 'nl' })
			).toEqual({
				ok: false,
				reason: 'forbidden'
			});
			expect((await listCaseload(database.db, lead)).length).toBe(before);
		}
	});

	it('adding a participant puts them in the coach’s caseload and in the audit log', async () => {
		const added = await addParticipant(database.db, bram, {
			displayName: 'Samira',
			preferredLanguage: 'ar'
		});
		if (!added.ok) throw new Error(added.reason);
		const { id } = added;
		expect((await listCaseload(database.db, bram)).map((p) => p.displayName)).toEqual(['Samira', 'Yonas']);
		expect(await participantForCoach(database.db, anna, id)).toBeNull();
		await viewParticipant(database.db, lead, id);
		const log = await database.db.select().from(auditLog);
		expect(log.filter((e) => e.subjectId === id).map((e) => e.action)).toEqual([
			'participant.added',
			'participant.viewed'
		]);
	});

	it('viewing someone else’s participant returns nothing and logs nothing', async () => {
		const before = (await database.db.select().from(auditLog)).length;
		expect(await viewParticipant(database.db, anna, henk.id)).toBeNull();
		expect((await database.db.select().from(auditLog)).length).toBe(before);
	});
});
