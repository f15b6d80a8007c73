// `npm run bench`: what a participant's phone downloads, and how Lighthouse (mobile) rates the participant home.
// Runs the built app on a fresh embedded database, pairs a phone with the printed demo code, then measures:
//   - JavaScript and CSS transferred (gzip) for the participant home and the coach login, first visit, empty cache;
//   - Lighthouse mobile (simulated slow 4G, mid-range phone): performance, accessibility, LCP, TBT, CLS.
// Results go to the console as a table and to bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './server.js';
import { pairPhone } from './phone.js';
import { lightRows } from './light-rows.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

if (!existsSync(CHROME))
	throw new Error(
		`Chromium not found at ${CHROME}: install it (e.g. apt-get install chromium) or set CHROME_PATH`
	);
if (!existsSync('build/index.js') || process.argv.includes('--build')) {
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
	if (r.status !== 0) process.exit(1);
}

const server = await startServer();
const origin = server.origin;
const code = server.code();

const browser = await chromium.launch({
	executablePath: CHROME,
	args: CHROME_FLAGS.filter((f) => f !== '--headless=new')
});

/** Loads a page in a fresh context and adds up what it transferred, by type, gzip-compressed as served. */
async function transferred(path, setup) {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true
	});
	if (setup) await setup(context);
	const page = await context.newPage();
	const sizes = { js: 0, css: 0, font: 0, image: 0, html: 0 };
	const pending = [];
	page.on('response', (response) => {
		pending.push(
			(async () => {
				const url = new URL(response.url());
				if (url.origin !== origin || response.status() !== 200) return;
				const body = await response.body().catch(() => null);
				if (!body) return;
				const type = response.request().resourceType();
				const gz = gzipSync(body, { level: 9 }).length;
				if (type === 'script' || url.pathname.endsWith('.js')) sizes.js += gz;
				else if (type === 'stylesheet' || url.pathname.endsWith('.css')) sizes.css += gz;
				else if (type === 'font')
					sizes.font += body.length; // woff2 is compressed already
				else if (type === 'image') sizes.image += gz;
				else if (type === 'document') sizes.html += gz;
			})()
		);
	});
	await page.goto(origin + path, { waitUntil: 'networkidle' });
	await Promise.all(pending);
	const cookies = await context.cookies();
	await context.close();
	return { sizes, cookies };
}

async function pair(context) {
	const page = await context.newPage();
	await pairPhone(page, origin, code);
	await page.close();
}

let deviceCookie = '';
const home = await transferred('/', async (context) => {
	await pair(context);
	deviceCookie = (await context.cookies()).find((c) => c.name === 'opstap_device').value;
	await context.clearCookies();
	await context.addCookies([{ name: 'opstap_device', value: deviceCookie, url: origin }]);
});
const login = await transferred('/coach/login');
await browser.close();

// Lighthouse, mobile preset (its default): simulated slow 4G and a 4x slower CPU.
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
let lh;
try {
	const result = await lighthouse(`${origin}/`, {
		port: chrome.port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: ['performance', 'accessibility', 'best-practices'],
		extraHeaders: { Cookie: `opstap_device=${deviceCookie}` }
	});
	const a = result.lhr.audits;
	lh = {
		performance: Math.round(result.lhr.categories.performance.score * 100),
		accessibility: Math.round(result.lhr.categories.accessibility.score * 100),
		bestPractices: Math.round(result.lhr.categories['best-practices'].score * 100),
		lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
		fcpMs: Math.round(a['first-contentful-paint'].numericValue),
		tbtMs: Math.round(a['total-blocking-time'].numericValue),
		cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(3))
	};
} finally {
	await chrome.kill();
	await server.stop();
}

