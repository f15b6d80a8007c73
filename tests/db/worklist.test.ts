import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { WorklistQuery, worklist } from '../../src/lib/server/coach/worklist';
import { CASELOAD_COLUMNS, caseloadCsv } from '../../src/lib/server/coach/caseload-export';
import { setCaseStatus } from '../../src/lib/server/coach/caseload';
import { closeTrajectory } from '../../src/lib/server/closure/closure';
import { addNote, followUpDone } from '../../src/lib/server/journal/notes';
import { timelineForCoach } from '../../src/lib/server/journal/timeline';
import {
	appointments,
	assignments,
	auditLog,
	ladderRungs,
	messages,
	moduleSubmissions
} from '../../src/lib/server/db/schema';
import { randomUUID } from 'node:crypto';
import { inboxForCoach } from '../../src/lib/server/messages/coach-view';

const q = (over: Partial<Record<string, string>> = {}) => WorklistQuery.parse(over);
const NOW = new Date('2026-11-25T10:00:00Z');
const DAY = 86_400_000;

describe.each(ENGINES)('the caseload as a working list and the contact journal, on %s', (engine) => {
	let database: Database;
	let anna: CoachActor, bram: CoachActor, lead: CoachActor, translator: CoachActor;
	let fatma: { id: string }, fatma2: { id: string }, yonas: { id: string }, henk: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const db = database.db;
		anna = await makeCoach(db, { email: 'anna@example.nl' });
		bram = await makeCoach(db, { email: 'bram@example.nl', teamId: anna.teamId });
		lead = await makeCoach(db, { email: 'lead@example.nl', teamId: anna.teamId, role: 'team_lead' });
		translator = await makeCoach(db, { email: 't@example.nl', teamId: anna.teamId, role: 'translator' });
		fatma = await makeParticipant(db, anna, 'Fatma', 'tr');
		fatma2 = await makeParticipant(db, bram, 'fatma', 'ar');
		yonas = await makeParticipant(db, bram, 'Yonas', 'ti');
		henk = await makeParticipant(db, anna, 'Henk');
		const old = new Date(NOW.getTime() - 60 * DAY);
		const { participants } = await import('../../src/lib/server/db/schema');
		await db.update(participants).set({ createdAt: old }).where(eq(participants.id, henk.id));
		// Fatma: a no-show, a next appointment, an unread message, intake 1 of 2 modules sent, rung 2 → 3.
		await db.insert(appointments).values([
			{
				participantId: fatma.id,
				coachId: anna.id,
				type: 'conversation',
				place: 'wijkcentrum',
				startsAt: new Date(NOW.getTime() - 3 * DAY),
				endsAt: new Date(NOW.getTime() - 3 * DAY + 3600_000),
				attendance: 'noShow'
			},
			{
				participantId: fatma.id,
				coachId: anna.id,
				type: 'conversation',
				place: 'wijkcentrum',
				startsAt: new Date(NOW.getTime() + 2 * DAY),
				endsAt: new Date(NOW.getTime() + 2 * DAY + 3600_000)
			},
			{
				participantId: yonas.id,
				coachId: bram.id,
				type: 'homeVisit',
				place: 'home',
				startsAt: new Date(NOW.getTime() - 5 * DAY),
				endsAt: new Date(NOW.getTime() - 5 * DAY + 3600_000),
				attendance: 'attended'
			}
		]);
		await db.insert(messages).values({
			clientId: randomUUID(),
			participantId: fatma.id,
			sender: 'participant',
			kind: 'text',
			body: 'Hoi',
			sentAt: new Date(NOW.getTime() - DAY),
			createdAt: new Date(NOW.getTime() - DAY)
		});
		const [a] = await db
			.insert(assignments)
			.values({
				participantId: fatma.id,
				questionnaireId: 'intake',
				version: '1',
				wave: 'T0',
				moduleIds: ['a', 'b'],
				// A second before the module comes back (its receivedAt is the database's now()): two inserts can fall in
				// the same millisecond, and the timeline's order would then be a toss-up.
				createdAt: new Date(Date.now() - 1000)
			})
			.returning();
		await db
			.insert(moduleSubmissions)
			.values({ assignmentId: a!.id, moduleId: 'a', clientId: randomUUID(), submittedAt: NOW });
		await db.insert(ladderRungs).values([
			{ participantId: fatma.id, rung: 2, source: 'confirmed', createdAt: new Date(NOW.getTime() - 9 * DAY) },
			{ participantId: fatma.id, rung: 3, source: 'corrected', createdAt: new Date(NOW.getTime() - 2 * DAY) }
		]);
	});
	afterAll(() => database.close());

	it('shows status, last contact, next appointment, questionnaire progress, rung move and signals', async () => {
		const rows = await worklist(database.db, anna, q(), NOW);
		expect(rows.map((r) => r.displayName)).toEqual(['Fatma', 'Henk']);
		const f = rows[0]!;
		expect(f.caseStatus).toBe('intake');
		expect(f.lastContact?.toISOString()).toBe(new Date(NOW.getTime() - DAY).toISOString());
		expect(f.nextAppointment?.toISOString()).toBe(new Date(NOW.getTime() + 2 * DAY).toISOString());
		expect(f.questionnaire).toEqual({ questionnaireId: 'intake', wave: 'T0', sent: 1, total: 2 });
		expect([f.previousRung, f.rung]).toEqual([2, 3]);
		expect(f.signals.sort()).toEqual(['newMessage', 'noShow']);
		expect(f.sameName).toBe(true);
		const h = rows[1]!;
		expect(h.signals).toEqual(['notHeardFrom']);
		expect(h.lastContact).toBeNull();
		expect(h.sameName).toBe(false);
	});

	it('searches, filters by status, signal and coach, and sorts', async () => {
		// Bram's "fatma" is told apart from Anna's "Fatma" in the team.
		const bramsFatma = (await worklist(database.db, bram, q(), NOW)).find((r) => r.id === fatma2.id);
		expect(bramsFatma?.sameName).toBe(true);
		// Same name: the newest first, then the older one.
		expect((await worklist(database.db, lead, q({ q: 'fat' }), NOW)).map((r) => r.displayName)).toEqual([
			'fatma',
			'Fatma'
		]);
		expect((await worklist(database.db, lead, q({ signal: 'noShow' }), NOW)).map((r) => r.id)).toEqual([
			fatma.id
		]);
		expect((await worklist(database.db, lead, q({ coach: bram.id }), NOW)).map((r) => r.displayName)).toEqual(
			['fatma', 'Yonas']
		);
		// A plain coach cannot use the coach filter to see someone else's caseload.
		expect((await worklist(database.db, anna, q({ coach: bram.id }), NOW)).map((r) => r.displayName)).toEqual(
			['Fatma', 'Henk']
		);
		expect(
			(await worklist(database.db, lead, q({ sort: 'lastContact' }), NOW)).map((r) => r.displayName)
		).toEqual(['fatma', 'Henk', 'Yonas', 'Fatma']);
		expect((await worklist(database.db, lead, q({ sort: 'nextAppointment' }), NOW))[0]!.displayName).toBe(
			'Fatma'
		);
		// Garbage in the URL falls back to the defaults.
		expect(q({ status: 'nonsense', sort: 'x', coach: 'y' })).toMatchObject({
			status: 'open',
			sort: 'name',
			coach: ''
		});
		expect(await worklist(database.db, translator, q(), NOW)).toEqual([]);
	});

	it('closed participants leave the default view, and are found under "closed"', async () => {
		const close = { closureReason: 'Doelen bereikt', closedOn: '2026-11-25', aftercareMonths: 0 };
		expect(
			(
				await closeTrajectory(
					database.db,
					anna,
					henk.id,
					{ ...close, contractEndsOn: '', closureNote: '', cancelAppointments: false },
					NOW
				)
			).ok
		).toBe(true);
		expect((await worklist(database.db, anna, q(), NOW)).map((r) => r.displayName)).toEqual(['Fatma']);
		expect(
			(await worklist(database.db, anna, q({ status: 'closed' }), NOW)).map((r) => r.displayName)
		).toEqual(['Henk']);
		expect((await worklist(database.db, anna, q({ status: 'all' }), NOW)).length).toBe(2);
		expect(
			await closeTrajectory(
				database.db,
				anna,
				yonas.id,
				{ ...close, contractEndsOn: '', closureNote: '', cancelAppointments: false },
				NOW
			)
		).toEqual({ ok: false, reason: 'not_found' });
		// Closed is left only by reopening: the status select cannot bring it back.
		expect(await setCaseStatus(database.db, anna, henk.id, 'active')).toEqual({
			ok: false,
			reason: 'conflict'
		});
	});

	it('a follow-up date becomes a signal on that day, and goes when done; notes are audited when read', async () => {
		const note = await addNote(database.db, anna, fatma.id, {
			kind: 'homeVisit',
			date: '2026-11-24',
			time: '14:00',
			durationMinutes: 45,
			text: 'Thuis gesproken over de taalcafé',
			followUpOn: '2026-11-27'
		});
		if (!note.ok) throw new Error(note.reason);
		const signals = async (at: Date) =>
			(await worklist(database.db, anna, q({ signal: 'followUpDue' }), at)).map((r) => r.id);
		expect(await signals(NOW)).toEqual([]);
		// 27 November 00:30 in Amsterdam is still 26 November in UTC.
		expect(await signals(new Date('2026-11-26T23:30:00Z'))).toEqual([fatma.id]);
		const timeline = await timelineForCoach(database.db, anna, fatma.id, NOW);
		// The questionnaire was set out and sent back just now (the rows' own clock), the rest before NOW.
		expect(timeline?.map((e) => e.source)).toEqual([
			'questionnaireSent',
			'questionnaireAssigned',
			'note',
			'messages',
			'appointment'
		]);
		expect(timeline?.[2]).toMatchObject({
			kind: 'homeVisit',
			durationMinutes: 45,
			followUpOn: '2026-11-27',
			followUpDone: false,
			coachName: 'anna'
		});
		expect(await timelineForCoach(database.db, bram, fatma.id, NOW)).toBeNull();
		const log = await database.db.select().from(auditLog).where(eq(auditLog.subjectId, fatma.id));
		expect(log.map((e) => e.action)).toContain('journal.viewed');
		expect((await followUpDone(database.db, anna, fatma.id, note.id)).ok).toBe(true);
		expect(await signals(new Date('2026-11-27T10:00:00Z'))).toEqual([]);
		expect(
			await addNote(database.db, translator, fatma.id, {
				kind: 'call',
				date: '2026-11-24',
				time: '',
				durationMinutes: null,
				text: 'x',
				followUpOn: ''
			})
		).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('the inbox shows a voice note with its length, not 0:00', async () => {
		await database.db.insert(messages).values({
			clientId: randomUUID(),
			participantId: fatma.id,
			sender: 'participant',
			kind: 'voice',
			durationMs: 12_400,
			sentAt: new Date()
		});
		const row = (await inboxForCoach(database.db, anna)).find((r) => r.participantId === fatma.id);
		expect(row?.last?.summary).toBe('Gesproken bericht (0:12)');
	});

	it('exports the list as CSV for the case system: the same filters, stable ids, no formulas, audited', async () => {
		// A name a spreadsheet would run as a formula.
		const formula = await makeParticipant(database.db, bram, '=HYPERLINK("http://x")', 'nl');
		const csv = (await caseloadCsv(database.db, lead, q({ status: 'all' }), NOW))!;
		const lines = csv.trimEnd().split('\r\n');
		expect(lines[0]!.split(',')).toEqual([...CASELOAD_COLUMNS]);
		expect(lines).toHaveLength(6);
		const fatmaLine = lines.find((l) => l.startsWith(fatma.id))!;
		expect(fatmaLine).toContain(',Fatma,');
		// Times as Amsterdam local time, "2026-11-25 11:00".
		expect(fatmaLine).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2},/);
		expect(lines.find((l) => l.startsWith(formula.id))).toContain(`"'=HYPERLINK(""http://x"")"`);
		// The list's own filters: only the closed, only one coach's.
		const closed = (await caseloadCsv(database.db, anna, q({ status: 'closed' }), NOW))!;
		expect(
			closed
				.trimEnd()
				.split('\r\n')
				.slice(1)
				.map((l) => l.split(',')[1])
		).toEqual(['Henk']);
		expect(await caseloadCsv(database.db, translator, q(), NOW)).toBeNull();
		const log = await database.db.select().from(auditLog).where(eq(auditLog.action, 'caseload.exported'));
		expect(log.map((l) => (l.details as { rows: number }).rows)).toEqual([5, 1]);
	});
});
