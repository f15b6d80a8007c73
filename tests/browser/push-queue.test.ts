import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { ENGINES, freshPostgresUrl } from '../helpers/db';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { seedReminderJobs, type Query } from '../helpers/push-seed';

/** Each job has its own Topic header (a hash of its unique key): counting topics counts jobs. */
const topics = (push: PushEndpoint) => push.received.map((r) => r.topic);

describe.each(ENGINES)('the durable push queue, with real server processes (%s)', (engine) => {
	let push: PushEndpoint;
	let server: RunningServer;
	let postgres: { url: string; drop: () => Promise<void> } | undefined;
	let second: RunningServer | undefined;

	const env = () => ({
		NODE_EXTRA_CA_CERTS: push.caFile,
		PUSH_SERVICE_HOSTS: push.host,
		PUSH_POLL_MS: '200',
		...(postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: '1' } : {})
	});

	/** Runs `work` with a connection to the server's database (PGlite: only while the server is stopped). */
	async function withDatabase(work: (query: Query) => Promise<void>) {
		if (postgres) {
			const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
			try {
				await work((text, params) => pool.query(text, params));
			} finally {
				await pool.end();
			}
			return;
		}
		const client = new PGlite(join(server.dataDir, 'pglite'));
		try {
			await work((text, params) => client.query(text, params));
		} finally {
			await client.close();
		}
	}

	beforeAll(async () => {
		push = await startPushEndpoint();
		if (engine === 'postgres') postgres = await freshPostgresUrl();
		server = await startBuiltServer(env());
	});
	afterAll(async () => {
		await second?.stop();
		second?.cleanup();
		await server?.stop();
		server?.cleanup();
		await push?.close();
		await postgres?.drop();
	});

	it('a server restarted in the middle of sending loses no reminder and sends none twice', async () => {
		const subscription = push.subscribe();
		await server.stop();
		await withDatabase((query) => seedReminderJobs(query, subscription, 300, 'restart-'));
		push.delayMs = 10;
		await server.restart();
		await expect.poll(() => push.received.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(60);
		// SIGTERM while sending: the server finishes what it is sending, and the rest waits in the database.
		await server.restart();
		await expect.poll(() => push.received.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(300);
		await new Promise((r) => setTimeout(r, 1500)); // nothing more comes in
		expect(push.received).toHaveLength(300);
		expect(new Set(topics(push)).size).toBe(300);
		expect(push.refused).toEqual([]);
		push.delayMs = 0;
	});

	it.skipIf(engine === 'pglite')(
		'two server processes on one database never send the same reminder twice',
		async () => {
			// PGlite is one process by design; with PostgreSQL several servers can run side by side.
			second = await startBuiltServer({ ...env(), DEMO_DATA: '0' });
			const subscription = push.subscribe();
			push.delayMs = 2;
			await withDatabase((query) => seedReminderJobs(query, subscription, 400, 'two-'));
			const mine = () => push.received.filter((r) => r.subscription === subscription.id);
			await expect.poll(() => mine().length, { timeout: 90_000 }).toBeGreaterThanOrEqual(400);
			await new Promise((r) => setTimeout(r, 1500)); // nothing more comes in
			expect(mine()).toHaveLength(400);
			expect(new Set(mine().map((r) => r.topic)).size).toBe(400);
			expect(push.refused).toEqual([]);
		}
	);
});
