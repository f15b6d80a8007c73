// Activities benchmark: filtering 5,000 activities on the phone, and the size of the cached catalogue.
//   - the pure filter code (src/lib/activities: recurrence, filters, distance) bundled as the phone gets it;
//   - time per filter change over 5,000 activities with realistic schedules, in Node and in Chromium with the CPU
//     slowed down 4x (Chrome DevTools' "mid-tier mobile");
//   - the catalogue as the list's load sends it (src/lib/server/activities/list.ts: only what the filters and cards
//     read, as rows: src/lib/activities/packed.ts), as JSON and in SvelteKit's data format (devalue, which comes
//     with @sveltejs/kit): 5,000 generated activities, per activity, next to the whole activities (what it sent before issue 17:
//     3,634,530 bytes, 230,301 gzip); the demo municipality's real /activities/__data.json for a paired phone (what
//     the service worker keeps for offline use; 41,777 bytes, 14,825 gzip before), and one activity's own data.
// Prints one JSON line (read by bench/run.js).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from './server.js';
import { pairPhone } from './phone.js';
import { CATEGORIES } from '../src/lib/activities/categories.ts';
import { listActivity } from '../src/lib/server/activities/list.ts';
import { packActivity } from '../src/lib/activities/packed.ts';
import * as devalue from 'devalue';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const N = 5000;

const bundle = (
	await build({
		stdin: {
			contents: `export { filterActivities } from './src/lib/activities/filter.ts';`,
			resolveDir: process.cwd(),
			loader: 'ts'
		},
		bundle: true,
		minify: true,
		format: 'iife',
		globalName: 'Activities',
		write: false,
		target: 'es2022'
	})
).outputFiles[0].text;
const { filterActivities } = await import(
	`data:text/javascript,${encodeURIComponent(bundle + ';export const filterActivities = Activities.filterActivities;')}`
);

// A seeded generator, so every run filters the same catalogue.
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const pad = (n) => String(n).padStart(2, '0');

function schedule(i) {
	const month = 1 + Math.floor(random() * 12);
	const start = `2026-${pad(month)}-${pad(1 + Math.floor(random() * 28))}T${pad(9 + Math.floor(random() * 11))}:${pick(['00', '15', '30'])}`;
	const kind = random();
	if (kind < 0.6)
		return {
			start,
			durationMinutes: 90,
			rrule: `FREQ=WEEKLY;${random() < 0.2 ? 'INTERVAL=2;' : ''}BYDAY=${pick(DAYS)}${random() < 0.3 ? ',' + pick(DAYS) : ''}`,
			exdates: random() < 0.2 ? ['2026-12-25'] : [],
			rdates: []
		};
	if (kind < 0.75)
		return {
			start,
			durationMinutes: 120,
			rrule: `FREQ=MONTHLY;BYDAY=${pick(['1', '2', '3', '-1'])}${pick(DAYS)}`,
			exdates: [],
			rdates: []
		};
	if (kind < 0.9)
		return {
			start: `2026-${pad(11 + (i % 2))}-${pad(1 + (i % 28))}T14:00`,
			durationMinutes: 60,
			rrule: null,
			exdates: [],
			rdates: []
		};
	return {
		start,
		durationMinutes: 60,
		rrule: null,
		exdates: [],
		rdates: [`2026-11-${pad(20 + (i % 9))}T10:00`, `2026-12-${pad(1 + (i % 28))}T10:00`]
	};
}

const whole = Array.from({ length: N }, (_, i) => {
	const cost = pick(['free', 'free', 'price', 'scheme']);
	return {
		id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
		category: pick(CATEGORIES),
		title: `Activiteit ${i} in de wijk`,
		description:
			'Samen koffie drinken en Nederlands praten. U hoeft niets voor te bereiden. Er is koffie en thee.',
		translations: i % 10 === 0 ? { ar: { title: 'نشاط في الحي' }, so: { title: 'Hawl xaafadda' } } : {},
		organiser: 'Wijkcentrum Voorbeeld',
		contact: '024 123 45 67',
		address: `Hoofdstraat ${i % 200}, Voorbeeld`,
		neighbourhood: pick(['Centrum', 'Hatert', 'Dukenburg', 'Lindenholt', 'Hengstdal', 'Lent']),
		lat: 51.8 + random() * 0.08,
		lon: 5.78 + random() * 0.12,
		schedule: schedule(i),
		cost,
		priceCents: cost === 'price' ? 250 : null,
		effort: pick(['calm', 'some', 'busy']),
		groupSize: random() < 0.5 ? 12 : null,
		womenOnly: random() < 0.1,
		wheelchair: random() < 0.5,
		childcare: random() < 0.2,
		languages: ['nl', pick(['ar', 'tr', 'so', 'ti', 'fa'])],
		closed: random() < 0.03,
		closedReason: '',
		photo: null
	};
});

// What the phone gets and filters: the list's data, for a participant reading Arabic (some titles translated).
const catalogue = whole.map((a) => listActivity(a, 'ar'));

