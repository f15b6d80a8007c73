// Starts the built app (scripts/server.js on build/) for a benchmark: its own port on loopback and its own data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_V8_FLAGS } from '../scripts/v8-flags.js';

const freePort = () =>
	new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});

/**
 * @param {Record<string, string | undefined>} env extra environment, e.g. DATABASE_URL
 * @param {{ keepData?: boolean }} options keepData: leave the data directory after stop (to start again on it)
 */
export async function startServer(env = {}, options = {}) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'opstap-bench-'));
	const fullEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATA_DIR: dataDir,
		NODE_ENV: 'production',
		SHUTDOWN_TIMEOUT: '1',
		...env
	};
	for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
	const server = spawn(process.execPath, [...TEST_V8_FLAGS, 'scripts/server.js'], {
		env: fullEnv,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let output = '';
	await new Promise((resolve, reject) => {
		server.stdout.on('data', (d) => {
			output += d;
			if (output.includes('Listening on')) resolve();
		});
		server.on('exit', () => reject(new Error(`server exited\n${output}`)));
	});
	return {
		origin,
		dataDir,
		pid: server.pid,
		/** What the server printed so far. */
		output: () => output,
		/** The demo participant's pairing code as printed at start, without the space. */
		code: () => output.match(/code (\d{4} \d{4})/)[1].replace(' ', ''),
		stop: async () => {
			server.kill('SIGTERM');
			await new Promise((r) => server.once('exit', r));
			if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Runs a benchmark on embedded PGlite, then on PostgreSQL when a server answers at BENCH_DATABASE_URL /
 * TEST_DATABASE_URL / 127.0.0.1:5432/test (in a fresh database, dropped afterwards).
 * @template T
 * @param {(label: string, databaseUrl: string | null) => Promise<T>} run
 * @returns {Promise<T[]>}
 */
export async function onEachEngine(run) {
	const results = [await run('PGlite (embedded)', null)];
	const adminUrl =
		process.env.BENCH_DATABASE_URL ??
		process.env.TEST_DATABASE_URL ??
		'postgres://postgres@127.0.0.1:5432/test';
	const reachable = await new Promise((resolve) => {
		const u = new URL(adminUrl);
		const s = connect(Number(u.port || 5432), u.hostname);
		s.on('connect', () => (s.destroy(), resolve(true)));
		s.on('error', () => resolve(false));
	});
	if (!reachable) return results;
	const name = `opstap_bench_${Date.now()}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	try {
		results.push(await run('PostgreSQL', url.toString()));
	} finally {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.end();
	}
	return results;
}
