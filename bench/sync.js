// Sync throughput: answers per second stored by POST /api/sync on the built app, on PGlite and on PostgreSQL
// (when a server answers at BENCH_DATABASE_URL / TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test).
// 4 clients send batches of 50 answers for 5 seconds each run; loopback only.
import { randomUUID } from 'node:crypto';
import { onEachEngine, startServer } from './server.js';
import { INTAKE_ANSWERS, INTAKE_VERSION } from './intake-answers.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = 4;
const BATCH = 50;
const ITEMS = INTAKE_ANSWERS;

async function run(label, databaseUrl) {
	const server = await startServer({ DEMO_DATA: '1', DATABASE_URL: databaseUrl ?? undefined });
	const origin = server.origin;
	try {
		const code = server.code();
		const paired = await fetch(`${origin}/pair`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: `code=${code}`,
			redirect: 'manual'
		});
		const cookie = paired.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		const page = await (await fetch(`${origin}/questions`, { headers: { cookie } })).text();
		const assignmentId = page.match(/\/questions\/([0-9a-f-]{36})\//)[1];
		let stored = 0;
		let requests = 0;
		const until = Date.now() + SECONDS * 1000;
		let clock = Date.now();
		const client = async () => {
			while (Date.now() < until) {
				const entries = Array.from({ length: BATCH }, (_, i) => {
					const [moduleId, itemId, value] = ITEMS[i % ITEMS.length];
					return {
						kind: 'answer',
						clientId: randomUUID(),
						assignmentId,
						moduleId,
						itemId,
						value: value(),
						answeredAt: new Date(++clock).toISOString(),
						language: 'nl',
						version: INTAKE_VERSION
					};
				});
				const response = await fetch(`${origin}/api/sync`, {
					method: 'POST',
					headers: { cookie, 'content-type': 'application/json' },
					body: JSON.stringify({ entries })
				});
				const body = await response.json();
				stored += body.results.filter((r) => r.status !== 'rejected').length;
				requests++;
			}
		};
		const started = Date.now();
		await Promise.all(Array.from({ length: CLIENTS }, client));
		const seconds = (Date.now() - started) / 1000;
		return {
			label,
			answersPerSecond: Math.round(stored / seconds),
			requestsPerSecond: Math.round(requests / seconds),
			stored
		};
	} finally {
		await server.stop();
	}
}

const results = await onEachEngine(run);
console.log(JSON.stringify(results));
