import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { answers, moduleSubmissions, questionnaireDefinitions } from '../../src/lib/server/db/schema';
import { assignModules, assignmentsOf } from '../../src/lib/server/survey/assignments';
import { applySync, syncBody, type SyncEntry } from '../../src/lib/server/survey/sync';

const fixture = JSON.parse(readFileSync('src/lib/survey/fixtures/week.valid.json', 'utf8'));

function answer(
	assignmentId: string,
	itemId: string,
	value: unknown,
	at: string,
	extra: Partial<SyncEntry> = {}
): SyncEntry {
	return syncBody.parse({
		entries: [
			{
				kind: 'answer',
				clientId: randomUUID(),
				assignmentId,
				moduleId: 'week',
				itemId,
				value,
				answeredAt: at,
				language: 'ar',
				version: '1.0.0',
				...extra
			}
		]
	}).entries[0]!;
}

describe.each(ENGINES)('answers reach the server exactly once, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let participant: { id: string };
	let other: { id: string };
	let assignmentId = '';

	beforeAll(async () => {
		database = await freshDatabase(engine);
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		participant = await makeParticipant(database.db, coach, 'Ahmad', 'ar');
		other = await makeParticipant(database.db, coach, 'Henk');
		await database.db
			.insert(questionnaireDefinitions)
			.values({ questionnaireId: fixture.id, version: fixture.version, definition: fixture });
		const assigned = await assignModules(database.db, coach, participant.id, {
			questionnaireId: fixture.id,
			wave: 'T0',
			moduleIds: ['week']
		});
		if (!assigned.ok) throw new Error(assigned.reason);
		assignmentId = assigned.id;
	});
	afterAll(() => database.close());

	const rows = () => database.db.select().from(answers).where(eq(answers.assignmentId, assignmentId));

	it('stores a batch once, however often it is sent', async () => {
		const batch = [
			answer(assignmentId, 'metPeople', { type: 'yesno', value: true }, '2026-11-20T10:00:00Z'),
			answer(assignmentId, 'organised', { type: 'yesno', value: false }, '2026-11-20T10:00:05Z'),
			answer(assignmentId, 'paidWork', { type: 'single', option: 'none' }, '2026-11-20T10:00:09Z')
		];
		const first = await applySync(database.db, participant.id, batch);
		expect(first.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
		for (let retry = 0; retry < 3; retry++) {
			expect((await applySync(database.db, participant.id, batch)).map((r) => r.status)).toEqual([
				'already',
				'already',
				'already'
			]);
		}
		const stored = await rows();
		expect(stored.map((r) => r.itemId).sort()).toEqual(['metPeople', 'organised', 'paidWork']);
		expect(stored.every((r) => r.language === 'ar' && r.version === '1.0.0' && r.verified)).toBe(true);
	});

	it('keeps the newest answer when changes arrive out of order', async () => {
		const newer = answer(assignmentId, 'metPeople', { type: 'yesno', value: false }, '2026-11-20T11:00:00Z');
		const older = answer(assignmentId, 'metPeople', { type: 'yesno', value: true }, '2026-11-20T10:30:00Z');
		expect((await applySync(database.db, participant.id, [newer]))[0]!.status).toBe('stored');
		expect((await applySync(database.db, participant.id, [older]))[0]!.status).toBe('already');
		const metPeople = (await rows()).filter((r) => r.itemId === 'metPeople');
		expect(metPeople).toHaveLength(1);
		expect(metPeople[0]!.value).toEqual({ type: 'yesno', value: false });
	});

	it('rejects an unknown item, an option not in the list, and another person’s assignment', async () => {
		const results = await applySync(database.db, participant.id, [
			answer(assignmentId, 'noSuchItem', { type: 'yesno', value: true }, '2026-11-20T12:00:00Z'),
			answer(assignmentId, 'paidWork', { type: 'single', option: 'lottery' }, '2026-11-20T12:00:01Z'),
			answer(assignmentId, 'organised', { type: 'single', option: 'x' }, '2026-11-20T12:00:02Z')
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(
			await applySync(database.db, other.id, [
				answer(assignmentId, 'organised', { type: 'yesno', value: true }, '2026-11-20T12:00:03Z')
			])
		).toMatchObject([{ status: 'rejected', reason: 'unknown_assignment' }]);
		expect((await rows()).find((r) => r.itemId === 'paidWork')?.value).toEqual({
			type: 'single',
			option: 'none'
		});
	});

	it('keeps an answer given under a version this server does not know, marked for review', async () => {
		const stale = answer(assignmentId, 'unpaidWork', { type: 'yesno', value: true }, '2026-11-20T12:30:00Z', {
			version: '0.9.0'
		});
		expect((await applySync(database.db, participant.id, [stale]))[0]!.status).toBe('stored');
		expect((await rows()).find((r) => r.itemId === 'unpaidWork')).toMatchObject({
			verified: false,
			version: '0.9.0'
		});
	});

	it('stores a taken-back answer as empty, and "send to my coach" once', async () => {
		await applySync(database.db, participant.id, [
			answer(assignmentId, 'organised', null, '2026-11-20T13:00:00Z')
		]);
		expect((await rows()).find((r) => r.itemId === 'organised')?.value).toBeNull();
		const submit = syncBody.parse({
			entries: [
				{
					kind: 'submit',
					clientId: randomUUID(),
					assignmentId,
					moduleId: 'week',
					submittedAt: '2026-11-20T13:01:00Z'
				}
			]
		}).entries;
		expect((await applySync(database.db, participant.id, submit))[0]!.status).toBe('stored');
		expect((await applySync(database.db, participant.id, submit))[0]!.status).toBe('already');
		expect(await database.db.select().from(moduleSubmissions)).toHaveLength(1);
		const [state] = await assignmentsOf(database.db, participant.id);
		expect(Object.keys(state!.submitted)).toEqual(['week']);
		expect(state!.answers.metPeople?.value).toEqual({ type: 'yesno', value: false });
	});

	it('refuses a module that was not assigned', async () => {
		const entry = answer(
			assignmentId,
			'lifeSatisfaction',
			{ type: 'scale10', value: 7 },
			'2026-11-20T14:00:00Z',
			{ moduleId: 'doing' }
		);
		expect((await applySync(database.db, participant.id, [entry]))[0]).toMatchObject({ status: 'rejected' });
	});
});

describe('the sync request is checked at the boundary', () => {
	it('rejects malformed batches with a reason', () => {
		expect(syncBody.safeParse({ entries: [] }).success).toBe(false);
		expect(syncBody.safeParse({ entries: [{ kind: 'answer', clientId: 'nope' }] }).success).toBe(false);
		const bad = syncBody.safeParse({
			entries: [
				{
					kind: 'answer',
					clientId: randomUUID(),
					assignmentId: randomUUID(),
					moduleId: 'week',
					itemId: 'x',
					value: { type: 'yesno', value: 'maybe' },
					answeredAt: 'yesterday',
					language: 'ar',
					version: '1.0.0'
				}
			]
		});
		expect(bad.success).toBe(false);
		if (!bad.success)
			expect(bad.error.issues.map((i) => i.path.join('.'))).toEqual(
				expect.arrayContaining(['entries.0.answeredAt'])
			);
	});
});
