import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import { appointmentForm } from '../../src/lib/server/appointments/form';
import { appointmentsForParticipant } from '../../src/lib/server/appointments/participant-view';
import { appointmentsOfParticipant } from '../../src/lib/server/appointments/coach-view';
import { createAppointment, updateAppointment } from '../../src/lib/server/appointments/commands';
import { storeReply } from '../../src/lib/server/appointments/replies';
import { shownReply } from '../../src/lib/appointments/local';

const form = (fields: Record<string, unknown>) =>
	appointmentForm.parse({
		type: 'conversation',
		date: '2026-12-03',
		startTime: '10:00',
		endTime: '10:45',
		place: 'wijkcentrum',
		remindDayBefore: 'on',
		remindHoursBefore: '2',
		...fields
	});
const NOW = new Date('2026-11-23T12:00:00Z');

describe.each(ENGINES)('a moved appointment asks again, on %s', (engine) => {
	let database: Database;
	afterAll(() => database.close());
	beforeAll(async () => {
		database = await freshDatabase(engine);
	});

	it('"I\'ll come" to the old time no longer counts, for the coach and on the phone; a new reply does', async () => {
		const db = database.db;
		const lotte = await makeCoach(db, { email: 'lotte@test.nl' });
		const ayse = await makeParticipant(db, lotte, 'Ayşe', 'tr');
		const made = await createAppointment(db, lotte, ayse.id, form({}), NOW);
		if (!('id' in made)) throw new Error(made.error);
		const at = new Date(NOW.getTime() + 3600_000);
		await storeReply(db, ayse.id, {
			clientId: randomUUID(),
			at,
			data: { appointmentId: made.id, reply: 'coming', reason: null }
		});
		const coachReply = async () => (await appointmentsOfParticipant(db, lotte, ayse.id, NOW))[0]!.replies[0];
		const phoneReply = async () => (await appointmentsForParticipant(db, ayse.id, 'tr', NOW))[0]!.reply;
		expect((await coachReply())?.reply).toBe('coming');

		// Changing only the address keeps the reply; another time asks again.
		await updateAppointment(
			db,
			lotte,
			made.id,
			form({ address: 'Kerkstraat 2' }),
			new Date(at.getTime() + 1000)
		);
		expect((await phoneReply())?.reply).toBe('coming');
		const movedAt = new Date(at.getTime() + 60_000);
		await updateAppointment(db, lotte, made.id, form({ date: '2026-12-04' }), movedAt);
		expect(await coachReply()).toBeUndefined();
		expect(await phoneReply()).toBeNull();
		const phone = (await appointmentsForParticipant(db, ayse.id, 'tr', NOW))[0]!;
		expect(phone.movedAt).toBe(movedAt.toISOString());
		// A reply still waiting on the phone from before the move is not shown as the answer either.
		const waiting = { reply: 'coming' as const, reason: null, at: at.toISOString() };
		expect(shownReply(null, waiting, phone.movedAt)).toBeNull();
		expect(shownReply(null, waiting, null)).toMatchObject({ reply: 'coming', waiting: true });

		await storeReply(db, ayse.id, {
			clientId: randomUUID(),
			at: new Date(movedAt.getTime() + 60_000),
			data: { appointmentId: made.id, reply: 'cannot', reason: 'ill' }
		});
		expect((await coachReply())?.reply).toBe('cannot');
		expect((await phoneReply())?.reply).toBe('cannot');
	});
});
