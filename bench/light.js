// "Fast on a cheap phone" (issue 17): what the participant's home and first question cost a phone, side by side.
// Runs the built app on a fresh embedded database, pairs a phone, then measures:
//   - HTML as it travels (the server's own compression, Accept-Encoding of Chromium), the stylesheets that block
//     the first paint, and their sum (goal: one round trip, ≤ 14 KB);
//   - JavaScript on the wire for a first visit of the first question (empty cache);
//   - Lighthouse mobile (slow 4G, CPU 4x), simulated and applied throttling: LCP, TBT, CLS of home and first
//     question, median of LIGHT_RUNS (3);
//   - repeat and offline open with the service worker, CPU 4x: navigation start → the root layout mounted;
//   - tap → answer committed in IndexedDB on the first question, CPU 4x: p50 / p95 over LIGHT_TAPS (25) taps;
//   - fonts a Turkish participant downloads for home, questions and the first question;
//   - the same first module as a minimal SurveyJS page (bench/surveyjs/: survey-core + survey-js-ui, built by vite,
//     served brotli/gzip): its JavaScript of a first visit and Lighthouse, alternating with Opstap's runs; the ratio
//     SurveyJS ÷ Opstap of first-visit JavaScript (goal ≥ 3.5×).
// Prints one JSON line (read by bench/run.js); `node bench/light.js --table` also prints each figure beside its goal
// (on stderr).
import http from 'node:http';
import { existsSync, rmSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from './server.js';
import { pairPhone } from './phone.js';
import { startSurveyJsServer } from './surveyjs/page.js';
import { lightRows } from './light-rows.js';
import { bareAnswerWrites, bareTapWrites, startBlankPage } from './floor.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.LIGHT_RUNS ?? 3);
const TAPS = Number(process.env.LIGHT_TAPS ?? 25);
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
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
// What Chromium sends for a page over http://127.0.0.1 (brotli too, since Chromium 118 on plain http loopback).
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const round1 = (n) => Math.round(n * 10) / 10;
// LIGHT_PARTS=bytes,fonts runs only those parts (all by default): bytes, reopen, answer, lighthouse, fonts.
const PARTS = process.env.LIGHT_PARTS?.split(',');
const want = (part) => !PARTS || PARTS.includes(part);

if (!existsSync(CHROME))
	throw new Error(
		`Chromium not found at ${CHROME}: install it (e.g. apt-get install chromium) or set CHROME_PATH`
	);
if (!existsSync('build/index.js'))
	throw new Error('No app build (build/index.js): run `npm run build` first, from the repository root');

/** One GET as a browser would send it: the bytes on the wire, and the body decoded. */
function get(url, cookie, accept = 'text/html') {
	return new Promise((resolve, reject) => {
		const request = http.get(
			url,
			{ headers: { 'accept-encoding': ACCEPT_ENCODING, accept, cookie: cookie ?? '' } },
			(response) => {
				const chunks = [];
				response.on('data', (c) => chunks.push(c));
				response.on('end', () => {
					const raw = Buffer.concat(chunks);
					const encoding = response.headers['content-encoding'];
					const body =
						encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
					resolve({ status: response.statusCode, wire: raw.length, body: body.toString('utf8'), encoding });
				});
			}
		);
		request.on('error', reject);
	});
}

/** HTML plus every stylesheet linked in <head> (render-blocking), as bytes on the wire. */
async function critical(origin, path, cookie) {
	const page = await get(origin + path, cookie);
	if (page.status !== 200) throw new Error(`${path}: ${page.status}`);
	const head = page.body.slice(0, page.body.indexOf('</head>'));
	const links = [...head.matchAll(/<link\b[^>]*>/g)]
		.map((m) => m[0])
		// SvelteKit keeps a disabled link for each inlined stylesheet (for client-side navigation): never fetched.
		.filter((tag) => /rel="stylesheet"/.test(tag) && !/\bdisabled\b/.test(tag))
		.map((tag) => tag.match(/href="([^"]+)"/)[1]);
	let cssWire = 0;
	for (const href of links)
		cssWire += (await get(new URL(href, origin + path).href, cookie, 'text/css')).wire;
	const inlineStyles = [...head.matchAll(/<style\b/g)].length;
	return {
		htmlWire: page.wire,
		htmlBytes: Buffer.byteLength(page.body),
		encoding: page.encoding ?? 'none',
		stylesheets: links.length,
		inlineStyles,
		cssWire,
		criticalWire: page.wire + cssWire
	};
}

const server = await startServer();
// Should a step fail, the app's process and its data directory go with this one (the browsers are Playwright's and
// chrome-launcher's, which end theirs; the SurveyJS server is in this process).
let serverStopped = false;
process.once('exit', () => {
	if (serverStopped) return;
	try {
		process.kill(server.pid, 'SIGTERM');
	} catch {
		// gone already
	}
	rmSync(server.dataDir, { recursive: true, force: true });
});
const origin = server.origin;
// The SurveyJS page of the same module (built into a temporary folder, removed by stop()).
const surveyjs = want('bytes') || want('lighthouse') ? await startSurveyJsServer() : null;
const browser = await chromium.launch({
	executablePath: CHROME,
	args: CHROME_FLAGS.filter((f) => f !== '--headless=new')
});

// Pair a phone and answer the consent screens (as tests/helpers/browser.ts pairPhone does); its cookie is the
// participant for everything below.
const pairing = await browser.newContext(PHONE);
const pairPage = await pairing.newPage();
await pairPhone(pairPage, origin, server.code());
const device = (await pairing.cookies()).find((c) => c.name === 'opstap_device').value;
const cookie = `opstap_device=${device}`;
await pairPage.goto(`${origin}/questions`);
const firstQuestion = await pairPage.locator('.cards a').first().getAttribute('href');
// The first question's item: the tap part stays on it (the module's address alone resumes at the first unanswered).
await pairPage.goto(origin + firstQuestion);
const firstItem = await pairPage.locator('form[action="?/answer"] input[name=itemId]').inputValue();
await pairing.close();

const pages = { home: '/', firstQuestion };

async function phoneContext() {
	const context = await browser.newContext(PHONE);
	await context.addCookies([{ name: 'opstap_device', value: device, url: origin }]);
	return context;
}
/** How long a finger rests on the screen in a tap. */
const TAP_HOLD_MS = 80;

/** A tap on an element, as a finger makes it: press, rest, release (plain input events: see the tap part). */
async function tapOn(page, locator) {
	await locator.scrollIntoViewIfNeeded();
	const box = await locator.boundingBox();
	if (!box) throw new Error('nothing to tap on the screen');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(TAP_HOLD_MS);
	await page.mouse.up();
}

async function slowCpu(context, page) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	return cdp;
}

