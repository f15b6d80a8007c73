import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { checkins, closures, ladderRungs, organisations } from '../../src/lib/server/db/schema';
import { indicatorsFor } from '../../src/lib/server/indicators/indicators';
import { indicatorsCsv } from '../../src/lib/server/indicators/csv';
import { can } from '../../src/lib/server/access/policy';

const DAY = 24 * 3600 * 1000;
const FROM = new Date('2026-08-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');
const NOW = new Date('2026-11-20T00:00:00Z');
const at = (days: number) => new Date(FROM.getTime() + days * DAY);

describe.each(ENGINES)('indicators with small cells suppressed, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let lead: CoachActor;
	let officer: CoachActor;
	let coachA: CoachActor;
	let coachB: CoachActor;

	/** `n` participants of `coach`, each with one check-in in the period: `answered` of them answered, `contact` asking for contact. */
	async function people(
		coach: CoachActor,
		n: number,
		answered: number,
		contact: number,
		ladder: [number, number][]
	) {
		for (let i = 0; i < n; i++) {
			const p = await makeParticipant(db, coach, `P${randomBytes(3).toString('hex')}`);
			const due = at(10 + i);
			await db.insert(checkins).values({
				participantId: p.id,
				dueAt: due,
				remindAt: new Date(due.getTime() + 3 * DAY),
				silentAt: new Date(due.getTime() + 7 * DAY),
				...(i < answered ? { answeredAt: due, face: 3, wantsContact: i < contact } : {})
			});
			const moves = ladder[i];
			if (moves) {
				await db
					.insert(ladderRungs)
					.values({ participantId: p.id, rung: moves[0], source: 'confirmed', createdAt: at(-30) });
				await db
					.insert(ladderRungs)
					.values({ participantId: p.id, rung: moves[1], source: 'confirmed', createdAt: at(20) });
			}
		}
	}

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		const [municipality] = await db
			.insert(organisations)
			.values({ kind: 'municipality', name: 'Gemeente' })
			.returning();
		const [team1] = await db
			.insert(organisations)
			.values({ kind: 'team', name: 'Team Noord', parentId: municipality!.id })
			.returning();
		const [team2] = await db
			.insert(organisations)
			.values({ kind: 'team', name: 'Team Zuid', parentId: municipality!.id })
			.returning();
		lead = await makeCoach(db, { email: `lead-${engine}@i.nl`, role: 'team_lead', teamId: team1!.id });
		officer = await makeCoach(db, {
			email: `officer-${engine}@i.nl`,
			role: 'policy_officer',
			teamId: team2!.id
		});
		coachA = await makeCoach(db, { email: `a-${engine}@i.nl`, teamId: team1!.id });
		coachB = await makeCoach(db, { email: `b-${engine}@i.nl`, teamId: team1!.id });
		const coachC = await makeCoach(db, { email: `c-${engine}@i.nl`, teamId: team2!.id });
		// Coach A: 20 asked, 17 answered (3 not: a small cell), 2 wanting contact. Coach B: 12 asked, 9 answered.
		await people(coachA, 20, 17, 2, [
			[2, 3],
			[2, 3],
			[2, 3],
			[2, 3],
			[2, 3],
			[2, 3],
			[3, 3],
			[4, 3]
		]);
		await people(coachB, 12, 9, 6, [[1, 2]]);
		await people(coachC, 30, 25, 8, []);
		// Closures of coach A: 6 to paid work and 2 moved in the period; one reopened since and one before it: not
		// counted.
		const close = async (reason: string, closedOn: string, reopened = false) => {
			const p = await makeParticipant(db, coachA, `P${randomBytes(3).toString('hex')}`);
			await db.insert(closures).values({
				participantId: p.id,
				coachId: coachA.id,
				reason,
				closedOn,
				reopenedAt: reopened ? at(60) : null
			});
		};
		for (let i = 0; i < 6; i++) await close('Betaald werk gevonden', '2026-09-0' + (i + 1));
		await close('Verhuisd naar een andere gemeente', '2026-10-31');
		await close('Verhuisd naar een andere gemeente', '2026-08-01');
		await close('Betaald werk gevonden', '2026-09-10', true);
		await close('Betaald werk gevonden', '2026-07-31');
	});
	afterAll(async () => {
		await database?.close();
	});

	it('a policy officer sees aggregates only; a coach sees no indicators', async () => {
		expect(can(officer, 'indicators.view')).toBe(true);
		expect(can(officer, 'caseload.view')).toBe(false);
		expect(can(officer, 'participant.manage')).toBe(false);
		expect(await indicatorsFor(db, coachA, FROM, TO, NOW)).toBeNull();
	});

	it('a team lead sees per coach: small cells "<5", with their partners hidden so no total gives them away', async () => {
		const result = (await indicatorsFor(db, lead, FROM, TO, NOW))!;
		expect(result.groupKind).toBe('coach');
		const response = result.tables.find((t) => t.id === 'response')!;
		const a = response.groups.indexOf(coachA.name);
		const b = response.groups.indexOf(coachB.name);
		// Coach A: 17 answered, 3 not → 3 hidden, and 17 with it (else 20 − 17 = 3).
		expect(response.cells[a]).toEqual([null, null]);
		expect(response.rowTotals[a]).toBe(20);
		// Coach B: 9 answered, 3 not → the same.
		expect(response.cells[b]).toEqual([null, null]);
		expect(response.total).toBe(32);
		expect(response.rates[a]).toBeNull();
		// The lead's own row (no participants): zeros are small cells too.
		const own = response.groups.indexOf(lead.name);
		expect(response.rowTotals[own]).toBeNull();
		const ladder = result.tables.find((t) => t.id === 'ladder')!;
		// Coach A: 6 up, 1 same, 1 down.
		expect(ladder.cells[a]![0]).toBe(6);
		expect(ladder.cells[a]!.slice(1)).toEqual([null, null]);
	});

	it('closures per reason, the municipality’s list as columns, small cells hidden', async () => {
		const result = (await indicatorsFor(db, lead, FROM, TO, NOW))!;
		const closed = result.tables.find((t) => t.id === 'closures')!;
		expect(closed.partLabels[0]).toBe('Betaald werk gevonden');
		expect(closed.partLabels).toContain('Verhuisd naar een andere gemeente');
		const a = closed.groups.indexOf(coachA.name);
		expect(closed.cells[a]![0]).toBe(6);
		// The two who moved are a small cell.
		expect(closed.cells[a]![closed.partLabels.indexOf('Verhuisd naar een andere gemeente')]).toBeNull();
		expect(closed.rowTotals[a]).toBe(8);
		expect(closed.rates[a]).toBe(75);
	});

	it('a policy officer sees per team; no indicator and no line of the CSV shows a count under 5', async () => {
		const result = (await indicatorsFor(db, officer, FROM, TO, NOW))!;
		expect(result.groupKind).toBe('team');
		const response = result.tables.find((t) => t.id === 'response')!;
		expect(response.groups).toEqual(['Team Noord', 'Team Zuid']);
		expect(response.rowTotals).toEqual([32, 30]);
		for (const actor of [lead, officer]) {
			const r = (await indicatorsFor(db, actor, FROM, TO, NOW))!;
			for (const t of r.tables) {
				const numbers = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
				for (const n of numbers) if (n !== null) expect(n).toBeGreaterThanOrEqual(5);
			}
			const csv = indicatorsCsv(r).trim().split('\r\n').slice(1);
			expect(csv.length).toBeGreaterThan(10);
			for (const line of csv) {
				const value = line.split(',').at(-1)!;
				expect(value === '<5' || Number(value) >= 5, line).toBe(true);
			}
			// No participant's name in the export.
			expect(indicatorsCsv(r)).not.toMatch(/\bP[0-9a-f]{6}\b/);
		}
	});
});
