import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBuiltServer, type RunningServer } from '../helpers/server';
import { freshPostgresUrl } from '../helpers/db';
import { SHIPPED_VERSION } from '../helpers/instruments';

/**
 * The server survives its database: PostgreSQL ending the server's connections (pg_terminate_backend, as a restart,
 * failover or a pooler's idle timeout would) and PostgreSQL out of reach for a while (a TCP proxy in between that the
 * test stops and starts again). Only on PostgreSQL: PGlite lives inside the server process.
 */

/** A TCP proxy to PostgreSQL that can be stopped (listener closed, connections cut) and started on the same port. */
async function startProxy(target: { host: string; port: number }) {
	const port = await freePort();
	const sockets = new Set<Socket>();
	let server: Server | undefined;
	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server = createServer((downstream) => {
				const upstream = connect(target.port, target.host);
				for (const socket of [downstream, upstream]) {
					sockets.add(socket);
					socket.on('error', () => {}); // a cut connection is the point here
					socket.on('close', () => {
						sockets.delete(socket);
						downstream.destroy();
						upstream.destroy();
					});
				}
				downstream.pipe(upstream);
				upstream.pipe(downstream);
			});
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
	const stop = async () => {
		const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
		server = undefined;
		for (const socket of sockets) socket.destroy();
		sockets.clear();
		await closed;
	};
	await listen();
	return { port, start: listen, stop };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('the server and its PostgreSQL', () => {
	let server: RunningServer;
	let postgres: { url: string; drop: () => Promise<void> };
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	let admin: pg.Client;
	let databaseName = '';
	let cookie = '';
	let assignmentId = '';
	let clock = Date.now();

	beforeAll(async () => {
		postgres = await freshPostgresUrl();
		const direct = new URL(postgres.url);
		databaseName = direct.pathname.slice(1);
		proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
		const proxied = new URL(postgres.url);
		proxied.hostname = '127.0.0.1';
		proxied.port = String(proxy.port);
		admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
		admin.on('error', () => {});
		await admin.connect();
		server = await startBuiltServer({
			DATABASE_URL: proxied.toString(),
			DEMO_DATA: '1',
			// The push worker polls often, so that it meets the outage too.
			PUSH_POLL_MS: '200',
			DATABASE_CONNECT_TIMEOUT_MS: '2000'
		});

		// Pair a phone over HTTP with the printed demo code, as the pairing form would.
		const origin = server.origin;
		const paired = await fetch(`${origin}/pair`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: `code=${server.printedCode().replace(' ', '')}`,
			redirect: 'manual'
		});
		expect(paired.status).toBe(303);
		cookie = paired.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		// Consent (issue 16), one purpose per post: without it the home sends the phone to the consent screens.
		for (const [purpose, choice] of [
			['coaching', 'given'],
			['team', 'given'],
			['research', 'given']
		]) {
			const consent = await fetch(`${origin}/consent?/choose`, {
				method: 'POST',
				headers: { origin, cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: `purpose=${purpose}&choice=${choice}`,
				redirect: 'manual'
			});
			expect(consent.status).toBe(303);
		}
		const page = await (await fetch(`${origin}/questions`, { headers: { cookie } })).text();
		assignmentId = page.match(/\/questions\/([0-9a-f-]{36})\//)![1]!;
	});

	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
		await proxy?.stop();
		await admin?.end().catch(() => {});
		await postgres?.drop();
	});

	const home = () =>
		fetch(`${server.origin}/`, {
			headers: { cookie },
			signal: AbortSignal.timeout(8_000),
			redirect: 'manual'
		});
	const sync = () =>
		fetch(`${server.origin}/api/sync`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			signal: AbortSignal.timeout(8_000),
			body: JSON.stringify({
				entries: [
					{
						kind: 'answer',
						clientId: randomUUID(),
						assignmentId,
						moduleId: 'myWeek',
						itemId: 'metPeople',
						value: { type: 'yesno', value: true },
						answeredAt: new Date(++clock).toISOString(),
						language: 'nl',
						version: SHIPPED_VERSION.intake
					}
				]
			})
		});
	const logLines = (pattern: RegExp) =>
		server
			.output()
			.split('\n')
			.filter((line) => pattern.test(line));

	/** Waits until the home answers 200 again, and returns how many tries that took. */
	async function untilUp(): Promise<number> {
		for (let tries = 1; tries <= 40; tries++) {
			const response = await home();
			await response.arrayBuffer();
			if (response.status === 200) return tries;
			expect(response.status, 'a request while reconnecting is 503, never 500').toBe(503);
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error('the server did not recover');
	}

	it('survives PostgreSQL ending its connections, three times, and answers again without a restart', async () => {
		let requests = 0;
		for (let round = 0; round < 3; round++) {
			const killed = await admin.query(
				'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
				[databaseName]
			);
			expect(killed.rowCount, 'the server had connections to end').toBeGreaterThan(0);
			await new Promise((r) => setTimeout(r, 300));
			requests += await untilUp();
			for (let i = 0; i < 5; i++) {
				const [page, stored] = await Promise.all([home(), sync()]);
				await page.arrayBuffer();
				expect(page.status).toBe(200);
				expect(stored.status).toBe(200);
				expect((await stored.json()).results[0].status).toBe('stored');
				requests += 2;
			}
		}
		// The process lived through it (it answered above) and said so once per time, not once per request.
		const output = server.output();
		expect(output).not.toMatch(
			/Uncaught|unhandled|terminating connection due to administrator command\n\s+at /i
		);
		expect(logLines(/database unreachable/).length).toBeLessThanOrEqual(3);
		expect(logLines(/database/i).length).toBeLessThan(requests);
	});

	it('answers 503 with Retry-After while PostgreSQL cannot be reached, and recovers by itself', async () => {
		const before = logLines(/database unreachable/).length;
		await proxy.stop();
		try {
			for (let i = 0; i < 3; i++) {
				const started = Date.now();
				const page = await home();
				expect(page.status).toBe(503);
				expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(page.headers.get('content-type')).toContain('text/html');
				expect(await page.text()).toContain('Probeer het later nog een keer');

				const stored = await sync();
				expect(stored.status).toBe(503);
				expect(stored.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(await stored.json()).toEqual({ message: expect.any(String) });

				// An unpaired visitor, whose request first reaches the database in a load: the page is a 503 too.
				const pair = await fetch(`${server.origin}/pair`, { signal: AbortSignal.timeout(8_000) });
				expect(pair.status).toBe(503);
				expect(pair.headers.get('retry-after')).toMatch(/^\d+$/);
				await pair.arrayBuffer();
				expect(Date.now() - started).toBeLessThan(8_000);
			}
			// The push worker polled through the outage as well (every 200 ms): still one line for the outage.
			await new Promise((r) => setTimeout(r, 1_000));
			expect(logLines(/database unreachable/).length).toBe(before + 1);
		} finally {
			await proxy.start();
		}
		await untilUp();
		const stored = await sync();
		expect(stored.status).toBe(200);
		expect(logLines(/database reachable again/).length).toBeGreaterThanOrEqual(1);
		expect(server.output()).not.toMatch(/Uncaught|unhandled/i);
	});
});