/**
 * JavaScript of a first visit (empty cache): bytes on the wire (as the server compressed them for Chromium), the same
 * files gzip -9 (as the issue measured), uncompressed, and how many files.
 */
async function firstVisitJs(context, url) {
	const page = await context.newPage();
	const js = { jsWire: 0, jsGzip: 0, jsBytes: 0, jsFiles: 0 };
	const files = [];
	const pending = [];
	page.on('requestfinished', (request) => {
		if (request.resourceType() !== 'script') return;
		pending.push(
			(async () => {
				const sizes = await request.sizes();
				const body = await (await request.response())?.body().catch(() => null);
				js.jsWire += sizes.responseBodySize;
				js.jsFiles++;
				files.push({ file: new URL(request.url()).pathname, wire: sizes.responseBodySize });
				if (body) {
					js.jsBytes += body.length;
					js.jsGzip += gzipSync(body, { level: 9 }).length;
				}
			})()
		);
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await Promise.all(pending);
	await context.close();
	// LIGHT_FILES=1: each script of the first visit by its bytes on the wire, to see where the JavaScript goes.
	if (process.env.LIGHT_FILES)
		console.error(
			url,
			files.sort((a, b) => b.wire - a.wire)
		);
	return js;
}

// Bytes: HTML and render-blocking CSS on the wire; JavaScript of a first visit (empty cache).
const bytes = {};
for (const [name, path] of want('bytes') ? Object.entries(pages) : []) {
	bytes[name] = await critical(origin, path, cookie);
	Object.assign(bytes[name], await firstVisitJs(await phoneContext(), origin + path));
}
if (want('bytes') && surveyjs) {
	bytes.surveyjs = await critical(surveyjs.origin, '/');
	Object.assign(bytes.surveyjs, await firstVisitJs(await browser.newContext(PHONE), surveyjs.url));
}

// Repeat and offline open with the service worker, CPU 4x: until the root layout has mounted (opstap:interactive).
async function interactiveAt(page) {
	await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0, null, {
		timeout: 30_000
	});
	return page.evaluate(() => performance.getEntriesByName('opstap:interactive')[0].startTime);
}
const reopen = {};
for (const [name, path] of want('reopen') ? Object.entries(pages) : []) {
	const context = await phoneContext();
	const first = await context.newPage();
	await first.goto(origin + path);
	await first.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
	await first.reload();
	await interactiveAt(first);
	await first.close();
	const repeat = [];
	const offline = [];
	for (let i = 0; i < RUNS; i++) {
		for (const [list, off] of [
			[repeat, false],
			[offline, true]
		]) {
			await context.setOffline(off);
			const page = await context.newPage();
			await slowCpu(context, page);
			await page.goto(origin + path);
			list.push(await interactiveAt(page));
			await page.close();
		}
	}
	await context.setOffline(false);
	reopen[name] = { repeatMs: Math.round(median(repeat)), offlineMs: Math.round(median(offline)) };
	await context.close();
}
// The browser's own part of a reopen (bench/floor.js): a page of one line of script, opened the same way.
if (want('reopen')) {
	const blank = await startBlankPage();
	const context = await browser.newContext(PHONE);
	const times = [];
	for (let i = 0; i < RUNS; i++) {
		const page = await context.newPage();
		await slowCpu(context, page);
		await page.goto(blank.url);
		times.push(await interactiveAt(page));
		await page.close();
	}
	await context.close();
	await blank.stop();
	reopen.floorMs = Math.round(median(times));
}

// Tap → answer committed in IndexedDB (the transaction that writes the outbox completes), CPU 4x. Timed from the tap's
// release (the click the browser makes of it: nothing can act before the finger lifts). A finger rests on the screen
// for a moment (TAP_HOLD_MS): pressing and releasing in the same instant, as page.mouse.click() does, put the press's
// own work (focus, the pressed look, its frame) inside the time from the release. "Next" is tapped by plain input
// events (page.mouse), not locator.click(): that one puts Playwright's own listeners in the page, which force a layout
// inside the very click being timed; and the waits poll by interval, not by animation frame, so the bench adds no
// frames while the write is on its way.
const answer = !want('answer')
	? null
	: await (async () => {
			const context = await phoneContext();
			await context.addInitScript(() => {
				const w = /** @type {any} */ (window);
				w.__commits = [];
				const transaction = IDBDatabase.prototype.transaction;
				IDBDatabase.prototype.transaction = function (stores, mode, options) {
					const tx = transaction.call(this, stores, mode, options);
					const names = typeof stores === 'string' ? [stores] : [...stores];
					if (mode === 'readwrite' && names.includes('outbox'))
						tx.addEventListener('complete', () => w.__commits.push(performance.now()));
					return tx;
				};
				addEventListener('click', (e) => (w.__release = e.timeStamp), true);
			});
			const page = await context.newPage();
			await page.goto(`${origin}${firstQuestion}?item=${firstItem}`);
			await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
			await slowCpu(context, page);
			const samples = [];
			const tapCard = async (form, input) =>
				form.locator(`label[for="${await input.getAttribute('id')}"]`).click();
			for (let i = 0; i < TAPS + 2; i++) {
				const form = page.locator('form[action="?/answer"]');
				await form.waitFor();
				const shown = await form.locator('input[name=itemId]').inputValue();
				if (shown !== firstItem) throw new Error(`tap ${i}: question ${shown} shown, not ${firstItem}`);
				// Change the answer with a tap on its cards: one answer (radios) alternates between the first two
				// options; several (checkboxes, as the intake's first question "which languages") keeps the first
				// ticked and ticks or unticks the second, so the answer is never empty.
				const cards = form.locator('input[type=radio], input[type=checkbox]');
				if ((await cards.count()) < 2) throw new Error(`${firstItem}: no answer cards to tap`);
				if ((await cards.first().getAttribute('type')) === 'radio') await tapCard(form, cards.nth(i % 2));
				else {
					if (!(await cards.nth(0).isChecked())) await tapCard(form, cards.nth(0));
					await tapCard(form, cards.nth(1));
				}
				const commits = await page.evaluate(() => window.__commits.length);
				const before = page.url();
				// The tap measured: "Next", which stores the answer in the outbox.
				const next = form.locator('button[type=submit]:not([name])');
				await page.waitForTimeout(300); // a quiet page, as between a participant's taps
				await tapOn(page, next);
				await page.waitForFunction((n) => window.__commits.length > n, commits, { polling: 100 });
				await page.waitForURL((url) => url.toString() !== before);
				const release = await page.evaluate((n) => window.__commits[n] - window.__release, commits);
				// The first two warm up Dexie and the JIT.
				if (i >= 2) samples.push(release);
				await page.goBack();
			}
			// The browser's own part (bench/floor.js): the same two writes as one bare transaction, same page and CPU;
			// and the same tap on the same "Next" doing only those writes, no Opstap code on the way.
			const bare = await bareAnswerWrites(page, TAPS);
			await page.locator('form[action="?/answer"]').waitFor();
			const bareTap = await bareTapWrites(
				page,
				() => tapOn(page, page.locator('form[action="?/answer"] button[type=submit]:not([name])')),
				TAPS
			);
			await context.close();
			return {
				taps: samples.length,
				p50Ms: round1(quantile(samples, 0.5)),
				p95Ms: round1(quantile(samples, 0.95)),
				floorP50Ms: round1(quantile(bare, 0.5)),
				floorP95Ms: round1(quantile(bare, 0.95)),
				tapFloorP50Ms: round1(quantile(bareTap, 0.5)),
				tapFloorP95Ms: round1(quantile(bareTap, 0.95))
			};
		})();

// Lighthouse mobile, slow 4G and CPU 4x, RUNS times per page, alternating (home, first question, the SurveyJS page of the
// same module); medians. Each round both ways Lighthouse throttles: simulated (its default: Lantern estimates the
// times from an unthrottled load, counting every request that started before the paint as one the paint may wait for)
// and applied (DevTools throttles the connection and the CPU while the page really loads, and the times are measured).
const THROTTLING = ['simulate', 'devtools'];
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const lighthouseUrls = Object.fromEntries(Object.entries(pages).map(([name, path]) => [name, origin + path]));
if (surveyjs) lighthouseUrls.surveyjs = surveyjs.url;
const lighthouseRuns = Object.fromEntries(
	Object.keys(lighthouseUrls).map((name) => [name, Object.fromEntries(THROTTLING.map((m) => [m, []]))])
);
const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
try {
	for (let i = 0; i < (want('lighthouse') ? RUNS : 0); i++) {
		for (const throttlingMethod of THROTTLING) {
			for (const [name, url] of Object.entries(lighthouseUrls)) {
				const result = await lighthouse(url, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance'],
					throttlingMethod,
					extraHeaders: { Cookie: cookie }
				});
				const a = result.lhr.audits;
				lighthouseRuns[name][throttlingMethod].push({
					lcpMs: a['largest-contentful-paint'].numericValue,
					fcpMs: a['first-contentful-paint'].numericValue,
					tbtMs: a['total-blocking-time'].numericValue,
					cls: a['cumulative-layout-shift'].numericValue
				});
			}
		}
	}
} finally {
	await chrome.kill();
}
function lighthouseMedians(runs) {
	return {
		lcpMs: Math.round(median(runs.map((r) => r.lcpMs))),
		fcpMs: Math.round(median(runs.map((r) => r.fcpMs))),
		tbtMs: Math.round(median(runs.map((r) => r.tbtMs))),
		cls: Number(median(runs.map((r) => r.cls)).toFixed(3)),
		lcpRangeMs: [
			Math.round(Math.min(...runs.map((r) => r.lcpMs))),
			Math.round(Math.max(...runs.map((r) => r.lcpMs)))
		]
	};
}
const lh = {};
for (const [name, runs] of Object.entries(lighthouseRuns).filter(([, runs]) => runs.simulate.length))
	lh[name] = { ...lighthouseMedians(runs.simulate), applied: lighthouseMedians(runs.devtools) };

