// Load: N phones syncing at once, on the built app, on PGlite and on PostgreSQL (when a server answers at
// BENCH_DATABASE_URL / TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test).
// Every phone is paired through the real flow: the demo coach logs in, adds a participant (which makes a pairing
// code), sets the intake ready, and the phone posts the code to /pair. Then, for T seconds, every phone posts
// 5 answers per POST /api/sync, without pause, each on its own keep-alive connection, as real phones would.
// Prints p50/p95/p99 latency, errors by kind (non-2xx by status, connection resets, timeouts) and answers per
// second. Loopback only; bounded: at most N connections, T seconds plus one request timeout to finish.
//
//   node bench/load.js [phones] [seconds]      or LOAD_PHONES=500 LOAD_SECONDS=20 node bench/load.js
//   LOAD_ENGINES=pglite|postgres              only one engine
//   LOAD_TIMEOUT_MS=30000                     a request without an answer after this long is a timeout
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { onEachEngine, startServer } from './server.js';
import { INTAKE_ANSWERS, INTAKE_VERSION } from './intake-answers.js';

const PHONES = Number(process.argv[2] ?? process.env.LOAD_PHONES ?? 500);
const SECONDS = Number(process.argv[3] ?? process.env.LOAD_SECONDS ?? 20);
const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_MS ?? 30_000);
const ENGINES = process.env.LOAD_ENGINES ?? 'pglite,postgres';
const SETUP_CONCURRENCY = 8;
const PER_REQUEST = 5;
const COACH = { email: 'lotte@demo.opstap.nl', password: 'opstap-demo-2026' };
const ITEMS = INTAKE_ANSWERS;

/** One HTTP request on `agent`; resolves with status, headers and body, or rejects with the socket's error. */
function request(agent, origin, path, { method = 'GET', headers = {}, body, timeoutMs = TIMEOUT_MS } = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(new URL(path, origin), { method, headers, agent }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() })
			);
			res.on('error', reject);
		});
		req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
		req.on('error', reject);
		req.end(body);
	});
}

const cookiesOf = (response) =>
	[response.headers['set-cookie'] ?? []]
		.flat()
		.map((c) => c.split(';')[0])
		.join('; ');

async function inParallel(count, concurrency, work) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) await work(next++);
		})
	);
}

/** The coach adds `count` participants with the intake ready; each phone pairs with its code. */
async function pairPhones(origin, count) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: SETUP_CONCURRENCY });
	const form = {
		origin,
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html',
		'x-forwarded-for': '127.0.0.1'
	};
	const login = await request(agent, origin, '/coach/login', {
		method: 'POST',
		headers: form,
		body: new URLSearchParams(COACH).toString()
	});
	if (login.status !== 303) throw new Error(`coach login: ${login.status}`);
	const coach = cookiesOf(login);
	const phones = [];
	await inParallel(count, SETUP_CONCURRENCY, async (i) => {
		const created = await request(agent, origin, '/coach/participants/new', {
			method: 'POST',
			headers: { ...form, cookie: coach },
			body: new URLSearchParams({ displayName: `Telefoon ${i + 1}`, preferredLanguage: 'nl' }).toString()
		});
		const id = created.body.match(/\/coach\/participants\/([0-9a-f-]{36})/)?.[1];
		const code = created.body.match(/\/pair\?code=(\d+)/)?.[1];
		if (!id || !code) throw new Error(`adding participant ${i}: ${created.status}`);
		const assigned = await request(agent, origin, `/coach/participants/${id}?/assign`, {
			method: 'POST',
			headers: { ...form, cookie: coach },
			body: 'questionnaireId=intake&wave=T0&mode=alone'
		});
		if (assigned.status !== 200) throw new Error(`assigning the intake: ${assigned.status}`);
		// Each phone from its own address (the server reads it from X-Forwarded-For, see startServer below): the
		// pairing limit is per address, as phones on mobile networks have their own.
		const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
		const paired = await request(agent, origin, '/pair', {
			method: 'POST',
			headers: { ...form, 'x-forwarded-for': ip },
			body: `code=${code}`
		});
		if (paired.status !== 303) throw new Error(`pairing phone ${i}: ${paired.status}`);
		const cookie = cookiesOf(paired);
		const page = await request(agent, origin, '/questions', { headers: { cookie, 'x-forwarded-for': ip } });
		const assignmentId = page.body.match(/\/questions\/([0-9a-f-]{36})\//)?.[1];
		if (!assignmentId) throw new Error(`phone ${i} sees no questionnaire`);
		phones.push({ cookie, assignmentId, ip });
	});
	agent.destroy();
	return phones;
}

