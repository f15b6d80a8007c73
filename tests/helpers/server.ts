import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_V8_FLAGS } from '../../scripts/v8-flags.js';
import { LOCK_FILE } from '../../src/lib/server/db/lock';

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
			);
		});
	});
}

export interface RunningServer {
	origin: string;
	output: () => string;
	/** The demo participant's pairing code as the server printed it at start ("1234 5678"). */
	printedCode: () => string;
	stop: () => Promise<void>;
	restart: () => Promise<void>;
	dataDir: string;
	cleanup: () => void;
}

/** Variables that change what the first start writes to the database: a server with any of them starts empty. */
const SEEDING_ENV = ['DATABASE_URL', 'DEMO_DATA', 'OPSTAP_RESET_DEMO'];

/**
 * A PGlite data directory after a first start of this build (database made, migrated, demo data in), shared by the
 * test files of one run: each server starts on its own copy, as a restarted server would. Creating the database is
 * most of a first start (11 s against 4 s on an idle 2-core machine), and the browser files start about twenty
 * servers. Keyed by the build and the Amsterdam day (the demo's appointments are relative to today); made in a
 * directory of its own and renamed into place, so two test files making it at once both end up with a whole one.
 */
async function seededDataDir(): Promise<string> {
	const build = Math.round(statSync('build/handler.js').mtimeMs);
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
	const template = join(tmpdir(), `opstap-e2e-template-${build}-${day}`);
	if (existsSync(join(template, 'ready'))) return template;
	const server = await launch({}, mkdtempSync(join(tmpdir(), 'opstap-e2e-making-')));
	await server.stop();
	writeFileSync(join(server.dataDir, 'ready'), '');
	try {
		renameSync(server.dataDir, template);
	} catch {
		server.cleanup(); // another file made it first
	}
	return template;
}

/**
 * Runs the built app (scripts/server.js on build/) the way `npm start` does, on its own port and data directory.
 * On PGlite with the demo, the data directory is a copy of one made by a first start (see seededDataDir).
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<RunningServer> {
	if (SEEDING_ENV.some((name) => name in env)) return launch(env, mkdtempSync(join(tmpdir(), 'opstap-e2e-')));
	const dataDir = mkdtempSync(join(tmpdir(), 'opstap-e2e-'));
	cpSync(join(await seededDataDir(), 'pglite'), join(dataDir, 'pglite'), { recursive: true });
	// A copy is this server's own: a lock the template's first start left (if it was killed) names a process whose id
	// another one may have by now.
	rmSync(join(dataDir, 'pglite', LOCK_FILE), { force: true });
	return launch(env, dataDir);
}

async function launch(env: Record<string, string>, dataDir: string): Promise<RunningServer> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let child: ChildProcess | undefined;
	let output = '';

	async function start() {
		child = spawn(process.execPath, [...TEST_V8_FLAGS, 'scripts/server.js'], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATA_DIR: dataDir,
				NODE_ENV: 'production',
				SHUTDOWN_TIMEOUT: '2',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const started = output.length;
		await new Promise<void>((resolve, reject) => {
			// A shared, loaded machine may need longer (the first start: migrations, demo data): TEST_SERVER_START_MS.
			const limit = Number(process.env.TEST_SERVER_START_MS) || 150_000;
			const timer = setTimeout(
				() =>
					reject(
						new Error(`server did not start:
${output}`)
					),
				limit
			);
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.slice(started).includes('Listening on')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child!.stdout!.on('data', onData);
			child!.stderr!.on('data', onData);
			child!.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
		});
	}

	async function stop() {
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child!.once('exit', resolve));
		child.kill('SIGTERM');
		const killer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(killer);
	}

	await start();
	return {
		origin,
		dataDir,
		output: () => output,
		printedCode: () => {
			const codes = [...output.matchAll(/code (\d{4} \d{4})/g)];
			return codes.at(-1)?.[1] ?? '';
		},
		stop,
		restart: async () => {
			await stop();
			await start();
		},
		cleanup: () => rmSync(dataDir, { recursive: true, force: true })
	};
}
