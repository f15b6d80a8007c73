/**
 * The shipped instruments as XLSForm spreadsheets (src/lib/survey/definitions/<id>.xlsx, written by
 * `npm run survey:sources`): each reads back, as an upload is read, to exactly its JSON definition, with the texts
 * of locales/<lang>/survey.json in every language, and gives the same scores for the same answers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import {
	computeResults,
	textKeysOf,
	type Answer,
	type AnswerMap,
	type Questionnaire
} from '../../../src/lib/survey';
import { openModule } from '../../../src/lib/survey/client';
import { validateDefinition } from '../../../src/lib/survey/schema';
import { convertXlsform, type Sheet } from '../../../src/lib/survey/parse/xlsform';
import { conditionToRelevant, toXlsform, ToXlsformError } from '../../../src/lib/survey/parse/to-xlsform';
import { LANGUAGES } from '../../../src/lib/i18n/languages';
import { PICTOGRAM_NAMES } from '../../../src/lib/pictograms';

const NAMES = ['intake', 'evaluation', 'coach'] as const;
type Name = (typeof NAMES)[number];
const pictograms = new Set<string>(PICTOGRAM_NAMES);

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8'));
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
	for (const [key, child] of Object.entries(value as object)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (child && typeof child === 'object') flatten(child, path, out);
		else out[path] = String(child);
	}
	return out;
}
const localeTexts = Object.fromEntries(
	LANGUAGES.map((l) => [l.code, flatten(readJson(`locales/${l.code}/survey.json`))])
);
const shipped = (name: Name) => readJson(`src/lib/survey/definitions/${name}.json`) as Questionnaire;

async function sheetsOf(name: Name): Promise<Sheet[]> {
	const read = await readXlsxFile(readFileSync(`src/lib/survey/definitions/${name}.xlsx`));
	return read.map((s) => ({ name: s.sheet, rows: s.data as Sheet['rows'] }));
}

async function converted(name: Name): Promise<Questionnaire> {
	const result = convertXlsform(await sheetsOf(name), { pictograms });
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	expect(result.warnings).toEqual([]);
	return result.definition;
}

/** Answers a module through the engine's client, as the question screen does (each answer checked). */
function answerAll(definition: Questionnaire, given: Record<string, Answer>): AnswerMap {
	let answers: AnswerMap = {};
	for (const module of definition.modules) {
		let session = openModule(definition, module.id, answers);
		for (const item of module.items) {
			const answer = given[item.id];
			if (!answer || !session.items.some((i) => i.id === item.id)) continue;
			const outcome = session.answer(item.id, answer);
			if (!outcome.ok) throw outcome.error;
			session = outcome.module;
		}
		answers = { ...answers, ...session.answers };
	}
	return answers;
}