function kindOf(error) {
	const code = error?.code ?? '';
	if (code === 'TIMEOUT') return 'timeout';
	if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/.test(error?.message ?? ''))
		return 'reset';
	if (code === 'ECONNREFUSED') return 'refused';
	return `other (${code || error?.message})`;
}

const percentile = (sorted, p) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;

async function run(label, databaseUrl) {
	const server = await startServer({
		DEMO_DATA: '1',
		DATABASE_URL: databaseUrl ?? undefined,
		ADDRESS_HEADER: 'x-forwarded-for',
		PUSH_WORKER: 'off'
	});
	const origin = server.origin;
	try {
		const setupStarted = Date.now();
		const phones = await pairPhones(origin, PHONES);
		const setupSeconds = (Date.now() - setupStarted) / 1000;
		const agent = new http.Agent({ keepAlive: true, maxSockets: PHONES, maxFreeSockets: PHONES });
		const latencies = [];
		const errors = {};
		let stored = 0;
		let clock = Date.now();
		const until = Date.now() + SECONDS * 1000;
		const started = Date.now();
		await Promise.all(
			phones.map(async (phone) => {
				while (Date.now() < until) {
					const entries = ITEMS.slice(0, PER_REQUEST).map(([moduleId, itemId, value]) => ({
						kind: 'answer',
						clientId: randomUUID(),
						assignmentId: phone.assignmentId,
						moduleId,
						itemId,
						value: value(),
						answeredAt: new Date(++clock).toISOString(),
						language: 'nl',
						version: INTAKE_VERSION
					}));
					const sent = performance.now();
					try {
						const response = await request(agent, origin, '/api/sync', {
							method: 'POST',
							headers: {
								cookie: phone.cookie,
								'content-type': 'application/json',
								'x-forwarded-for': phone.ip
							},
							body: JSON.stringify({ entries })
						});
						latencies.push(performance.now() - sent);
						if (response.status >= 200 && response.status < 300) {
							stored += JSON.parse(response.body).results.filter((r) => r.status !== 'rejected').length;
						} else {
							const kind = `HTTP ${response.status}`;
							errors[kind] = (errors[kind] ?? 0) + 1;
						}
					} catch (error) {
						const kind = kindOf(error);
						errors[kind] = (errors[kind] ?? 0) + 1;
						await new Promise((r) => setTimeout(r, 100)); // as a phone would, not a tight loop
					}
				}
			})
		);
		const seconds = (Date.now() - started) / 1000;
		agent.destroy();
		latencies.sort((a, b) => a - b);
		const requests =
			latencies.length + Object.entries(errors).reduce((n, [k, v]) => n + (k.startsWith('HTTP') ? 0 : v), 0);
		const ms = (v) => (v === null ? null : Math.round(v));
		return {
			label,
			phones: PHONES,
			seconds: Math.round(seconds * 10) / 10,
			setupSeconds: Math.round(setupSeconds * 10) / 10,
			requests,
			p50Ms: ms(percentile(latencies, 50)),
			p95Ms: ms(percentile(latencies, 95)),
			p99Ms: ms(percentile(latencies, 99)),
			maxMs: ms(latencies.at(-1) ?? null),
			errors,
			errorRate: requests
				? Math.round((Object.values(errors).reduce((a, b) => a + b, 0) / requests) * 10_000) / 100
				: 0,
			answersPerSecond: Math.round(stored / seconds),
			requestsPerSecond: Math.round(latencies.length / seconds)
		};
	} finally {
		await server.stop();
	}
}

const results = await onEachEngine(async (label, url) =>
	ENGINES.includes(url ? 'postgres' : 'pglite') ? run(label, url) : null
);
const shown = results.filter(Boolean);
for (const r of shown) {
	const errors =
		Object.entries(r.errors)
			.map(([k, v]) => `${k}: ${v}`)
			.join(', ') || 'none';
	console.error(
		`${r.label}: ${r.phones} phones, ${r.seconds} s, ${r.requests} requests (${r.requestsPerSecond}/s), ` +
			`${r.answersPerSecond} answers/s; latency p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms, ` +
			`max ${r.maxMs} ms; errors ${r.errorRate} % (${errors}); pairing ${r.phones} phones took ${r.setupSeconds} s`
	);
}
console.log(JSON.stringify(shown));