const here = { lat: 51.8418, lon: 5.8902 };
const CHANGES = [
	{},
	{ week: true },
	{ week: true, free: true },
	{ today: true },
	{ category: 'taalcafe' },
	{ category: 'taalcafe', week: true },
	{ near: true, here },
	{ near: true, here, week: true, free: true },
	{ free: true },
	{ category: 'buurtgym', near: true, here }
];
const NOW = new Date('2026-11-24T09:00:00Z');

function timeChanges(fn, rounds) {
	const times = [];
	for (let r = 0; r < rounds; r++) {
		for (const filters of CHANGES) {
			const t0 = performance.now();
			fn(filters);
			times.push(performance.now() - t0);
		}
	}
	times.sort((a, b) => a - b);
	return {
		medianMs: Number(times[Math.floor(times.length / 2)].toFixed(1)),
		p95Ms: Number(times[Math.floor(times.length * 0.95)].toFixed(1)),
		maxMs: Number(times.at(-1).toFixed(1))
	};
}

// Opening the page: next dates computed for all 5,000 (fresh objects, nothing remembered yet).
const fresh = structuredClone(catalogue);
const t0 = performance.now();
filterActivities(fresh, {}, NOW);
const nodeFirstMs = Number((performance.now() - t0).toFixed(1));
filterActivities(catalogue, {}, NOW); // warm up
// A filter change: the phone has the next dates as of this minute already, so only filters run.
const node = timeChanges((f) => filterActivities(catalogue, f, NOW), 5);
// The first filtering of a new minute (or the first ever): next dates computed for all 5,000.
let tick = 0;
const nodeNewMinute = timeChanges(
	(f) => filterActivities(catalogue, f, new Date(NOW.getTime() + ++tick * 60_000)),
	2
);
const shownWeekFree = filterActivities(catalogue, { week: true, free: true }, NOW).length;

const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu'] });
let phone;
let demo;
try {
	const page = await browser.newPage();
	await page.addScriptTag({ content: bundle });
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	phone = await page.evaluate(
		({ catalogue, changes, now }) => {
			const list = JSON.parse(catalogue);
			const at = new Date(now);
			const stats = (times) => {
				times.sort((a, b) => a - b);
				return {
					medianMs: Number(times[Math.floor(times.length / 2)].toFixed(1)),
					p95Ms: Number(times[Math.floor(times.length * 0.95)].toFixed(1)),
					maxMs: Number(times.at(-1).toFixed(1))
				};
			};
			const run = (rounds, when) => {
				const times = [];
				for (let r = 0; r < rounds; r++) {
					for (const f of changes) {
						const t0 = performance.now();
						window.Activities.filterActivities(list, f, when());
						times.push(performance.now() - t0);
					}
				}
				return stats(times);
			};
			const t0 = performance.now();
			window.Activities.filterActivities(list, {}, at);
			const firstMs = Number((performance.now() - t0).toFixed(1));
			const filterChange = run(3, () => at);
			let tick = 0;
			const newMinute = run(1, () => new Date(at.getTime() + ++tick * 60_000));
			return { firstMs, filterChange, newMinute };
		},
		{ catalogue: JSON.stringify(catalogue), changes: CHANGES, now: NOW.toISOString() }
	);

	// The demo catalogue as a paired phone loads it (and the service worker keeps it).
	const server = await startServer();
	try {
		const context = await browser.newContext();
		const pairing = await context.newPage();
		await pairPhone(pairing, server.origin, server.code());
		const response = await context.request.get(`${server.origin}/activities/__data.json`);
		const body = await response.body();
		await pairing.goto(`${server.origin}/activities`);
		const count = Number(await pairing.locator('.found').getAttribute('data-count'));
		const id = await pairing.locator('.list article').first().getAttribute('data-activity');
		const one = await context.request.get(`${server.origin}/activities/${id}/__data.json`);
		const detail = await one.body();
		demo = {
			bytes: body.length,
			gzipBytes: gzipSync(body).length,
			status: response.status(),
			activitiesShown: count,
			oneActivity: { bytes: detail.length, gzipBytes: gzipSync(detail).length, status: one.status() }
		};
	} finally {
		await server.stop();
	}
} finally {
	await browser.close();
}

// As JSON, and as SvelteKit's data format (devalue) carries it in __data.json.
const json = Buffer.from(JSON.stringify(catalogue.map(packActivity)));
const wire = Buffer.from(devalue.stringify(catalogue.map(packActivity)));
const wholeJson = Buffer.from(JSON.stringify(whole));
const wholeWire = Buffer.from(devalue.stringify(whole));
console.log(
	JSON.stringify({
		activities: N,
		filterCodeGzipBytes: gzipSync(bundle).length,
		node: { firstMs: nodeFirstMs, filterChange: node, newMinute: nodeNewMinute },
		phone4xSlower: phone,
		shownWeekFree,
		list5000: {
			bytes: json.length,
			gzipBytes: gzipSync(json).length,
			bytesPerActivity: Math.round(json.length / N),
			dataFormatBytes: wire.length,
			dataFormatGzipBytes: gzipSync(wire).length
		},
		whole5000: {
			bytes: wholeJson.length,
			gzipBytes: gzipSync(wholeJson).length,
			bytesPerActivity: Math.round(wholeJson.length / N),
			dataFormatBytes: wholeWire.length,
			dataFormatGzipBytes: gzipSync(wholeWire).length
		},
		demo
	})
);
