/**
 * Issue 13's round trip: a spreadsheet → its definition → answers given through the engine (as the question screen
 * gives them) → the computed scores → the coach's CSV export, with hints, constraint messages, a decimal with a
 * constraint, a face scale, a yes/no question and a named computation in the spreadsheet.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { applySync, syncBody } from '../../src/lib/server/survey/sync';
import { resultsForCoach } from '../../src/lib/server/survey/results';
import { exportAnswersCsv } from '../../src/lib/server/survey/export';
import { importDefinition } from '../../src/lib/server/survey/definitions';
import { readXlsform } from '../../src/lib/server/survey/xlsform';
import { openModule } from '../../src/lib/survey/client';
import type { Answer, Questionnaire } from '../../src/lib/survey';
import { WEEK_CHECK, toXlsx } from '../fixtures/xlsform';

describe.each(ENGINES)(
	'XLSForm round trip: spreadsheet → definition → answers → scores → CSV, on %s',
	(engine) => {
		let database: Database;
		let coach: CoachActor;
		let participant: { id: string };
		let definition: Questionnaire;
		let assignmentId = '';

		beforeAll(async () => {
			database = await freshDatabase(engine);
			const admin = await makeCoach(database.db, { email: 'beheer@example.nl', role: 'admin' });
			coach = await makeCoach(database.db, { email: 'anna@example.nl' });
			participant = await makeParticipant(database.db, coach, 'Fatima', 'en');
			const converted = await readXlsform(await toXlsx(WEEK_CHECK));
			if (!converted.ok) throw new Error(JSON.stringify(converted));
			definition = converted.definition;
			expect(await importDefinition(database.db, admin, definition)).toEqual({
				ok: true,
				questionnaireId: 'weekcheck',
				version: '1.0.0'
			});
			const assigned = await assignModules(database.db, coach, participant.id, {
				questionnaireId: 'weekcheck',
				wave: 'moment',
				moment: 'week 1'
			});
			if (!assigned.ok) throw new Error(assigned.reason);
			assignmentId = assigned.id;
		});
		afterAll(() => database.close());

		it('takes the answers the engine takes, computes the scores and exports items and scores', async () => {
			// The answers as the question screen gives them: each checked by the engine's client first.
			let session = openModule(definition, 'week', {});
			const refused = session.answer('days', { type: 'number', value: 9 });
			expect(refused.ok).toBe(false);
			const given: [string, Answer][] = [
				['days', { type: 'number', value: 6 }],
				['hours', { type: 'number', value: 8 }],
				['mood', { type: 'faces5', value: 3 }],
				['work', { type: 'yesno', value: false }]
			];
			const entries: unknown[] = [];
			for (const [itemId, answer] of given) {
				const outcome = session.answer(itemId, answer);
				if (!outcome.ok) throw outcome.error;
				for (const change of outcome.changes)
					entries.push({
						kind: 'answer',
						clientId: randomUUID(),
						assignmentId,
						moduleId: 'week',
						itemId: change.itemId,
						value: change.value,
						answeredAt: new Date().toISOString(),
						language: 'en',
						version: definition.version
					});
				session = outcome.module;
			}
			expect(session.review().length).toBe(4);
			entries.push({
				kind: 'submit',
				clientId: randomUUID(),
				assignmentId,
				moduleId: 'week',
				submittedAt: new Date().toISOString()
			});
			const results = await applySync(database.db, participant.id, syncBody.parse({ entries }).entries);
			expect(results.map((r) => r.status)).toEqual(entries.map(() => 'stored'));

			const [shown] = (await resultsForCoach(database.db, coach, participant.id))!;
			expect(shown!.scores).toEqual([
				{ id: 'outside', label: 'Buiten (dagen + gevoel)', value: 9 },
				{ id: 'active', label: 'Actief (4 dagen of meer)', value: 'ja' }
			]);

			const csv = await exportAnswersCsv(database.db, coach, {
				questionnaireId: 'weekcheck',
				pseudonymise: false
			});
			const lines = csv.trimEnd().split('\r\n');
			for (const line of [
				'Fatima,weekcheck,1.0.0,moment,week,days,6,en,',
				'Fatima,weekcheck,1.0.0,moment,week,hours,8,en,',
				'Fatima,weekcheck,1.0.0,moment,week,mood,3,en,',
				'Fatima,weekcheck,1.0.0,moment,week,work,no,en,'
			])
				expect(
					lines.some((l) => l.startsWith(line)),
					line
				).toBe(true);
			expect(lines).toContain('Fatima,weekcheck,1.0.0,moment,,outside,9,,,,week 1,,computed');
			expect(lines).toContain('Fatima,weekcheck,1.0.0,moment,,active,ja,,,,week 1,,computed');
		});
	}
);