// Fonts for a Turkish participant (last: it changes the participant's language).
const fonts = !want('fonts')
	? null
	: await (async () => {
			const context = await phoneContext();
			const page = await context.newPage();
			await page.goto(`${origin}/language?returnTo=%2F`);
			await page.getByRole('button', { name: /^Türkçe(\s|$)/ }).click();
			await page.waitForFunction(() => document.documentElement?.lang === 'tr');
			await context.close();
			const fresh = await phoneContext();
			const tr = await fresh.newPage();
			let total = 0;
			const files = [];
			const pending = [];
			tr.on('requestfinished', (request) =>
				pending.push(
					request.sizes().then((sizes) => {
						if (request.resourceType() === 'font') {
							total += sizes.responseBodySize;
							files.push(new URL(request.url()).pathname);
						}
					})
				)
			);
			for (const path of ['/', '/questions', firstQuestion]) {
				await tr.goto(origin + path, { waitUntil: 'networkidle' });
				await tr.evaluate(() => document.fonts.ready.then(() => undefined));
			}
			await Promise.all(pending);
			await fresh.close();
			return { turkishBytes: total, files: [...new Set(files)] };
		})();

await browser.close();
await surveyjs?.stop();
await server.stop();
serverStopped = true;

// Issue 17: Opstap's first question takes ≥ 3.5× less JavaScript than the SurveyJS page of the same module.
const times = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
const versusSurveyJs =
	bytes.surveyjs && bytes.firstQuestion
		? {
				page: 'bench/surveyjs (survey-core + survey-js-ui, minified)',
				jsWireTimes: times(bytes.surveyjs.jsWire, bytes.firstQuestion.jsWire),
				jsGzipTimes: times(bytes.surveyjs.jsGzip, bytes.firstQuestion.jsGzip),
				goalTimes: 3.5
			}
		: null;
const result = { runs: RUNS, pages, bytes, reopen, answer, lighthouse: lh, fonts, versusSurveyJs };
if (process.argv.includes('--table')) {
	// Each figure beside its goal (issue 17; the same rows as bench/run.js), on stderr: stdout stays one JSON line.
	const rows = lightRows(result);
	const width = Math.max(...rows.map((r) => r[0].length));
	console.error(`\n| ${'measure'.padEnd(width)} | value | goal |\n|${'-'.repeat(width + 2)}|-------|------|`);
	for (const [k, v, goal] of rows) console.error(`| ${k.padEnd(width)} | ${v} | ${goal} |`);
}
console.log(JSON.stringify(result));
