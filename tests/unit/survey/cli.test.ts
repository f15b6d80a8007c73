import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'src/lib/survey/fixtures';

/** Runs the CLI with the Node that runs the tests (24, with type stripping). */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, ['scripts/survey-check.js', ...args], { encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run survey:check', () => {
	it('prints a one-line summary and exits 0 for a valid definition', () => {
		const { status, stdout, stderr } = cli(`${FIXTURES}/week.valid.json`);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout.trim().split('\n')).toEqual([
			'✓ week.valid.json: questionnaire "fixture-week" 1.0.0 is valid (4 modules, 24 items, 3 computed results)'
		]);
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
