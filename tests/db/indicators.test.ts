import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import {
	activities,
	activityRequests,
	appointments,
	checkins,
	closures,
	journalNotes,
	ladderRungs,
	organisations,
	participants
} from '../../src/lib/server/db/schema';
import { indicatorsFor } from '../../src/lib/server/indicators/indicators';
import { indicatorsCsv } from '../../src/lib/server/indicators/csv';
import { INDICATORS_FRESH_MS, keptIndicators } from '../../src/lib/server/indicators/kept';
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
				// As recordRung stores it: with the rung before it (tests/db/survey-results.test.ts).
				await db.insert(ladderRungs).values({
					participantId: p.id,
					rung: moves[1],
					previousRung: moves[0],
					source: 'confirmed',
					createdAt: at(20)
				});
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

	it('what was reached, who took part in activities and how many contacts: per coach, small cells hidden', async () => {
		// Everyone so far has been in a trajectory since before the period.
		await db.update(participants).set({ createdAt: at(-60) });
		const [activity] = await db
			.insert(activities)
			.values({
				organisationId: coachB.teamId,
				externalId: 'taalcafe',
				category: 'language',
				title: 'Taalcafé',
				start: '2026-08-01T10:00',
				durationMinutes: 60
			})
			.returning();
		const fresh = async (n: number) => {
			const ids: string[] = [];
			for (let i = 0; i < n; i++)
				ids.push((await makeParticipant(db, coachB, `P${randomBytes(3).toString('hex')}`)).id);
			await db
				.update(participants)
				.set({ createdAt: at(-60) })
				.where(inArray(participants.id, ids));
			return ids;
		};
		// Six of coach B's people reached paid work (trede 5) in the period.
		for (const id of await fresh(6))
			await db
				.insert(ladderRungs)
				.values({ participantId: id, rung: 5, source: 'confirmed', createdAt: at(30) });
		// Six took part: three asked for an activity on the phone, three went along with the coach (a contact too).
		const along = await fresh(6);
		for (const [i, id] of along.entries()) {
			if (i < 3)
				await db.insert(activityRequests).values({
					participantId: id,
					activityId: activity!.id,
					kind: 'try',
					clientId: randomUUID(),
					at: at(40)
				});
			else
				await db
					.insert(journalNotes)
					.values({ participantId: id, coachId: coachB.id, kind: 'activityAlong', at: at(40), text: '' });
		}
		// Five had 3 contacts each: two calls and an appointment they came to; a talk with another professional and
		// an appointment they missed do not count.
		for (const id of await fresh(5)) {
			for (const kind of ['call', 'call', 'professional'] as const)
				await db
					.insert(journalNotes)
					.values({ participantId: id, coachId: coachB.id, kind, at: at(50), text: '' });
			for (const attendance of ['attended', 'noShow'] as const)
				await db.insert(appointments).values({
					participantId: id,
					coachId: coachB.id,
					type: 'meeting',
					place: 'office',
					startsAt: at(55),
					endsAt: at(55),
					attendance
				});
		}
		// Someone whose trajectory ended before the period is not among those counted.
		const [gone] = await fresh(1);
		await db
			.update(participants)
			.set({ trajectoryEndedAt: at(-1) })
			.where(inArray(participants.id, [gone!]));

		const result = (await indicatorsFor(db, lead, FROM, TO, NOW))!;
		const find = (id: string) => result.tables.find((t) => t.id === id)!;
		const b = find('reached').groups.indexOf(coachB.name);
		// Reached: 6 paid; Coach B's earlier person got trede 2 (a small cell), nobody trede 4.
		const a = find('reached').groups.indexOf(coachA.name);
		// Reached: coach B's 6 at paid work; coach A's 8 still at trede 3 or lower, and coach B's earlier one (trede 2):
		// 9 in all. Coach B's single one and every zero are small cells, and the lead's empty row hides its partners.
		expect(find('reached').cells[b]![0]).toBe(6);
		expect(find('reached').cells[a]).toEqual([null, null, 8]);
		expect(find('reached').columnTotals[2]).toBe(9);
		expect(find('reached').total).toBe(15);
		// In a trajectory in the period: coach A's 20 + 10 closed in it or after; coach B's 12 + 6 + 6 + 5 = 29, not
		// the one whose trajectory ended before it. Six took part (3 asked on the phone, 3 went along).
		expect(find('activities').rowTotals[a]).toBe(30);
		expect(find('activities').cells[b]![1]).toBe(23);
		expect(find('activities').columnTotals).toEqual([6, 53]);
		expect(find('activities').total).toBe(59);
		// Contacts: coach B's 5 had three (two calls and an attended appointment; the professional and the missed
		// appointment do not count), 3 had one (went along), 21 none; coach A's 30 none.
		expect(find('contacts').cells[a]![0]).toBe(30);
		expect(find('contacts').cells[b]![2]).toBe(5);
		expect(find('contacts').columnTotals[0]).toBe(51);
		expect(find('contacts').cells[b]![1]).toBeNull();
		for (const t of result.tables)
			for (const n of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total])
				if (n !== null) expect(n).toBeGreaterThanOrEqual(5);
	});

	// Last: it adds check-ins that the tests above do not expect.
	it('the page and the CSV show kept counts: at most 10 minutes old, counted again behind them, only for whom may see them', async () => {
		let clock = NOW.getTime();
		const now = () => new Date(clock);
		const from = at(1); // a period of this test's own: nothing is kept for it yet
		const asked = (r: Awaited<ReturnType<typeof keptIndicators>>) =>
			r!.tables.find((t) => t.id === 'response')!.total;
		expect(await keptIndicators(db, coachA, from, TO, now)).toBeNull();
		const first = (await keptIndicators(db, lead, from, TO, now))!;
		expect(first.countedAt.getTime()).toBe(NOW.getTime());
		expect(asked(first)).toBe(32);

		// Five more answered check-ins: within ten minutes the kept count is shown, also to a colleague of the same
		// team and role; the policy officer's scope is counted on its own.
		await people(coachA, 5, 5, 0, []);
		clock += INDICATORS_FRESH_MS - 60_000;
		const lead2 = { ...lead, id: randomUUID() };
		expect(asked(await keptIndicators(db, lead2, from, TO, now))).toBe(32);
		expect(
			(await keptIndicators(db, officer, from, TO, now))!.tables.find((t) => t.id === 'response')!.rowTotals
		).toEqual([37, 30]);

		// Older than ten minutes: shown at once, and counted again behind it for the next view.
		clock += 120_000;
		const stale = (await keptIndicators(db, lead, from, TO, now))!;
		expect(asked(stale)).toBe(32);
		expect(stale.countedAt.getTime()).toBe(NOW.getTime());
		await vi.waitFor(async () => expect(asked(await keptIndicators(db, lead, from, TO, now))).toBe(37));

		// Not looked at for over an hour: counted before it is shown.
		await people(coachA, 5, 5, 0, []);
		clock += 2 * 3600_000;
		const late = (await keptIndicators(db, lead, from, TO, now))!;
		expect(asked(late)).toBe(42);
		expect(late.countedAt.getTime()).toBe(clock);
	});
});
