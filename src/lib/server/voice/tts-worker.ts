import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * eSpeak NG off the server's main thread: one long-lived `worker_threads` Worker, started on the first render,
 * that loads the engine once and synthesises one text per message (in order, one at a time). A render of a long
 * text takes up to a second of CPU; on the main thread that second would stall every other request.
 *
 * The worker's code is a string run with `eval: true`, not a file beside this one: adapter-node bundles this module
 * into build/server/chunks/, where a `new URL('./worker.js', import.meta.url)` would point at nothing. The engine
 * itself is not bundled (a dependency stays in node_modules), so the worker imports it by an absolute file URL
 * resolved here, which is the same in `vite dev`, the tests and the built server.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let ready = null;
function engine() {
	ready ??= import(workerData.engineUrl).then(async ({ default: Module }) => new (await Module()).eSpeakNGWorker());
	return ready;
}
parentPort.on('message', async ({ id, voice, text }) => {
	try {
		const worker = await engine();
		const chunks = [];
		worker.set_voice(voice);
		worker.synthesize(text, (samples) => { if (samples && samples.length) chunks.push(new Int16Array(samples)); });
		let length = 0;
		for (const chunk of chunks) length += chunk.length;
		const all = new Int16Array(length);
		let offset = 0;
		for (const chunk of chunks) { all.set(chunk, offset); offset += chunk.length; }
		parentPort.postMessage({ id, samples: all, rate: worker.samplerate }, [all.buffer]);
	} catch (e) {
		ready = null;
		parentPort.postMessage({ id, error: String((e && e.stack) || e) });
	}
});
`;

const ENGINE = '@echogarden/espeak-ng-emscripten';

function engineUrl(): string {
	let path: string;
	try {
		path = createRequire(import.meta.url).resolve(ENGINE);
	} catch {
		path = createRequire(join(process.cwd(), 'package.json')).resolve(ENGINE);
	}
	return pathToFileURL(path).href;
}

interface Pending {
	resolve(result: { samples: Int16Array; rate: number }): void;
	reject(error: Error): void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
	for (const p of pending.values()) p.reject(error);
	pending.clear();
}

function start(): Worker {
	const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { engineUrl: engineUrl() } });
	w.on('message', (m: { id: number; samples?: Int16Array; rate?: number; error?: string }) => {
		const p = pending.get(m.id);
		pending.delete(m.id);
		if (pending.size === 0) w.unref();
		if (!p) return;
		if (m.error || !m.samples || !m.rate) p.reject(new Error(m.error ?? 'server voice: no samples'));
		else p.resolve({ samples: m.samples, rate: m.rate });
	});
	w.on('error', (e) => {
		if (worker === w) worker = null;
		failAll(e instanceof Error ? e : new Error(String(e)));
	});
	w.on('exit', () => {
		if (worker === w) worker = null;
		failAll(new Error('server voice: the worker stopped'));
	});
	// An idle worker does not keep the process alive; one that is rendering does (see synthesize).
	w.unref();
	return w;
}

/** eSpeak NG's samples (16-bit, at the engine's rate) for one text in one voice, made on the worker thread. */
export function synthesize(voice: string, text: string): Promise<{ samples: Int16Array; rate: number }> {
	worker ??= start();
	const w = worker;
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		w.ref();
		w.postMessage({ id, voice, text });
	});
}

/** Stops the worker (at shutdown, and after tests): what is still rendering fails, the next render starts anew. */
export async function stopSynthesis(): Promise<void> {
	const w = worker;
	worker = null;
	if (w) await w.terminate();
	failAll(new Error('server voice: stopped'));
}