// The survey engine and the sync endpoint, each in its own process (see the files for what they do).
const runJson = (file) => {
	const r = spawnSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	if (r.status !== 0) throw new Error(`${file} failed`);
	return JSON.parse(r.stdout.trim().split('\n').at(-1));
};
const engine = runJson('bench/survey-engine.js');
const sync = runJson('bench/sync.js');
const pushes = runJson('bench/push.js');
const activities = runJson('bench/activities.js');
const messages = runJson('bench/messages.js');
const load = runJson('bench/load.js');
const fuzz = runJson('bench/fuzz.js');
const light = runJson('bench/light.js');

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
// Issue 17 (bench/light.js): each figure beside its goal, and the browser's own floor under the times. Lighthouse and
// open times are medians of LIGHT_RUNS (3).
const rows = [
	...lightRows(light),
	['Participant home: JavaScript (gzip)', kb(home.sizes.js)],
	['Participant home: CSS (gzip)', kb(home.sizes.css)],
	['Participant home: HTML (gzip)', kb(home.sizes.html)],
	['Participant home: fonts (woff2)', kb(home.sizes.font)],
	['Participant home: pictograms (gzip)', kb(home.sizes.image)],
	['Coach login: JavaScript (gzip)', kb(login.sizes.js)],
	['Coach login: CSS (gzip)', kb(login.sizes.css)],
	['Lighthouse mobile: performance', String(lh.performance)],
	['Lighthouse mobile: accessibility', String(lh.accessibility)],
	['Lighthouse mobile: best practices', String(lh.bestPractices)],
	['Lighthouse mobile: FCP', `${lh.fcpMs} ms`],
	['Lighthouse mobile: LCP', `${lh.lcpMs} ms`],
	['Lighthouse mobile: TBT', `${lh.tbtMs} ms`],
	['Lighthouse mobile: CLS', String(lh.cls)],
	[
		`Survey engine: ${engine.changes} answer changes (skip logic + computed)`,
		`${engine.totalMs} ms (${engine.perChangeMicros} µs each)`
	],
	[
		`Activities: filter change over ${activities.activities}, phone (CPU 4x slower), median / p95`,
		`${activities.phone4xSlower.filterChange.medianMs} / ${activities.phone4xSlower.filterChange.p95Ms} ms`
	],
	[
		`Activities: opening the list of ${activities.activities} (next dates for all), phone (CPU 4x slower)`,
		`${activities.phone4xSlower.firstMs} ms`
	],
	[
		`Activities: cached list data of ${activities.activities} (JSON / gzip; per activity)`,
		`${kb(activities.list5000.bytes)} / ${kb(activities.list5000.gzipBytes)}; ${activities.list5000.bytesPerActivity} B`
	],
	[
		'Activities: demo list /activities/__data.json (JSON / gzip)',
		`${kb(activities.demo.bytes)} / ${kb(activities.demo.gzipBytes)}`
	],
	[
		"Activities: one activity's own data /activities/[id]/__data.json (JSON / gzip)",
		`${kb(activities.demo.oneActivity.bytes)} / ${kb(activities.demo.oneActivity.gzipBytes)}`
	],
	['Activities: filter and recurrence code on the phone (gzip)', kb(activities.filterCodeGzipBytes)],
	...sync.map((r) => [
		`Sync: answers stored per second, ${r.label}`,
		`${r.answersPerSecond} (${r.requestsPerSecond} requests/s of 50)`
	]),
	...pushes.map((r) => [
		`Push: ${r.pushes} reminders encrypted, signed and dispatched, ${r.label}`,
		`${r.seconds} s (${r.perSecond} per second)`
	]),
	...messages.send.flatMap((r) => [
		[`Messages stored per second, one per request, ${r.label}`, String(r.single.messagesPerSecond)],
		[`Messages stored per second, 20 per request, ${r.label}`, String(r.batch.messagesPerSecond)]
	]),
	[`Voice note of ${messages.voice.seconds} s (Opus/WebM, 24 kbit/s)`, kb(messages.voice.bytes)],
	...load.map((r) => [
		`Load: ${r.phones} phones syncing 5 answers per request without pause, ${r.label}: p50 / p95 / p99`,
		`${r.p50Ms} / ${r.p95Ms} / ${r.p99Ms} ms, ${r.answersPerSecond} answers/s, errors ${r.errorRate} %`
	]),
	[
		`Fuzz: ${fuzz.requests} odd requests (seed ${fuzz.seed}), ${fuzz.seconds} s: server errors / other failures`,
		`${fuzz.serverErrors} / ${fuzz.failures - fuzz.serverErrors}`
	],
	[
		'Fuzz: answers by status',
		Object.entries(fuzz.byStatus)
			.map(([status, n]) => `${status}: ${n}`)
			.join(', ')
	]
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n| ${'measure'.padEnd(width)} | value | goal |\n|${'-'.repeat(width + 2)}|-------|------|`);
for (const [k, v, goal = ''] of rows) console.log(`| ${k.padEnd(width)} | ${v} | ${goal} |`);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
	'bench/results/latest.json',
	JSON.stringify(
		{
			date: new Date().toISOString(),
			home: home.sizes,
			login: login.sizes,
			lighthouse: lh,
			activities,
			load,
			light
		},
		null,
		2
	)
);
process.exit(0);
