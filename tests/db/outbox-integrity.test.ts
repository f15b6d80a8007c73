import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import {
	answers,
	coaches,
	messages,
	moduleSubmissions,
	questionnaireDefinitions
} from '../../src/lib/server/db/schema';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { applyOutbox } from '../../src/lib/server/sync/outbox';
import { sendFromParticipant } from '../../src/lib/server/messages/sending';
import { exportAnswersCsv } from '../../src/lib/server/survey/export';

const fixture = JSON.parse(readFileSync('src/lib/survey/fixtures/week.valid.json', 'utf8'));
const NOW = new Date('2026-11-23T10:00:00Z');

describe.each(ENGINES)('what arrives through the outbox is checked and kept whole, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let ahmad: { id: string };
	let henk: { id: string };
	let assignmentId = '';
	let henksAssignment = '';

	const answer = (itemId: string, value: unknown, extra: Record<string, unknown> = {}) => ({
		kind: 'answer',
		clientId: randomUUID(),
		assignmentId,
		moduleId: 'week',
		itemId,
		value,
		answeredAt: '2026-11-23T09:00:00.000Z',
		language: 'ar',
		version: '1.0.0',
		...extra
	});
	const row = async (itemId: string, assignment = assignmentId) =>
		(
			await database.db
				.select()
				.from(answers)
				.where(and(eq(answers.assignmentId, assignment), eq(answers.itemId, itemId)))
		)[0];

	beforeAll(async () => {
		database = await freshDatabase(engine);
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		ahmad = await makeParticipant(database.db, coach, 'Ahmad', 'ar');
		henk = await makeParticipant(database.db, coach, 'Henk');
		await database.db
			.insert(questionnaireDefinitions)
			.values({ questionnaireId: fixture.id, version: fixture.version, definition: fixture });
		for (const who of [ahmad, henk]) {
			const assigned = await assignModules(database.db, coach, who.id, {
				questionnaireId: fixture.id,
				wave: 'T0',
				moduleIds: ['about', 'week', 'doing']
			});
			if (!assigned.ok) throw new Error(assigned.reason);
			if (who === ahmad) assignmentId = assigned.id;
			else henksAssignment = assigned.id;
		}
	});
	afterAll(() => database.close());

	it('clamps a time from a phone whose clock runs ahead, so later changes still count', async () => {
		const future = answer(
			'metPeople',
			{ type: 'yesno', value: true },
			{ answeredAt: '2031-01-01T00:00:00Z' }
		);
		expect(await applyOutbox(database.db, ahmad.id, [future], NOW)).toEqual([
			{ clientId: future.clientId, status: 'stored' }
		]);
		expect((await row('metPeople'))!.answeredAt).toEqual(NOW);
		const later = new Date(NOW.getTime() + 60_000);
		const change = answer('metPeople', { type: 'yesno', value: false }, { answeredAt: later.toISOString() });
		expect((await applyOutbox(database.db, ahmad.id, [change], later))[0]!.status).toBe('stored');
		expect((await row('metPeople'))!.value).toEqual({ type: 'yesno', value: false });
		// The same change again is still 'already', also with a later server clock.
		expect((await applyOutbox(database.db, ahmad.id, [change], new Date(later.getTime() + 5000)))[0]).toEqual(
			{
				clientId: change.clientId,
				status: 'already'
			}
		);
	});

	it('frees an answer pinned in the future before this rule: the next change replaces it', async () => {
		await database.db
			.update(answers)
			.set({ answeredAt: new Date('2031-01-01T00:00:00Z') })
			.where(and(eq(answers.assignmentId, assignmentId), eq(answers.itemId, 'metPeople')));
		const at = new Date(NOW.getTime() + 120_000);
		const change = answer('metPeople', { type: 'yesno', value: true }, { answeredAt: at.toISOString() });
		expect((await applyOutbox(database.db, ahmad.id, [change], at))[0]!.status).toBe('stored');
		expect(await row('metPeople')).toMatchObject({ value: { type: 'yesno', value: true }, answeredAt: at });
	});

	it('refuses 500 invented items per entry, stores none of them, and exports none', async () => {
		const invented = Array.from({ length: 500 }, (_, i) =>
			answer(`invented${i}`, { type: 'yesno', value: true })
		);
		const results = await applyOutbox(database.db, ahmad.id, invented, NOW);
		expect(results).toHaveLength(500);
		expect(new Set(results.map((r) => (r.status === 'rejected' ? r.reason : r.status)))).toEqual(
			new Set(['unknown_item'])
		);
		// Also under a version this server does not know: the assignment's version decides.
		const unknownVersion = answer('madeUp', { type: 'yesno', value: true }, { version: '9.9.9' });
		expect((await applyOutbox(database.db, ahmad.id, [unknownVersion], NOW))[0]).toMatchObject({
			status: 'rejected',
			reason: 'unknown_item'
		});
		const stored = await database.db.select().from(answers).where(eq(answers.assignmentId, assignmentId));
		expect(stored.some((r) => r.itemId.startsWith('invented') || r.itemId === 'madeUp')).toBe(false);
		expect(await exportAnswersCsv(database.db, coach, { pseudonymise: false })).not.toContain('invented');
	});

	it('checks each answer against its item: module, option ids, value type and range', async () => {
		const entries = [
			answer('paidWork', { type: 'single', option: 'lottery' }), // no such option
			answer('organised', { type: 'single', option: 'none' }), // a yes/no item
			answer('children', { type: 'number', value: 99 }, { moduleId: 'about' }), // 0–15
			answer('lifeSatisfaction', { type: 'scale10', value: 11 }, { moduleId: 'doing' }), // 0–10
			answer('organisedWhat', { type: 'multiple', options: ['sport', 'sport'] }),
			answer('metPeople', { type: 'yesno', value: true }, { moduleId: 'doing' }), // item of another module
			answer('goalProgress', { type: 'single', option: 'start' }, { moduleId: 'goal' }), // module not assigned
			answer('paidWork', { type: 'single', option: 'withSupport' }) // fine
		];
		const results = await applyOutbox(database.db, ahmad.id, entries, NOW);
		expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
			'invalid_option',
			'invalid_value',
			'invalid_value',
			'invalid_value',
			'invalid_option',
			'unknown_item',
			'unknown_module',
			'stored'
		]);
		expect((await row('paidWork'))!.value).toEqual({ type: 'single', option: 'withSupport' });
		expect(await row('children')).toBeUndefined();
	});

	it('refuses a malformed entry by itself; the rest of the batch is stored', async () => {
		const good = answer('caresFor', { type: 'yesno', value: true }, { moduleId: 'about' });
		const bad = { ...answer('unpaidWork', { type: 'yesno', value: 'maybe' }) };
		const unknown = { kind: 'teleport', clientId: randomUUID() };
		const results = await applyOutbox(database.db, ahmad.id, [bad, unknown, good], NOW);
		expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
			'invalid_entry',
			'unknown_kind',
			'stored'
		]);
	});

	it('refuses a clientId reused for another item, another module or by someone else, never a 500', async () => {
		const first = answer('unpaidWork', { type: 'yesno', value: true });
		expect((await applyOutbox(database.db, ahmad.id, [first], NOW))[0]!.status).toBe('stored');
		const sameIdOtherItem = answer('organised', { type: 'yesno', value: true }, { clientId: first.clientId });
		const fine = answer('wantMoreWork', { type: 'frequency', option: 'none' });
		const results = await applyOutbox(database.db, ahmad.id, [sameIdOtherItem, fine], NOW);
		expect(results).toEqual([
			{ clientId: first.clientId, status: 'rejected', reason: 'client_id_reused' },
			{ clientId: fine.clientId, status: 'stored' }
		]);
		// Henk's phone with Ahmad's id, on Henk's own assignment: refused, and nothing of Ahmad's changes.
		const henks = { ...first, assignmentId: henksAssignment, value: { type: 'yesno', value: false } };
		expect(await applyOutbox(database.db, henk.id, [henks], NOW)).toEqual([
			{ clientId: first.clientId, status: 'rejected', reason: 'client_id_reused' }
		]);
		expect((await row('unpaidWork'))!.value).toEqual({ type: 'yesno', value: true });
		expect(await row('unpaidWork', henksAssignment)).toBeUndefined();

		// "Send to my coach" under an answer's id is another table: fine; under another submit's id: refused.
		const submit = {
			kind: 'submit',
			clientId: randomUUID(),
			assignmentId,
			moduleId: 'week',
			submittedAt: '2026-11-23T09:30:00Z'
		};
		expect((await applyOutbox(database.db, ahmad.id, [submit], NOW))[0]!.status).toBe('stored');
		expect((await applyOutbox(database.db, ahmad.id, [submit], NOW))[0]!.status).toBe('already');
		expect(await applyOutbox(database.db, ahmad.id, [{ ...submit, moduleId: 'about' }], NOW)).toMatchObject([
			{ status: 'rejected', reason: 'client_id_reused' }
		]);
		expect(
			await applyOutbox(database.db, henk.id, [{ ...submit, assignmentId: henksAssignment }], NOW)
		).toMatchObject([{ status: 'rejected', reason: 'client_id_reused' }]);
		expect(
			await database.db
				.select()
				.from(moduleSubmissions)
				.where(eq(moduleSubmissions.clientId, submit.clientId))
		).toHaveLength(1);

		// A message id of another participant: refused, not 'already'.
		const message = {
			kind: 'message',
			clientId: randomUUID(),
			at: NOW.toISOString(),
			data: { kind: 'text', text: 'Hallo' }
		};
		expect((await applyOutbox(database.db, ahmad.id, [message], NOW))[0]!.status).toBe('stored');
		expect(await applyOutbox(database.db, henk.id, [message], NOW)).toEqual([
			{ clientId: message.clientId, status: 'rejected', reason: 'client_id_reused' }
		]);
	});

	it('applies a batch in one go: refusals in between roll nothing back, and a second delivery is all "already"', async () => {
		const batch = [
			answer('paidAmount', { type: 'frequency', option: 'little' }),
			answer('ghost', { type: 'yesno', value: true }),
			answer('organisedWhat', { type: 'multiple', options: ['sport', 'course'] }),
			{ kind: 'message', clientId: randomUUID(), at: NOW.toISOString(), data: { kind: 'text', text: ' ' } },
			{
				kind: 'message',
				clientId: randomUUID(),
				at: NOW.toISOString(),
				data: { kind: 'quick', quick: 'ill' }
			}
		];
		const later = new Date(NOW.getTime() + 600_000);
		const first = await applyOutbox(database.db, ahmad.id, batch, later);
		expect(first.map((r) => r.status)).toEqual(['stored', 'rejected', 'stored', 'rejected', 'stored']);
		// Two deliveries of the same batch at once (two server processes), then a third: each entry stored once.
		const [a, b] = await Promise.all([
			applyOutbox(database.db, ahmad.id, batch, later),
			applyOutbox(database.db, ahmad.id, batch, later)
		]);
		for (const again of [a!, b!])
			expect(again.map((r) => r.status)).toEqual(['already', 'rejected', 'already', 'rejected', 'already']);
		const quick = await database.db
			.select()
			.from(messages)
			.where(eq(messages.clientId, (batch[4] as { clientId: string }).clientId));
		expect(quick).toHaveLength(1);
	});

	it('stores the newest of several changes to one item in a batch, and answers the older ones "already"', async () => {
		const at = (minute: number, second = 0) =>
			`2026-11-23T09:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000Z`;
		const happy = (value: number, time: string) =>
			answer('homeHappy', { type: 'faces5', value }, { moduleId: 'doing', answeredAt: time });
		const batch = [
			happy(1, at(10, 1)),
			happy(2, at(10, 3)),
			happy(3, at(10, 2)),
			answer('moneyHappy', { type: 'faces5', value: 4 }, { moduleId: 'doing', answeredAt: at(10) })
		];
		expect((await applyOutbox(database.db, ahmad.id, batch, NOW)).map((r) => r.status)).toEqual([
			'already',
			'stored',
			'already',
			'stored'
		]);
		expect(await row('homeHappy')).toMatchObject({
			value: { type: 'faces5', value: 2 },
			clientId: batch[1]!.clientId,
			answeredAt: new Date(at(10, 3))
		});
		// Again, and twice at once: nothing changes, nothing fails.
		const again = await Promise.all([
			applyOutbox(database.db, ahmad.id, batch, NOW),
			applyOutbox(database.db, ahmad.id, batch, NOW)
		]);
		for (const results of again) expect(results.map((r) => r.status)).toEqual(Array(4).fill('already'));
		expect((await row('homeHappy'))!.clientId).toBe(batch[1]!.clientId);

		// Of changes at the same moment the first wins, as one by one; so does a change from a clock that runs ahead.
		const same = [happy(4, at(20)), happy(5, at(20))];
		expect((await applyOutbox(database.db, ahmad.id, same, NOW)).map((r) => r.status)).toEqual([
			'stored',
			'already'
		]);
		expect((await row('homeHappy'))!.clientId).toBe(same[0]!.clientId);
		const ahead = [happy(1, '2031-01-01T00:00:00.000Z'), happy(2, at(30))];
		expect((await applyOutbox(database.db, ahmad.id, ahead, NOW)).map((r) => r.status)).toEqual([
			'stored',
			'already'
		]);
		expect(await row('homeHappy')).toMatchObject({ clientId: ahead[0]!.clientId, answeredAt: NOW });
	});

	it('answers a batch of new, already stored, reused and refused ids each as one by one', async () => {
		const time = (minute: number) => `2026-11-23T09:${minute}:00.000Z`;
		const stored = answer(
			'moneyManage',
			{ type: 'faces3', value: 1 },
			{ moduleId: 'doing', answeredAt: time(40) }
		);
		expect((await applyOutbox(database.db, ahmad.id, [stored], NOW))[0]!.status).toBe('stored');
		const fresh = answer(
			'homeManage',
			{ type: 'faces3', value: 2 },
			{ moduleId: 'doing', answeredAt: time(41) }
		);
		const reused = { ...fresh, itemId: 'lifeSatisfaction', value: { type: 'scale10', value: 3 } };
		const mixed = [
			answer('lifeSatisfaction', { type: 'scale10', value: 6 }, { moduleId: 'doing', answeredAt: time(41) }),
			stored,
			{ ...stored, itemId: 'homeManage', value: { type: 'faces3', value: 3 } },
			answer('ghost', { type: 'yesno', value: true }),
			fresh,
			answer('lifeSatisfaction', { type: 'scale10', value: 7 }, { moduleId: 'doing', answeredAt: time(42) }),
			{ ...stored, assignmentId: henksAssignment },
			answer('lifeSatisfaction', { type: 'scale10', value: 8 }, { moduleId: 'doing', answeredAt: time(39) })
		];
		expect(await applyOutbox(database.db, ahmad.id, mixed, NOW)).toMatchObject([
			{ status: 'already' },
			{ status: 'already' },
			{ status: 'rejected', reason: 'client_id_reused' },
			{ status: 'rejected', reason: 'unknown_item' },
			{ status: 'stored' },
			{ status: 'stored' },
			{ status: 'rejected', reason: 'unknown_assignment' },
			{ status: 'already' }
		]);
		expect(await row('lifeSatisfaction')).toMatchObject({ value: { type: 'scale10', value: 7 } });
		expect(await row('homeManage')).toMatchObject({ clientId: fresh.clientId });
		// The id is now held by homeManage: on another item it is refused, in the same batch as a change of homeManage
		// too (which, one by one, comes after it).
		expect(
			await applyOutbox(database.db, ahmad.id, [
				reused,
				answer('homeManage', { type: 'faces3', value: 3 }, { moduleId: 'doing', answeredAt: time(43) })
			])
		).toMatchObject([{ status: 'rejected', reason: 'client_id_reused' }, { status: 'stored' }]);
		// One by one, a change that replaces the row an id holds frees the id for what follows in the batch.
		const replacing = answer(
			'moneyManage',
			{ type: 'faces3', value: 2 },
			{ moduleId: 'doing', answeredAt: time(44) }
		);
		const movedId = {
			...stored,
			itemId: 'moneyHappy',
			value: { type: 'faces5', value: 5 },
			answeredAt: time(44)
		};
		expect(await applyOutbox(database.db, ahmad.id, [replacing, movedId], NOW)).toMatchObject([
			{ status: 'stored' },
			{ status: 'stored' }
		]);
		// The same id twice in one batch: stored once, then 'already'.
		const twice = answer(
			'homeManage',
			{ type: 'faces3', value: 1 },
			{ moduleId: 'doing', answeredAt: time(45) }
		);
		expect((await applyOutbox(database.db, ahmad.id, [twice, twice], NOW)).map((r) => r.status)).toEqual([
			'stored',
			'already'
		]);
		expect(await row('homeManage')).toMatchObject({ clientId: twice.clientId });
	});

	it('sends the out-of-hours reply once, also for 20 messages at the same moment', async () => {
		await database.db
			.update(coaches)
			.set({
				workingHours: { 1: ['09:00', '17:00'] },
				autoReplyOn: true,
				autoReplyText: 'Ik werk nu niet.'
			})
			.where(eq(coaches.id, coach.id));
		const evening = new Date('2026-11-23T19:00:00Z'); // Monday 20:00 in Amsterdam
		const autos = async (who: { id: string }) =>
			(await database.db.select().from(messages).where(eq(messages.participantId, who.id))).filter(
				(m) => m.auto
			).length;
		// Straight from the area (the form without JavaScript) …
		await Promise.all(
			Array.from({ length: 20 }, () =>
				sendFromParticipant(
					database.db,
					henk.id,
					{ clientId: randomUUID(), at: evening, data: { kind: 'text', text: 'Hoi' } },
					evening
				)
			)
		);
		expect(await autos(henk)).toBe(1);
		// … and through 20 outbox batches at once.
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				applyOutbox(
					database.db,
					ahmad.id,
					[
						{
							kind: 'message',
							clientId: randomUUID(),
							at: evening.toISOString(),
							data: { kind: 'text', text: 'Hoi' }
						}
					],
					evening
				)
			)
		);
		expect(results.every((r) => r[0]!.status === 'stored')).toBe(true);
		expect(await autos(ahmad)).toBe(1);
		// Twelve hours later (and still outside working hours) the next one goes.
		const nextDay = new Date(evening.getTime() + 12 * 3600_000 + 60_000); // Tuesday 08:01
		await applyOutbox(
			database.db,
			ahmad.id,
			[
				{
					kind: 'message',
					clientId: randomUUID(),
					at: nextDay.toISOString(),
					data: { kind: 'text', text: 'Hoi' }
				}
			],
			nextDay
		);
		expect(await autos(ahmad)).toBe(2);
	});
});
