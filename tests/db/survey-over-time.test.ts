import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import { installBuiltInDefinitions } from '../../src/lib/server/survey/definitions';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { applySync, syncBody } from '../../src/lib/server/survey/sync';
import { changesOverTime } from '../../src/lib/server/survey/results';
import { currentRung, myQuestions } from '../../src/lib/server/survey/participant-view';
import { recordConsent } from '../../src/lib/server/consent';
import { coachItemsForm, saveCoachItems } from '../../src/lib/server/survey/coach-items';
import { SHIPPED_VERSION } from '../helpers/instruments';

describe.each(ENGINES)('results over time, intake (T0) to evaluation (T1), on %s', (engine) => {
	let database: Database;
	let participantId = '';
	let coach: Awaited<ReturnType<typeof makeCoach>>;

	async function fill(
		questionnaireId: 'intake' | 'evaluation',
		wave: 'T0' | 'T1',
		values: Record<string, unknown>
	) {
		coach ??= await makeCoach(database.db, { email: 'anna@example.nl' });
		if (!participantId) participantId = (await makeParticipant(database.db, coach, 'Samira', 'ar')).id;
		const assigned = await assignModules(database.db, coach, participantId, { questionnaireId, wave });
		if (!assigned.ok) throw new Error(assigned.reason);
		const entries = Object.entries(values).map(([key, value]) => {
			const [moduleId, itemId] = key.split('.');
			return {
				kind: 'answer',
				clientId: randomUUID(),
				assignmentId: assigned.id,
				moduleId,
				itemId,
				value,
				answeredAt: new Date().toISOString(),
				language: 'ar',
				version: SHIPPED_VERSION[questionnaireId]
			};
		});
		const modules = [...new Set(Object.keys(values).map((k) => k.split('.')[0]))];
		for (const moduleId of modules)
			entries.push({
				kind: 'submit',
				clientId: randomUUID(),
				assignmentId: assigned.id,
				moduleId,
				submittedAt: new Date().toISOString()
			} as never);
		const results = await applySync(database.db, participantId, syncBody.parse({ entries }).entries);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
	}

	beforeAll(async () => {
		database = await freshDatabase(engine);
		expect((await installBuiltInDefinitions(database.db)).sort()).toEqual([
			'coach@1.0.0',
			`evaluation@${SHIPPED_VERSION.evaluation}`,
			`intake@${SHIPPED_VERSION.intake}`
		]);
		// Installed once: a start on a database that has them adds nothing (an installed version never changes).
		expect(await installBuiltInDefinitions(database.db)).toEqual([]);
	});
	afterAll(() => database.close());

	it('shows the intake alone as "now", with the nine domains as axes', async () => {
		await fill('intake', 'T0', {
			'myWeek.metPeople': { type: 'yesno', value: true },
			'myWeek.unpaidWork': { type: 'yesno', value: false },
			'myLife.homeManage': { type: 'faces3', value: 1 },
			'myLife.homeHappy': { type: 'faces5', value: 1 },
			'wellbeing.lifeSatisfaction': { type: 'scale10', value: 4 }
		});
		const result = await changesOverTime(database.db, participantId);
		expect(result!.axes).toHaveLength(9);
		expect(result!.before).toBeNull();
		expect(result!.now!.home).toBe(0);
		expect(result!.changes).toEqual([]);
		expect(await currentRung(database.db, participantId)).toBe(2);
	});

	it('after the evaluation: both webs, the changes item by item, and the rung before and now', async () => {
		await fill('evaluation', 'T1', {
			'myWeek.metPeople': { type: 'yesno', value: true },
			'myWeek.unpaidWork': { type: 'yesno', value: true },
			'myLife.homeManage': { type: 'faces3', value: 3 },
			'myLife.homeHappy': { type: 'faces5', value: 5 },
			'wellbeing.lifeSatisfaction': { type: 'scale10', value: 7 }
		});
		const result = await changesOverTime(database.db, participantId);
		expect(result!.before!.home).toBe(0);
		expect(result!.now!.home).toBe(100);
		expect(result!.changes).toEqual([
			expect.objectContaining({ itemId: 'lifeSatisfaction', before: 4, after: 7 }),
			expect.objectContaining({ itemId: 'homeManage', before: 1, after: 3 }),
			expect.objectContaining({ itemId: 'homeHappy', before: 1, after: 5 })
		]);
		expect(result!.rungBefore).toBe(2);
		expect(result!.rungNow).toBe(4);
	});
});

describe.each(ENGINES)('what the coach fills in, on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
		await installBuiltInDefinitions(database.db);
	});
	afterAll(() => database.close());

	const form = (fields: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.append(k, v);
		return data;
	};

	it('saves the start items and the 13 aspects, shows them back, and refuses an aspect outside 1–10', async () => {
		const coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		const stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		const { id } = await makeParticipant(database.db, coach, 'Henk');
		const saved = await saveCoachItems(
			database.db,
			coach,
			id,
			'T0',
			form({ interpreterNeeded: 'no', motivation: '7', talent: '4' })
		);
		expect(saved).toEqual({ ok: true, saved: 3 });
		const shown = await coachItemsForm(database.db, coach, id, 'T0');
		const items = shown!.modules.flatMap((m) => m.items);
		expect(items.find((i) => i.id === 'motivation')?.value).toEqual({ type: 'number', value: 7 });
		expect(items.find((i) => i.id === 'interpreterNeeded')?.value).toEqual({ type: 'yesno', value: false });
		expect(await saveCoachItems(database.db, coach, id, 'T0', form({ motivation: '11' }))).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(await saveCoachItems(database.db, stranger, id, 'T0', form({ motivation: '5' }))).toEqual({
			ok: false,
			reason: 'not_found'
		});
		// The coach's items never show up in the participant's "My questions" (who agreed to coaching: else none do).
		await recordConsent(database.db, id, 'coaching', 'given');
		expect(await myQuestions(database.db, id)).toEqual([]);
	});
});
