// Messages: how many participant messages per second the send path (/api/sync, kind "message") stores, on PGlite
// and on PostgreSQL (when a server answers at BENCH_DATABASE_URL / TEST_DATABASE_URL or the default test server);
// and how large a one-minute voice note is as the phone records it (Chromium's MediaRecorder with the app's
// settings: Opus in WebM at 24 kbit/s, fake microphone).
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { onEachEngine, startServer } from './server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const VOICE_SECONDS = Number(process.env.BENCH_VOICE_SECONDS ?? 60);
const CLIENTS = 4;

async function pair(origin, code) {
	const paired = await fetch(`${origin}/pair`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: `code=${code}`,
		redirect: 'manual'
	});
	return paired.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** `batch` messages per request: 1 is a phone sending as it goes, 20 a phone emptying its outbox after a day offline. */
async function throughput(origin, cookie, batch) {
	let stored = 0;
	let requests = 0;
	const until = Date.now() + SECONDS * 1000;
	const client = async () => {
		while (Date.now() < until) {
			const entries = Array.from({ length: batch }, (_, i) => ({
				kind: 'message',
				clientId: randomUUID(),
				at: new Date().toISOString(),
				data: i % 3 === 0 ? { kind: 'quick', quick: 'late' } : { kind: 'text', text: `Bericht ${i}` }
			}));
			const response = await fetch(`${origin}/api/sync`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ entries })
			});
			const body = await response.json();
			stored += body.results.filter((r) => r.status === 'stored').length;
			requests++;
		}
	};
	const started = Date.now();
	await Promise.all(Array.from({ length: CLIENTS }, client));
	const seconds = (Date.now() - started) / 1000;
	return {
		batch,
		messagesPerSecond: Math.round(stored / seconds),
		requestsPerSecond: Math.round(requests / seconds)
	};
}

async function run(label, databaseUrl) {
	const server = await startServer({ DEMO_DATA: '1', DATABASE_URL: databaseUrl ?? undefined });
	try {
		const cookie = await pair(server.origin, server.code());
		return {
			label,
			single: await throughput(server.origin, cookie, 1),
			batch: await throughput(server.origin, cookie, 20)
		};
	} finally {
		await server.stop();
	}
}

async function voiceNoteBytes() {
	const server = await startServer({ DEMO_DATA: '1' });
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']
	});
	try {
		const page = await browser.newPage();
		await page.goto(`${server.origin}/about`);
		return await page.evaluate(async (seconds) => {
			const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
			const mimeType = 'audio/webm;codecs=opus';
			const recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 24_000 });
			const chunks = [];
			recorder.ondataavailable = (e) => chunks.push(e.data);
			const done = new Promise((resolve) => (recorder.onstop = resolve));
			recorder.start(1000);
			await new Promise((r) => setTimeout(r, seconds * 1000));
			recorder.stop();
			await done;
			stream.getTracks().forEach((t) => t.stop());
			return { seconds, mimeType, bytes: new Blob(chunks).size };
		}, VOICE_SECONDS);
	} finally {
		await browser.close();
		await server.stop();
	}
}

const results = await onEachEngine(run);
console.log(JSON.stringify({ send: results, voice: await voiceNoteBytes() }));
