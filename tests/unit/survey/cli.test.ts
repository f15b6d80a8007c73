import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toXlsx, WHO5 } from '../../fixtures/xlsform';

const FIXTURES = 'src/lib/survey/fixtures';

/** Runs the CLI with the Node that runs the tests (24, with type stripping). */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, ['scripts/survey-check.js', ...args], { encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run survey:check', () => {
	it('reads an XLSForm spreadsheet, reports coverage per language, and computes the scores of given answers', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'survey-check-'));
		try {
			const file = join(dir, 'who5.xlsx');
			writeFileSync(file, await toXlsx(WHO5));
			const answers = join(dir, 'answers.json');
			// A choice name as text or as a number: both are the name.
			writeFileSync(
				answers,
				JSON.stringify({ cheerful: '5', calm: 4, active: '3', rested: '2', interest: '1' })
			);
			const { status, stdout, stderr } = cli(file, '--answers', answers);
			expect(stderr).toBe('');
			expect(status).toBe(0);
			const lines = stdout.trim().split('\n');
			expect(lines).toContain(
				'✓ who5.xlsx: questionnaire "who5" 1.0.0 is valid (2 modules, 7 items, 3 computed results)'
			);
			expect(lines).toContain('  computed raw: sum(${cheerful}, ${calm}, ${active}, ${rested}, ${interest})');
			expect(lines.some((l) => /^ {2}texts nl: (\d+) of \1 \(default\)$/.test(l))).toBe(true);
			expect(lines.some((l) => l.startsWith('  texts en: '))).toBe(true);
			expect(lines.some((l) => l.includes('onbekend pictogram "no-such-pictogram"'))).toBe(true);
			// The last line: the computed results by name, as JSON.
			expect(JSON.parse(lines.at(-1)!)).toEqual({ raw: 15, percentage: 60, low: 'nee' });

			// A wrong answer or item is named, with exit code 1.
			writeFileSync(answers, JSON.stringify({ cheerful: '9', mood: 3 }));
			const wrong = cli(file, '--answers', answers);
			expect(wrong.status).toBe(1);
			expect(wrong.stderr).toContain('mood: no such item');
			expect(wrong.stderr).toMatch(/cheerful: /);

			// A broken spreadsheet: every problem with sheet, row and column, exit code 1.
			const rows = WHO5.survey.map((row) => [...row]);
			rows[5]![0] = 'select_one nolist';
			writeFileSync(file, await toXlsx({ ...WHO5, survey: rows }));
			const broken = cli(file);
			expect(broken.status).toBe(1);
			expect(broken.stderr.trim().split('\n')).toEqual([
				'blad survey, rij 6, kolom type: keuzelijst "nolist" staat niet op het blad choices',
				'✗ who5.xlsx: 1 error'
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('prints a one-line summary and exits 0 for a valid definition', () => {
		const { status, stdout, stderr } = cli(`${FIXTURES}/week.valid.json`);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		const lines = stdout.trim().split('\n');
		expect(lines[0]).toBe(
			'✓ week.valid.json: questionnaire "fixture-week" 1.0.0 is valid (4 modules, 24 items, 3 computed results)'
		);
		// What it found: each module with its kinds of item, each computed result, where the texts are.
		expect(lines.filter((l) => l.startsWith('  module '))).toHaveLength(4);
		expect(lines.filter((l) => l.startsWith('  computed '))).toHaveLength(3);
		expect(lines.at(-1)).toBe('  texts: keys into locales/ (the definition carries none of its own)');
	});

	it('prints every error with its JSON path and exits 1', () => {
		const { status, stderr } = cli(`${FIXTURES}/references.invalid.json`);
		expect(status).toBe(1);
		const lines = stderr.trim().split('\n');
		expect(lines).toContain('modules[1].items[2].showIf.all[0].item: refers to unknown item "a9"');
		expect(lines.at(-1)).toBe('✗ references.invalid.json: 13 errors');
	});

	it('checks text keys against a locale file, plural forms included', () => {
		const dir = mkdtempSync(join(tmpdir(), 'survey-check-'));
		try {
			const definition = JSON.parse(readFileSync(`${FIXTURES}/week.valid.json`, 'utf8')) as { title: string };
			definition.title = 'survey.fixture.count';
			const file = join(dir, 'week.json');
			writeFileSync(file, JSON.stringify(definition));
			const locale = join(dir, 'nl.json');
			writeFileSync(
				locale,
				JSON.stringify({ survey: { fixture: { count_one: 'één', count_other: 'meer' } } })
			);
			const { status, stderr } = cli(file, '--keys', locale);
			expect(status).toBe(1);
			const lines = stderr.trim().split('\n');
			// The title's key exists only as plural forms, which count as the key.
			expect(lines.filter((line) => line.startsWith('title:'))).toEqual([]);
			expect(stderr).toContain('modules[0].title: text key "survey.fixture.about.title" has no translation');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reads a key ending in _other without a sibling form as itself ("other, namely"), not as a plural', () => {
		const dir = mkdtempSync(join(tmpdir(), 'survey-check-'));
		try {
			const definition = JSON.parse(readFileSync(`${FIXTURES}/week.valid.json`, 'utf8')) as { title: string };
			definition.title = 'survey.fixture.hobbies_other';
			const file = join(dir, 'week.json');
			writeFileSync(file, JSON.stringify(definition));
			const locale = join(dir, 'nl.json');
			writeFileSync(locale, JSON.stringify({ survey: { fixture: { hobbies_other: 'Anders, namelijk' } } }));
			const { stderr } = cli(file, '--keys', locale);
			expect(stderr.split('\n').filter((line) => line.startsWith('title:'))).toEqual([]);
			// …and the plural reading does not invent the key without the suffix.
			definition.title = 'survey.fixture.hobbies';
			writeFileSync(file, JSON.stringify(definition));
			expect(cli(file, '--keys', locale).stderr).toContain(
				'title: text key "survey.fixture.hobbies" has no translation'
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reports a file that is not JSON, and wrong usage', () => {
		const notJson = cli('README.md');
		expect(notJson.status).toBe(1);
		expect(notJson.stderr).toContain('README.md:');
		expect(cli().status).toBe(2);
		expect(cli('--nope').status).toBe(2);
	});
});
