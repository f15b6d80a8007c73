import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBuiltServer, type RunningServer } from '../helpers/server';
import { TEST_V8_FLAGS } from '../../scripts/v8-flags.js';

/**
 * The built server (scripts/server.js) over plain HTTP: the security headers reach every response, also the ones
 * adapter-node serves from disk before SvelteKit's `handle` (the app's immutable files, the service worker, the
 * manifest, fonts), and it still shuts down gracefully. Also a coach login, which exercises SvelteKit's cookie
 * handling (the `cookie` package, overridden to 0.7 in package.json).
 */
describe('the built server', () => {
	let server: RunningServer;
	const immutableScript = readdirSync('build/client/_app/immutable/entry').find((f) => f.endsWith('.js'));

	beforeAll(async () => {
		server = await startBuiltServer();
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it.each([
		['/', 'text/html'],
		['/coach/login', 'text/html'],
		[`/_app/immutable/entry/${immutableScript}`, 'javascript'],
		['/service-worker.js', 'javascript'],
		['/manifest.webmanifest', ''],
		['/fonts/latin.css', 'text/css'],
		['/fonts/noto-sans-latin-400-normal.woff2', 'font/woff2'],
		['/this/does/not/exist', 'text/html'],
		['/_app/immutable/entry/missing.js', '']
	])('%s carries nosniff and the other security headers', async (path, type) => {
		for (const encoding of ['identity', 'br, gzip']) {
			const response = await fetch(`${server.origin}${path}`, {
				headers: { 'accept-encoding': encoding },
				redirect: 'manual'
			});
			expect(response.status, `${path} (${encoding})`).toBeLessThan(500);
			expect(response.headers.get('x-content-type-options'), `${path} (${encoding})`).toBe('nosniff');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			// Plain http: no HSTS.
			expect(response.headers.get('strict-transport-security')).toBeNull();
			if (type) expect(response.headers.get('content-type')).toContain(type);
			if (path.includes('missing') || path.includes('not/exist')) expect(response.status).toBe(404);
			await response.arrayBuffer();
		}
	});

	it('keeps the immutable caching of /_app/immutable and answers a revalidation with 304 and nosniff', async () => {
		const url = `${server.origin}/_app/immutable/entry/${immutableScript}`;
		const first = await fetch(url);
		expect(first.headers.get('cache-control')).toContain('immutable');
		const again = await fetch(url, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
		expect(again.status).toBe(304);
		expect(again.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('a coach logs in over http and gets an HttpOnly session cookie', async () => {
		const response = await fetch(`${server.origin}/coach/login`, {
			method: 'POST',
			headers: {
				origin: server.origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'lotte@demo.opstap.nl', password: 'opstap-demo-2026' }),
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('opstap_coach='));
		expect(cookie).toMatch(/HttpOnly/i);
		const home = await fetch(`${server.origin}/coach`, {
			headers: { cookie: cookie!.split(';')[0]! },
			redirect: 'manual'
		});
		expect(home.status).toBe(200);
		expect(await home.text()).toContain('Lotte');
		// Not stored by the browser: "back" after logging out on a shared computer shows no caseload.
		expect(home.headers.get('cache-control')).toBe('private, no-store');
		const participantHome = await fetch(`${server.origin}/`, { redirect: 'manual' });
		expect(participantHome.headers.get('cache-control')).toBe('private, no-cache');
		await participantHome.arrayBuffer();
	});

	it('refuses a second start on its data directory with one line, and keeps serving', async () => {
		// A second `npm start` in another terminal: same DATA_DIR, another port.
		const second = spawnSync(process.execPath, [...TEST_V8_FLAGS, 'scripts/server.js'], {
			env: {
				...process.env,
				PORT: String(await freePort()),
				HOST: '127.0.0.1',
				DATA_DIR: server.dataDir,
				NODE_ENV: 'production'
			},
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(second.status).toBe(1);
		expect(second.stderr.trim()).toMatch(
			/^The database in .*pglite is open in another Opstap \(process \d+\)\. Stop that one first, or give this one another DATA_DIR\.$/
		);
		expect(second.stdout).not.toContain('Listening on');
		const still = await fetch(`${server.origin}/`);
		expect(still.status).toBe(200);
		await still.arrayBuffer();
	});

	it('shuts down gracefully on SIGTERM and starts again on the same data', async () => {
		const started = Date.now();
		await server.stop();
		// stop() waits for the exit and kills hard only after 10 s: the server closed the database and exited itself.
		expect(Date.now() - started).toBeLessThan(8_000);
		await server.restart();
		const response = await fetch(`${server.origin}/`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
