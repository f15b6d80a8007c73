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
import { DE_JONG_GIERVELD, toXlsx } from '../fixtures/xlsform';
import { researchExport } from '../../src/lib/server/survey/research-export';
import { recordConsent } from '../../src/lib/server/consent';
import { strFromU8, unzipSync } from 'fflate';

describe.each(ENGINES)('an imported XLSForm: answers → scores → coach view → CSV, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let participant: { id: string };
	let assignmentId = '';

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const admin = await makeCoach(database.db, { email: 'beheer@example.nl', role: 'admin' });
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		participant = await makeParticipant(database.db, coach, 'Ahmad', 'ar');
		const converted = await readXlsform(await toXlsx(DE_JONG_GIERVELD));
		if (!converted.ok) throw new Error(JSON.stringify(converted));
		expect(await importDefinition(database.db, admin, converted.definition)).toEqual({
			ok: true,
			questionnaireId: 'eenzaamheid6',
			version: '1.0.0'
		});
		const assigned = await assignModules(database.db, coach, participant.id, {
			questionnaireId: 'eenzaamheid6',
			wave: 'moment',
			moment: '3 maanden'
		});
		if (!assigned.ok) throw new Error(assigned.reason);
		assignmentId = assigned.id;
	});
	afterAll(() => database.close());

	it('shows the scores with their Dutch names once the module is sent, and exports them', async () => {
		const given = {
			leegte: 'ja',
			terugvallen: 'nee',
			vertrouwen: 'minofmeer',
			verbonden: 'ja',
			mis: 'nee',
			steek: 'ja'
		};
		const entries: unknown[] = Object.entries(given).map(([itemId, option]) => ({
			kind: 'answer',
			clientId: randomUUID(),
			assignmentId,
			moduleId: 'eenzaamheid',
			itemId,
			value: { type: 'single', option },
			answeredAt: new Date().toISOString(),
			language: 'ar',
			version: '1.0.0'
		}));
		entries.push({
			kind: 'submit',
			clientId: randomUUID(),
			assignmentId,
			moduleId: 'eenzaamheid',
			submittedAt: new Date().toISOString()
		});
		const results = await applySync(database.db, participant.id, syncBody.parse({ entries }).entries);
		expect(results.map((r) => r.status)).toEqual(entries.map(() => 'stored'));
		const [shown] = (await resultsForCoach(database.db, coach, participant.id))!;
		expect(shown).toMatchObject({
			title: 'Eenzaamheidsschaal (De Jong Gierveld, 6 vragen)',
			moment: '3 maanden'
		});
		expect(shown!.scores).toEqual([
			{ id: 'beantwoord', label: 'beantwoord', value: 6 },
			{ id: 'emotioneel', label: 'Emotionele eenzaamheid (0–3)', value: 2 },
			{ id: 'sociaal', label: 'Sociale eenzaamheid (0–3)', value: 2 },
			{ id: 'totaal', label: 'Eenzaamheid (0–6)', value: 4 },
			{ id: 'eenzaam', label: 'Eenzaam (2 of meer)', value: 'ja' }
		]);
		expect(shown!.modules[0]!.answers[0]).toMatchObject({
			question: 'Ik ervaar een leegte om me heen',
			answer: 'Ja'
		});
		const csv = await exportAnswersCsv(database.db, coach, {
			questionnaireId: 'eenzaamheid6',
			pseudonymise: false
		});
		expect(csv).toContain('Ahmad,eenzaamheid6,1.0.0,moment,,totaal,4,,,,3 maanden,,computed');
		expect(csv).toContain('Ahmad,eenzaamheid6,1.0.0,moment,eenzaamheid,leegte,ja,ar,');
	});

	it('exports for research: one row per participant and moment with item and score columns, and a codebook', async () => {
		// Without research consent nobody is in it.
		const none = await researchExport(database.db, coach, 'eenzaamheid6');
		expect(none!.rows).toBe(0);
		await recordConsent(database.db, participant.id, 'research', 'given');
		// One person at a moment is a group too small to share: left out, and the LEESMIJ says so.
		const alone = await researchExport(database.db, coach, 'eenzaamheid6');
		expect(alone).toMatchObject({ rows: 0, leftOut: 1 });
		expect(strFromU8(unzipSync(alone!.zip)['LEESMIJ.txt']!)).toContain('weggelaten: 1 rijen');
		// Four more answer at the same moment (all "nee") and consent: five, so the moment is in the file.
		for (const name of ['Bram', 'Chen', 'Dilan', 'Eva']) {
			const p = await makeParticipant(database.db, coach, name, 'nl');
			const assigned = await assignModules(database.db, coach, p.id, {
				questionnaireId: 'eenzaamheid6',
				wave: 'moment',
				moment: '3 maanden'
			});
			if (!assigned.ok) throw new Error(assigned.reason);
			const entries = ['leegte', 'terugvallen', 'vertrouwen', 'verbonden', 'mis', 'steek'].map((itemId) => ({
				kind: 'answer',
				clientId: randomUUID(),
				assignmentId: assigned.id,
				moduleId: 'eenzaamheid',
				itemId,
				value: { type: 'single', option: 'nee' },
				answeredAt: new Date().toISOString(),
				language: 'nl',
				version: '1.0.0'
			}));
			entries.push({
				kind: 'submit',
				clientId: randomUUID(),
				assignmentId: assigned.id,
				moduleId: 'eenzaamheid',
				submittedAt: new Date().toISOString()
			} as never);
			await applySync(database.db, p.id, syncBody.parse({ entries }).entries);
			await recordConsent(database.db, p.id, 'research', 'given');
		}
		const result = await researchExport(database.db, coach, 'eenzaamheid6');
		expect(result).toMatchObject({ rows: 5, leftOut: 0 });
		const files = unzipSync(result!.zip);
		const csv = (name: string) =>
			strFromU8(files[name]!)
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n')
				.map((line) => line.split(','));
		const [header, ...rows] = csv('data.csv');
		// Ahmad's row: the only one that answered "ja" to 'leegte'.
		const row = rows.find((r) => r[header!.indexOf('leegte')] === 'ja');
		expect(header!.slice(0, 4)).toEqual(['participant', 'moment', 'wave', 'version']);
		const cell = (name: string) => row![header!.indexOf(name)];
		// Pseudonymised: a code, never the name.
		expect(cell('participant')).toMatch(/^P-[0-9a-f]{10}$/);
		expect(new Set(rows.map((r) => r[0])).size).toBe(5);
		expect(row!.join(',')).not.toContain('Ahmad');
		expect(cell('moment')).toBe('3 maanden');
		expect(cell('leegte')).toBe('ja');
		expect(cell('vertrouwen')).toBe('minofmeer');
		expect(cell('totaal')).toBe('4');
		expect(cell('eenzaam')).toBe('ja');
		// The codebook names every column of the data, with its label and values.
		const codebook = csv('codebook.csv');
		expect(codebook[0]).toEqual(['variable', 'label', 'type', 'values', 'missing']);
		expect(codebook.slice(1).map((r) => r[0])).toEqual(header);
		const leegte = codebook.find((r) => r[0] === 'leegte')!;
		expect(leegte[1]).toBe('Ik ervaar een leegte om me heen');
		expect(leegte[3]).toContain('ja=Ja');
		expect(codebook.find((r) => r[0] === 'totaal')![1]).toBe('Berekende score: Eenzaamheid (0–6)');
		// A questionnaire that does not exist: nothing to export.
		expect(await researchExport(database.db, coach, 'no-such-thing')).toBeNull();
	});
});
