import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { asc, eq } from 'drizzle-orm';
import { ladderRungs, questionnaireDefinitions } from '../../src/lib/server/db/schema';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { applySync, syncBody } from '../../src/lib/server/survey/sync';
import { ladderHistory, recordRung, resultsForCoach } from '../../src/lib/server/survey/results';
import { csvField, exportAnswersCsv } from '../../src/lib/server/survey/export';
import { importDefinition } from '../../src/lib/server/survey/definitions';
import { recordConsent } from '../../src/lib/server/consent';

const fixture = JSON.parse(readFileSync('src/lib/survey/fixtures/week.valid.json', 'utf8'));

describe.each(ENGINES)('what the coach sees of the answers, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let stranger: CoachActor;
	let ahmad: { id: string };
	let assignmentId = '';

	const send = (entries: unknown[]) => applySync(database.db, ahmad.id, syncBody.parse({ entries }).entries);
	const answer = (itemId: string, value: unknown, moduleId = 'week') => ({
		kind: 'answer',
		clientId: randomUUID(),
		assignmentId,
		moduleId,
		itemId,
		value,
		answeredAt: new Date().toISOString(),
		language: 'ar',
		version: '1.0.0'
	});

	beforeAll(async () => {
		database = await freshDatabase(engine);
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		ahmad = await makeParticipant(database.db, coach, 'Ahmad', 'ar');
		await database.db
			.insert(questionnaireDefinitions)
			.values({ questionnaireId: fixture.id, version: fixture.version, definition: fixture });
		const assigned = await assignModules(database.db, coach, ahmad.id, {
			questionnaireId: fixture.id,
			wave: 'T0',
			moduleIds: ['week', 'doing']
		});
		if (!assigned.ok) throw new Error(assigned.reason);
		assignmentId = assigned.id;
	});
	afterAll(() => database.close());

	it('shows a module as in progress, without its answers, until the participant sends it', async () => {
		await send([
			answer('metPeople', { type: 'yesno', value: true }),
			answer('organised', { type: 'yesno', value: true })
		]);
		const [q] = (await resultsForCoach(database.db, coach, ahmad.id))!;
		expect(q!.modules.map((m) => [m.id, m.status])).toEqual([
			['week', 'inProgress'],
			['doing', 'notStarted']
		]);
		expect(q!.modules[0]!.answers).toEqual([]);
		expect(q!.derivedRung).toBeNull();
	});

	it('after "send": the answers, and the rung derived from them', async () => {
		await send([
			answer('unpaidWork', { type: 'yesno', value: false }),
			answer('paidWork', { type: 'single', option: 'none' }),
			{
				kind: 'submit',
				clientId: randomUUID(),
				assignmentId,
				moduleId: 'week',
				submittedAt: new Date().toISOString()
			}
		]);
		const [q] = (await resultsForCoach(database.db, coach, ahmad.id))!;
		const week = q!.modules[0]!;
		expect(week.status).toBe('sent');
		expect(week.answers.map((a) => [a.itemId, a.answer])).toEqual(
			expect.arrayContaining([
				['metPeople', 'Ja'],
				['organised', 'Ja'],
				['unpaidWork', 'Nee']
			])
		);
		expect(week.answers.every((a) => a.language === 'ar')).toBe(true);
		expect(q!.derivedRung).toBe(3);
		expect(await resultsForCoach(database.db, stranger, ahmad.id)).toBeNull();
	});

	it('keeps the history of confirmed and corrected rungs', async () => {
		expect(
			await recordRung(database.db, coach, ahmad.id, { rung: 3, derivedRung: 3, assignmentId, note: '' })
		).toBe(true);
		expect(
			await recordRung(database.db, coach, ahmad.id, {
				rung: 2,
				derivedRung: 3,
				assignmentId,
				note: 'taalles gestopt'
			})
		).toBe(true);
		expect(
			await recordRung(database.db, stranger, ahmad.id, {
				rung: 6,
				derivedRung: null,
				assignmentId: null,
				note: ''
			})
		).toBe(false);
		const history = await ladderHistory(database.db, ahmad.id);
		expect(history.map((h) => [h.rung, h.source])).toEqual(
			expect.arrayContaining([
				[3, 'confirmed'],
				[2, 'corrected']
			])
		);
		expect(history).toHaveLength(2);
		// Each rung carries the one before it: the indicators count the move from it (3 → 2: down).
		const rows = await database.db
			.select({ rung: ladderRungs.rung, previous: ladderRungs.previousRung })
			.from(ladderRungs)
			.where(eq(ladderRungs.participantId, ahmad.id))
			.orderBy(asc(ladderRungs.createdAt));
		expect(rows).toEqual([
			{ rung: 3, previous: null },
			{ rung: 2, previous: 3 }
		]);
	});

	it('exports sent answers by item id, with names, or for research with a pseudonym per export and no small groups', async () => {
		const named = await exportAnswersCsv(database.db, coach, { pseudonymise: false });
		const lines = named.trim().split('\r\n');
		expect(lines[0]).toBe(
			'participant,questionnaire,version,wave,module,item,value,language,mode,answered_at,moment,other,kind'
		);
		expect(lines.filter((l) => l.startsWith('Ahmad,fixture-week,1.0.0,T0,week,'))).toHaveLength(4);
		expect(named).toContain(',week,paidWork,none,ar,');
		// The pseudonymised export is for research: without Ahmad's yes to research he is left out (issue 16).
		const withoutConsent = await exportAnswersCsv(database.db, coach, { pseudonymise: true });
		expect(withoutConsent.trim().split('\r\n')).toHaveLength(1);
		await recordConsent(database.db, ahmad.id, 'research', 'given');
		// Alone he is a group of one at his moment: left out, so that nobody can tell it is him.
		const alone = await exportAnswersCsv(database.db, coach, { pseudonymise: true });
		expect(alone.trim().split('\r\n')).toHaveLength(1);
		// Four more people answer the same moment and say yes to research: five, so the moment is in the file.
		const others: string[] = [];
		for (const name of ['Bram', 'Chen', 'Dilan', 'Eva']) {
			const p = await makeParticipant(database.db, coach, name, 'nl');
			others.push(p.id);
			const assigned = await assignModules(database.db, coach, p.id, {
				questionnaireId: fixture.id,
				wave: 'T0',
				moduleIds: ['week']
			});
			if (!assigned.ok) throw new Error(assigned.reason);
			const entry = (itemId: string, value: unknown) => ({
				...answer(itemId, value),
				assignmentId: assigned.id,
				language: 'nl'
			});
			const results = await applySync(
				database.db,
				p.id,
				syncBody.parse({
					entries: [
						entry('metPeople', { type: 'yesno', value: false }),
						{
							kind: 'submit',
							clientId: randomUUID(),
							assignmentId: assigned.id,
							moduleId: 'week',
							submittedAt: new Date().toISOString()
						}
					]
				}).entries
			);
			expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
			await recordConsent(database.db, p.id, 'research', 'given');
		}
		const codesOf = (csv: string) =>
			csv
				.trim()
				.split('\r\n')
				.slice(1)
				.map((l) => l.split(',')[0]!);
		const pseudo1 = await exportAnswersCsv(database.db, coach, { pseudonymise: true });
		const pseudo2 = await exportAnswersCsv(database.db, coach, { pseudonymise: true });
		for (const name of ['Ahmad', 'Bram', 'Chen', 'Dilan', 'Eva']) expect(pseudo1).not.toContain(name);
		expect(codesOf(pseudo1).every((c) => /^P-[0-9a-f]{10}$/.test(c))).toBe(true);
		// One code per person within a file (Ahmad's four rows share his) ...
		expect(new Set(codesOf(pseudo1)).size).toBe(5);
		// ... and a key per export: the next download has other codes, so the two files cannot be linked.
		expect(codesOf(pseudo2).filter((c) => codesOf(pseudo1).includes(c))).toEqual([]);
		// One person withdraws: four left at that moment, so the whole moment leaves the file again.
		await recordConsent(database.db, others[0]!, 'research', 'withdrawn');
		expect(
			(await exportAnswersCsv(database.db, coach, { pseudonymise: true })).trim().split('\r\n')
		).toHaveLength(1);
		await recordConsent(database.db, others[0]!, 'research', 'given');
		// Withdrawn: out of the next research export again; the named export (for the coaching itself) keeps him.
		await recordConsent(database.db, ahmad.id, 'research', 'withdrawn');
		// (only Ahmad answered 'organised'; the other four are now too few for their moment to be in the file at all)
		expect(await exportAnswersCsv(database.db, coach, { pseudonymise: true })).not.toMatch(
			/,week,organised,/
		);
		expect(await exportAnswersCsv(database.db, coach, { pseudonymise: false })).toContain('Ahmad');
		expect(
			(await exportAnswersCsv(database.db, stranger, { pseudonymise: false })).trim().split('\r\n')
		).toHaveLength(1);
	});

	it('an admin imports a new version; a broken definition is refused with its paths', async () => {
		const admin = await makeCoach(database.db, { email: 'admin@example.nl', role: 'admin' });
		expect(await importDefinition(database.db, coach, fixture)).toEqual({ ok: false, reason: 'forbidden' });
		const broken = {
			...fixture,
			version: '1.1.0',
			modules: [{ ...fixture.modules[0], items: [{ ...fixture.modules[0].items[0], type: 'slider' }] }]
		};
		const refused = await importDefinition(database.db, admin, broken);
		expect(refused.ok).toBe(false);
		if (!refused.ok && refused.reason === 'invalid')
			expect(refused.errors[0]!.path.length).toBeGreaterThan(0);
		// The fixture's texts are not Opstap's survey texts, so even the fixture itself is refused for missing keys.
		const missingKeys = await importDefinition(database.db, admin, { ...fixture, version: '1.2.0' });
		expect(missingKeys).toMatchObject({ ok: false, reason: 'invalid' });
	});
});

describe('CSV fields', () => {
	it('quotes separators and defuses spreadsheet formulas', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
	});
});
