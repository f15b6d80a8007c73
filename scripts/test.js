// `npm test`: type check, lint, build, then every test (unit, database, component, browser) on the build.
// Ends with one summary line "tests: N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { TEST_V8_FLAGS } from './v8-flags.js';

// Like `npm start`, `npm test` runs on the Node 24 that `npm install` puts in node_modules/.bin (scripts/start.js).
if (Number(process.versions.node.split('.')[0]) < 22) {
	console.error(
		`Opstap needs Node.js 24 (this is ${process.version}). Run \`npm test\`. See README.md, "Quick start".`
	);
	process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;
function run(label, command, args) {
	console.log(`\n▶ ${label}`);
	const result = spawnSync(command, args, { stdio: 'inherit' });
	return result.status === 0;
}

/** Runs a step with its output held back, so that steps running side by side print one after the other. */
function runQuietly(label, command, args) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => (output += String(error)));
		child.on('close', (status) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			console.log(`\n▶ ${label} (${seconds} s)${output.trim() ? `\n${output.trimEnd()}` : ''}`);
			resolve(status === 0);
		});
	});
}

if (!run('Sync SvelteKit types', bin('svelte-kit'), ['sync'])) fail('Sync SvelteKit types');
// The checks and the build are independent of each other and mostly single-threaded: on a 2-core runner they take
// half as long two at a time (the type check beside lint and format, then beside the build).
const checks = [
	[
		'Type check (svelte-check)',
		bin('svelte-check'),
		['--tsconfig', './tsconfig.json', '--threshold', 'error']
	],
	['Lint (ESLint)', bin('eslint'), ['.']],
	['Format (Prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
	['Build', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']]
];
const [typeCheck, ...rest] = checks;
const results = await Promise.all([
	runQuietly(...typeCheck),
	(async () => {
		const passed = [];
		for (const step of rest) passed.push(await runQuietly(...step));
		return passed;
	})()
]);
const failed = checks.filter((_, i) => !results.flat()[i]).map(([label]) => label);
if (failed.length) fail(failed.join(', '));

function fail(what) {
	console.log(`\n${what} failed.\ntests: 0 passed, 1 failed`);
	process.exit(1);
}

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
// Vitest on this Node with the tests' V8 flags (scripts/v8-flags.js): its worker threads share the process's V8.
const ok = run('Tests (vitest: unit, database, component, browser)', process.execPath, [
	...TEST_V8_FLAGS,
	'node_modules/vitest/vitest.mjs',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile=${report}`,
	...process.argv.slice(2)
]);
if (existsSync(report)) {
	const r = JSON.parse(readFileSync(report, 'utf8'));
	const skipped = r.numPendingTests + r.numTodoTests;
	console.log(
		`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`
	);
	if (r.numTotalTests === 0) process.exit(1);
}
process.exit(ok ? 0 : 1);
