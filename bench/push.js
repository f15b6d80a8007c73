// Push throughput: time for the built app's push worker to encrypt (aes128gcm, RFC 8291), sign (VAPID) and
// dispatch 10,000 reminders to a local https push service that checks and decrypts every one, on PGlite and on
// PostgreSQL (when a server answers at BENCH_DATABASE_URL / TEST_DATABASE_URL or 127.0.0.1:5432/test).
// The jobs are put in the queue while the server is stopped, then the clock runs from the start of the server.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { onEachEngine, startServer } from './server.js';
import { startPushEndpoint } from '../tests/helpers/push-endpoint.ts';
import { seedReminderJobs } from '../tests/helpers/push-seed.ts';

const COUNT = Number(process.env.BENCH_PUSHES ?? 10_000);

async function run(label, databaseUrl) {
	databaseUrl = databaseUrl ?? undefined;
	const push = await startPushEndpoint();
	const env = {
		NODE_EXTRA_CA_CERTS: push.caFile,
		PUSH_SERVICE_HOSTS: push.host,
		PUSH_POLL_MS: '100',
		DEMO_DATA: '1',
		DATABASE_URL: databaseUrl
	};
	// First start: migrations and demo data.
	let server = await startServer(env, { keepData: true });
	const dataDir = server.dataDir;
	await server.stop();
	const subscription = push.subscribe();
	if (databaseUrl) {
		const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
		await seedReminderJobs((t, p) => pool.query(t, p), subscription, COUNT, `bench-${Date.now()}-`);
		await pool.end();
	} else {
		const client = new PGlite(join(dataDir, 'pglite'));
		await seedReminderJobs((t, p) => client.query(t, p), subscription, COUNT, 'bench-');
		await client.close();
	}
	const started = performance.now();
	server = await startServer({ ...env, DATA_DIR: dataDir });
	while (push.received.filter((r) => r.subscription === subscription.id).length < COUNT) {
		if (performance.now() - started > 600_000) throw new Error('push bench timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
	const seconds = (performance.now() - started) / 1000;
	await server.stop();
	await push.close();
	if (push.refused.length) throw new Error(`push service refused: ${push.refused[0]}`);
	return {
		label,
		pushes: COUNT,
		seconds: Number(seconds.toFixed(1)),
		perSecond: Math.round(COUNT / seconds)
	};
}

console.log(JSON.stringify(await onEachEngine(run)));
