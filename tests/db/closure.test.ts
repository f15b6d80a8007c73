import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import {
	aftercareDone,
	closeTrajectory,
	closureForm,
	finishAftercare,
	reopenTrajectory,
	type ClosureInput
} from '../../src/lib/server/closure/closure';
import { closureForCoach } from '../../src/lib/server/closure/view';
import {
	closureReasons,
	DEFAULT_CLOSURE_REASONS,
	reasonsFromLines
} from '../../src/lib/server/closure/reasons';
import { WorklistQuery, worklist } from '../../src/lib/server/coach/worklist';
import { timelineForCoach } from '../../src/lib/server/journal/timeline';
import { runRetention } from '../../src/lib/server/privacy/retention';
import { participantContext } from '../../src/lib/server/participant/context';
import { aftercareChecks, auditLog, organisations, participants } from '../../src/lib/server/db/schema';
import { addMonths } from '../../src/lib/time/zoned';
import { myData } from '../../src/lib/server/privacy/my-data';
import { appointmentForm } from '../../src/lib/server/appointments/form';
import { appointmentsOfParticipant, pushesOf } from '../../src/lib/server/appointments/coach-view';
import { createAppointment } from '../../src/lib/server/appointments/commands';

const NOW = new Date('2026-11-25T10:00:00Z');
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const CLOSE: ClosureInput = {
	closureReason: 'Betaald werk gevonden',
	closedOn: '2026-11-25',
	aftercareMonths: 6,
	contractEndsOn: '2027-08-31',
	closureNote: 'Werkt 20 uur bij de bakker, contract van 9 maanden.',
	cancelAppointments: false
};

describe('closing a trajectory: the form and the dates', () => {
	const form = closureForm(DEFAULT_CLOSURE_REASONS, '2026-11-25');
	const raw = { closureReason: 'Doelen bereikt', closedOn: '2026-11-25', aftercareMonths: '3' };

	it('takes a reason from the list, today or earlier, a known aftercare length and a later contract end', () => {
		expect(form.safeParse(raw)).toMatchObject({
			success: true,
			data: { aftercareMonths: 3, contractEndsOn: '' }
		});
		const issues = (over: Record<string, string>) => {
			const parsed = form.safeParse({ ...raw, ...over });
			return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		};
		expect(issues({ closureReason: 'Zomaar' })).toEqual(['closureReason: Kies een reden uit de lijst.']);
		expect(issues({ closedOn: '2026-11-26' })).toEqual([
			'closedOn: Afsluiten kan vandaag of eerder, niet in de toekomst.'
		]);
		expect(issues({ closedOn: '2026-02-30' })).toEqual(['closedOn: Vul een bestaande datum in.']);
		expect(issues({ aftercareMonths: '5' })).toEqual(['aftercareMonths: Kies hoe lang de nazorg duurt.']);
		expect(issues({ contractEndsOn: '2026-11-01' })).toEqual([
			'contractEndsOn: Het contract eindigt na de dag van afsluiten.'
		]);
		expect(issues({ contractEndsOn: '2029-01-01' })[0]).toContain('hoogstens twee jaar');
	});

	it('counts months on the calendar, a missing day becoming the month’s last', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
		expect(addMonths('2026-11-25', 12)).toBe('2027-11-25');
	});

	it('a municipality’s own reasons, one per line, replace the defaults', () => {
		expect(reasonsFromLines(' Werk \n\nWerk\nVerhuisd\r\n')).toEqual(['Werk', 'Verhuisd']);
		expect(reasonsFromLines('x'.repeat(81))).toBeNull();
		expect(reasonsFromLines(Array.from({ length: 31 }, (_, i) => `Reden ${i}`).join('\n'))).toBeNull();
	});
});

