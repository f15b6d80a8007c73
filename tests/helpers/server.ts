import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Runs the built app (scripts/server.js on build/) the way `npm start` does, on its own port and data directory. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<RunningServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'opstap-e2e-'));
	const origin = `http://127.0.0.1:${port}`;
	let child: ChildProcess | undefined;
	let output = '';

	async function start() {
		child = spawn(process.execPath, ['scripts/server.js'], {
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