describe('the shipped instruments as XLSForm spreadsheets', () => {
	it.each(NAMES)('%s.xlsx reads back to exactly %s.json', async (name) => {
		const definition = await converted(name);
		// The JSON format fixes these: `$schema` points editors at the schema, and the shipped texts live in
		// locales/ (checked below), so the JSON has no `texts` and the default language nl is implied.
		const { texts, defaultLanguage, ...rest } = definition;
		const { $schema, ...json } = shipped(name) as Questionnaire & { $schema: string };
		expect($schema).toBe('../schema/questionnaire.schema.json');
		expect(defaultLanguage).toBe('nl');
		expect(texts).toBeDefined();
		expect(rest).toEqual(json);
		expect(validateDefinition(definition, { pictograms }).errors).toEqual([]);
	});

	it.each(NAMES)(
		'%s.xlsx has the texts of locales/<lang>/survey.json in all nine languages',
		async (name) => {
			const { texts } = await converted(name);
			const keys = [...new Set(textKeysOf(shipped(name)).map((k) => k.key))];
			expect(keys.length).toBeGreaterThan(10);
			for (const { code } of LANGUAGES) {
				const expected = Object.fromEntries(keys.map((k) => [k, localeTexts[code]![k]]));
				const got = Object.fromEntries(keys.map((k) => [k, texts?.[code]?.[k]]));
				expect(got, code).toEqual(expected);
			}
		}
	);

	it.each(NAMES)('%s.xlsx is what npm run survey:sources writes now', async (name) => {
		const yesNo = Object.fromEntries(
			LANGUAGES.map((l) => {
				const words = flatten(readJson(`locales/${l.code}/participant.json`));
				return [l.code, { yes: words['answer.yes']!, no: words['answer.no']! }];
			})
		);
		const book = toXlsform(shipped(name), { texts: localeTexts, yesNo });
		const sheets = Object.fromEntries((await sheetsOf(name)).map((s) => [s.name, s.rows]));
		// read-excel-file reads empty cells as null, and a sheet without trailing empty cells.
		for (const sheet of ['survey', 'choices', 'settings'] as const)
			expect(sheets[sheet], sheet).toEqual(book[sheet]);
	});

	it('gives the same scores as the JSON for the same answers (participatieladder, life domains, goal)', async () => {
		const fromSheet = await converted('evaluation');
		const yes: Answer = { type: 'yesno', value: true };
		const face = (value: number): Answer => ({ type: 'faces5', value });
		const given: Record<string, Answer> = {
			metPeople: yes,
			organised: { type: 'multiple', options: ['club'] },
			unpaidWork: yes,
			paidWork: { type: 'single', option: 'withSupport' },
			topDomains: { type: 'rank', options: ['money', 'home'] },
			homeManage: { type: 'faces3', value: 2 },
			homeHappy: face(4),
			moneyManage: { type: 'faces3', value: 1 },
			moneyHappy: face(2),
			goalProgress: { type: 'single', option: 'more' }
		};
		const results = computeResults(fromSheet, answerAll(fromSheet, given));
		expect(results).toEqual(computeResults(shipped('evaluation'), answerAll(shipped('evaluation'), given)));
		expect(results.ladder?.value).toBe(5);
		expect(results.goal?.value).toBe(1);
	});
});

describe('npm run survey:sources', () => {
	it('--check agrees that the checked-in spreadsheets are their JSON and locales', () => {
		const run = spawnSync(process.execPath, ['scripts/survey-sources.js', '--check'], { encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(
			'intake.xlsx, evaluation.xlsx, coach.xlsx: the same as their JSON and locales'
		);
		const wrong = spawnSync(process.execPath, ['scripts/survey-sources.js', '--nonsense'], {
			encoding: 'utf8'
		});
		expect(wrong.status).toBe(2);
	});
});

describe('writing a definition as XLSForm', () => {
	it('refuses what the converter could not read back, naming it, rather than dropping it', () => {
		const definition = structuredClone(shipped('coach'));
		(definition.modules[0]!.items[0] as { audio?: string }).audio = 'clip.referredBy';
		expect(() => toXlsform(definition, { texts: localeTexts })).toThrow(ToXlsformError);
		expect(() => toXlsform(definition, { texts: localeTexts })).toThrow(/referredBy/);
		const item = () => shipped('coach').modules[0]!.items[0];
		expect(() => conditionToRelevant({ item: 'referredBy', op: 'notIn', value: ['other'] }, item)).toThrow(
			/notIn/
		);
	});

	it('writes conditions as relevant expressions that read back the same', () => {
		const items = new Map(shipped('intake').modules.flatMap((m) => m.items.map((i) => [i.id, i])));
		const relevant = (c: Parameters<typeof conditionToRelevant>[0]) =>
			conditionToRelevant(c, (id) => items.get(id));
		expect(
			relevant({
				any: [
					{ item: 'hasDebts', op: 'equals', value: true },
					{ item: 'moneySituation', op: 'in', value: ['debtsGrowing', 'debtsShrinking'] }
				]
			})
		).toBe(
			"${hasDebts} = 'yes' or (${moneySituation} = 'debtsGrowing' or ${moneySituation} = 'debtsShrinking')"
		);
		expect(relevant({ not: { item: 'organised', op: 'includes', value: 'none' } })).toBe(
			"not(selected(${organised}, 'none'))"
		);
	});
});