describe.each(ENGINES)('closure and aftercare, on %s', (engine) => {
	let database: Database;
	let anna: CoachActor, bram: CoachActor, lead: CoachActor, translator: CoachActor;
	let fatma: { id: string }, yonas: { id: string }, henk: { id: string };
	const signalled = async (day: string) =>
		(
			await worklist(
				database.db,
				anna,
				WorklistQuery.parse({ signal: 'aftercareDue', status: 'all' }),
				at(day)
			)
		).map((r) => r.displayName);
	const statusOf = async (id: string) =>
		(await database.db.select().from(participants).where(eq(participants.id, id)))[0]!;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const db = database.db;
		const [municipality] = await db
			.insert(organisations)
			.values({
				kind: 'municipality',
				name: 'Gemeente Test',
				urgentName: 'Gemeente Test',
				urgentPhone: '14 030'
			})
			.returning();
		const [team] = await db
			.insert(organisations)
			.values({ kind: 'team', name: 'Team Noord', parentId: municipality!.id })
			.returning();
		anna = await makeCoach(db, { email: 'anna@example.nl', teamId: team!.id });
		bram = await makeCoach(db, { email: 'bram@example.nl' });
		lead = await makeCoach(db, { email: 'lead@example.nl', teamId: team!.id, role: 'team_lead' });
		translator = await makeCoach(db, { email: 't@example.nl', teamId: team!.id, role: 'translator' });
		fatma = await makeParticipant(db, anna, 'Fatma', 'tr');
		yonas = await makeParticipant(db, anna, 'Yonas', 'ti');
		henk = await makeParticipant(db, anna, 'Henk');
	});
	afterAll(() => database.close());

	it('moves the participant to aftercare with calls after 1, 3 and 6 months and at the contract’s end', async () => {
		const db = database.db;
		expect(await closeTrajectory(db, anna, fatma.id, CLOSE, NOW)).toEqual({
			ok: true,
			status: 'aftercare',
			cancelled: 0
		});
		const p = await statusOf(fatma.id);
		expect(p.caseStatus).toBe('aftercare');
		// Retention waits for the end of aftercare.
		expect(p.trajectoryEndedAt).toBeNull();
		const view = await closureForCoach(db, anna, fatma.id, NOW);
		expect(view!.current).toMatchObject({
			reason: 'Betaald werk gevonden',
			closedOn: '2026-11-25',
			// The contract ends after the six months: aftercare lasts until then.
			aftercareUntil: '2027-08-31',
			contractEndsOn: '2027-08-31'
		});
		expect(view!.current!.checks.map((c) => [c.label, c.dueOn, c.due])).toEqual([
			['Na 1 maand', '2026-12-25', false],
			['Na 3 maanden', '2027-02-25', false],
			['Na 6 maanden', '2027-05-25', false],
			['Einde contract', '2027-08-31', false]
		]);
		// The phone says goodbye; the municipality's number stays.
		expect(await participantContext(db, fatma.id)).toMatchObject({
			closed: 'aftercare',
			urgent: { name: 'Gemeente Test', phone: '14 030' }
		});
		// Closing twice is a conflict, not a second closing.
		expect(await closeTrajectory(db, anna, fatma.id, CLOSE, NOW)).toEqual({ ok: false, reason: 'conflict' });
		const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'participant.closed'));
		expect(audited).toHaveLength(1);
		expect(audited[0]!.details).toMatchObject({
			reason: 'Betaald werk gevonden',
			aftercareUntil: '2027-08-31'
		});
	});

	it('an aftercare call is a signal on its day, and goes when the coach called', async () => {
		const db = database.db;
		expect(await signalled('2026-12-24')).toEqual([]);
		expect(await signalled('2026-12-25')).toEqual(['Fatma']);
		// In the default view (aftercare is not closed) and at the top of the list's signals.
		const row = (await worklist(db, anna, WorklistQuery.parse({}), at('2026-12-25'))).find(
			(r) => r.displayName === 'Fatma'
		);
		expect(row!.signals).toContain('aftercareDue');
		const view = await closureForCoach(db, anna, fatma.id, at('2026-12-25'));
		const first = view!.current!.checks[0]!;
		expect(first.due).toBe(true);
		expect(await aftercareDone(db, anna, fatma.id, first.id, at('2026-12-26'))).toEqual({ ok: true });
		// Again is fine, and keeps the first time.
		expect(await aftercareDone(db, lead, fatma.id, first.id, at('2026-12-27'))).toEqual({ ok: true });
		expect(await signalled('2026-12-28')).toEqual([]);
		const checked = (await closureForCoach(db, anna, fatma.id, at('2026-12-28')))!.current!.checks[0]!;
		expect(checked).toMatchObject({ doneBy: 'anna', doneAt: at('2026-12-26').toISOString() });
		// The next one comes on its own day.
		expect(await signalled('2027-02-25')).toEqual(['Fatma']);
		// Someone else's check, or another participant's: not found.
		expect(await aftercareDone(db, anna, yonas.id, first.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await aftercareDone(db, bram, fatma.id, first.id)).toEqual({ ok: false, reason: 'not_found' });
	});

	it('the journal shows the closing, with its reason and note, and each call', async () => {
		const timeline = await timelineForCoach(database.db, anna, fatma.id, at('2026-12-28'));
		const closing = timeline!.filter((e) => e.source === 'closure' || e.source === 'aftercare');
		expect(closing.map((e) => [e.source, e.kind])).toEqual([
			['aftercare', 'months1'],
			['closure', 'closed']
		]);
		expect(closing[1]!.text).toBe(
			'Betaald werk gevonden\nWerkt 20 uur bij de bakker, contract van 9 maanden.'
		);
		expect(closing[0]!.coachName).toBe('anna');
	});

	it('only a coach or team lead of the participant may close, call or reopen', async () => {
		const db = database.db;
		expect(await closeTrajectory(db, translator, henk.id, CLOSE)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await closeTrajectory(db, bram, henk.id, CLOSE)).toEqual({ ok: false, reason: 'not_found' });
		expect(await reopenTrajectory(db, bram, fatma.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await finishAftercare(db, translator, fatma.id)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await closureForCoach(db, translator, fatma.id)).toBeNull();
		// An open trajectory has no aftercare to finish, nor anything to reopen.
		expect(await finishAftercare(db, anna, henk.id)).toEqual({ ok: false, reason: 'conflict' });
		expect(await reopenTrajectory(db, anna, henk.id)).toEqual({ ok: false, reason: 'conflict' });
		expect((await statusOf(henk.id)).caseStatus).toBe('intake');
	});

	it('without aftercare the trajectory is closed at once, and retention counts from then', async () => {
		const db = database.db;
		// One appointment behind, one to come: closing offers to cancel the one to come.
		const make = async (date: string, now: Date) => {
			const made = await createAppointment(
				db,
				anna,
				henk.id,
				appointmentForm.parse({
					type: 'conversation',
					date,
					startTime: '10:00',
					endTime: '10:45',
					place: 'wijkcentrum',
					remindDayBefore: 'on'
				}),
				now
			);
			if (!('id' in made)) throw new Error(made.error);
			return made.id;
		};
		const past = await make('2026-11-20', at('2026-11-10'));
		const coming = await make('2026-12-03', NOW);
		expect((await closureForCoach(db, lead, henk.id, NOW))!.upcomingAppointments).toBe(1);
		expect(
			closureForm(DEFAULT_CLOSURE_REASONS, '2026-11-25').parse({
				closureReason: 'Doelen bereikt',
				closedOn: '2026-11-25',
				aftercareMonths: '0',
				cancelAppointments: 'true'
			}).cancelAppointments
		).toBe(true);
		const closed = await closeTrajectory(
			db,
			lead,
			henk.id,
			{
				...CLOSE,
				closureReason: 'Verhuisd naar een andere gemeente',
				aftercareMonths: 0,
				contractEndsOn: '',
				cancelAppointments: true
			},
			NOW
		);
		expect(closed).toEqual({ ok: true, status: 'closed', cancelled: 1 });
		// The one to come is off: its reminder is dropped and the phone hears it; the one behind stays as it was.
		const shown = await appointmentsOfParticipant(db, lead, henk.id, NOW);
		expect(shown.map((a) => [a.id, a.cancelledAt !== null])).toEqual([
			[past, false],
			[coming, true]
		]);
		const pushes = await pushesOf(db, coming);
		expect(pushes.filter((j) => j.kind === 'appointmentCancelled').map((j) => j.state)).toEqual(['pending']);
		const reminders = pushes.filter((j) => j.kind === 'appointmentReminder');
		expect(reminders.length).toBeGreaterThan(0);
		expect(reminders.every((j) => j.state === 'cancelled')).toBe(true);
		expect((await closureForCoach(db, lead, henk.id, NOW))!.upcomingAppointments).toBe(0);
		const p = await statusOf(henk.id);
		expect(p.caseStatus).toBe('closed');
		expect(p.trajectoryEndedAt).toEqual(NOW);
		expect(await db.select().from(aftercareChecks).where(eq(aftercareChecks.participantId, henk.id))).toEqual(
			[]
		);
		expect((await participantContext(db, henk.id))!.closed).toBe('closed');
		// Out of the default view, found under "closed".
		const open = await worklist(db, anna, WorklistQuery.parse({}), NOW);
		expect(open.map((r) => r.displayName)).not.toContain('Henk');
		const closedView = await worklist(db, anna, WorklistQuery.parse({ status: 'closed' }), NOW);
		expect(closedView.map((r) => r.displayName)).toEqual(['Henk']);
	});

	it('aftercare ends by itself after its last day (the hourly run), or when the coach finishes it', async () => {
		const db = database.db;
		expect(
			await closeTrajectory(db, anna, yonas.id, { ...CLOSE, aftercareMonths: 3, contractEndsOn: '' }, NOW)
		).toEqual({
			ok: true,
			status: 'aftercare',
			cancelled: 0
		});
		// On the last day still aftercare; the day after, closed: Fatma's runs until August.
		expect((await runRetention(db, at('2027-02-25'))).aftercareEnded).toBe(0);
		const report = await runRetention(db, at('2027-02-26'));
		expect(report.aftercareEnded).toBe(1);
		const y = await statusOf(yonas.id);
		expect(y.caseStatus).toBe('closed');
		expect(y.trajectoryEndedAt).toEqual(at('2027-02-26'));
		expect((await statusOf(fatma.id)).caseStatus).toBe('aftercare');
		// A closed participant's open calls are no signal any more.
		expect(await signalled('2027-02-26')).toEqual(['Fatma']);
		expect((await runRetention(db, at('2027-02-26'))).aftercareEnded).toBe(0);
		const timeline = await timelineForCoach(db, anna, yonas.id, at('2027-03-01'));
		expect(timeline!.filter((e) => e.source === 'closure').map((e) => e.kind)).toEqual(['ended', 'closed']);

		expect(await finishAftercare(db, anna, fatma.id, at('2027-03-01'))).toEqual({ ok: true });
		expect((await statusOf(fatma.id)).trajectoryEndedAt).toEqual(at('2027-03-01'));
		expect(await finishAftercare(db, anna, fatma.id)).toEqual({ ok: false, reason: 'conflict' });
	});

	it('reopening makes the trajectory active again, drops the calls not made, and it can be closed anew', async () => {
		const db = database.db;
		expect(await reopenTrajectory(db, anna, fatma.id, at('2027-03-02'))).toEqual({ ok: true });
		const p = await statusOf(fatma.id);
		expect(p.caseStatus).toBe('active');
		expect(p.trajectoryEndedAt).toBeNull();
		expect((await participantContext(db, fatma.id))!.closed).toBeNull();
		// The call made stays on record; the ones not made are gone.
		const checks = await db.select().from(aftercareChecks).where(eq(aftercareChecks.participantId, fatma.id));
		expect(checks.map((c) => c.kind)).toEqual(['months1']);
		expect(await closureForCoach(db, anna, fatma.id, at('2027-03-02'))).toMatchObject({ current: null });
		const timeline = await timelineForCoach(db, anna, fatma.id, at('2027-03-02'));
		expect(timeline!.filter((e) => e.source === 'closure').map((e) => e.kind)).toEqual([
			'reopened',
			'ended',
			'closed'
		]);
		const again = await closeTrajectory(
			db,
			anna,
			fatma.id,
			{ ...CLOSE, closedOn: '2027-03-02', aftercareMonths: 3, contractEndsOn: '' },
			at('2027-03-02')
		);
		expect(again).toEqual({ ok: true, status: 'aftercare', cancelled: 0 });
		const view = await closureForCoach(db, anna, fatma.id, at('2027-03-02'));
		expect(view!.current!.checks.map((c) => c.dueOn)).toEqual(['2027-04-02', '2027-06-02']);
		// "My data" holds each closing with its calls.
		const mine = await myData(db, fatma.id, 'nl');
		expect(
			mine!.closures.map((c) => [c.closedOn, c.reopenedAt !== null, c.aftercareCalls.map((k) => k.moment)])
		).toEqual([
			['2026-11-25', true, ['months1']],
			['2027-03-02', false, ['months1', 'months3']]
		]);
	});

	it('the municipality’s reasons are the ones offered', async () => {
		const db = database.db;
		expect(await closureReasons(db, anna.teamId)).toEqual(DEFAULT_CLOSURE_REASONS);
		const [team] = await db.select().from(organisations).where(eq(organisations.id, anna.teamId));
		await db
			.update(organisations)
			.set({ closureReasons: ['Werk', 'Verhuisd'] })
			.where(eq(organisations.id, team!.parentId!));
		expect(await closureReasons(db, anna.teamId)).toEqual(['Werk', 'Verhuisd']);
		expect((await closureForCoach(db, lead, fatma.id))!.reasons).toEqual(['Werk', 'Verhuisd']);
		// A team without a municipality above it keeps the defaults.
		expect(await closureReasons(db, bram.teamId)).toEqual(DEFAULT_CLOSURE_REASONS);
	});
});
