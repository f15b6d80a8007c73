// `node bench/voice.js`: what the server voice costs (issue 12 §2). Runs the built app on a fresh embedded database
// and asks the server voice (eSpeak NG as WebAssembly) for the texts a participant hears most: the app's own texts
// and the first intake module, in Persian, Tigrinya and Dutch.
//   - first pass, one phone: every text is rendered once; render time per second of speech, bytes per second;
//   - then 10 phones open the same screens (4 requests at a time each): served from the cache;
//   - the hit rate over the whole run, from the response's Server-Timing (`voice;desc="cache"` or `"render"`).
// Somali has no server voice (eSpeak has none): it speaks only through recorded clips.
import { existsSync, readFileSync } from 'node:fs';
import { startServer } from './server.js';

if (!existsSync('build/index.js')) throw new Error('Build first: npm run build');
const LANGUAGES = ['fa', 'ti', 'nl'];
const PHONES = 10;
const WAV_HEADER = 44;
const BYTES_PER_SECOND = 16000; // μ-law, 16 kHz, mono: one byte per sample

/** Keys of a locale file without placeholders (those are spoken by /voice/say, never stored). */
function keysOf(lang, namespace, prefix, limit) {
	const out = [];
	const walk = (node, path) => {
		for (const [k, v] of Object.entries(node)) {
			if (out.length >= limit) return;
			const key = path ? `${path}.${k}` : k;
			if (typeof v === 'string') {
				if (!v.includes('{{') && v.trim()) out.push(prefix + key);
			} else walk(v, key);
		}
	};
	walk(JSON.parse(readFileSync(`locales/${lang}/${namespace}.json`, 'utf8')), '');
	return out;
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const p95 = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};

const server = await startServer();
try {
	const rows = [];
	for (const lang of LANGUAGES) {
		const keys = [...keysOf(lang, 'participant', '', 60), ...keysOf(lang, 'survey', 'survey:', 30)];
		let hits = 0;
		let renders = 0;
		const renderMsPerSecond = [];
		const renderMs = [];
		let bytes = 0;
		let seconds = 0;
		const fetchOne = async (key) => {
			const started = performance.now();
			const response = await fetch(`${server.origin}/voice/tts/${lang}/${encodeURIComponent(key)}`);
			const body = new Uint8Array(await response.arrayBuffer());
			const ms = performance.now() - started;
			if (response.status !== 200) return { status: response.status, ms };
			const cached = /desc="cache"/.test(response.headers.get('server-timing') ?? '');
			if (cached) hits++;
			else renders++;
			return { status: 200, ms, cached, bytes: body.byteLength };
		};
		// First pass: one phone, one text after another (renders run one at a time on the server anyway).
		for (const key of keys) {
			const r = await fetchOne(key);
			if (r.status !== 200 || r.cached) continue;
			const speech = (r.bytes - WAV_HEADER) / BYTES_PER_SECOND;
			bytes += r.bytes;
			seconds += speech;
			renderMs.push(r.ms);
			if (speech > 0) renderMsPerSecond.push(r.ms / speech);
		}
		// Then ten phones open the same screens.
		const hitMs = [];
		await Promise.all(
			Array.from({ length: PHONES }, async () => {
				for (let i = 0; i < keys.length; i += 4) {
					const batch = await Promise.all(keys.slice(i, i + 4).map(fetchOne));
					for (const r of batch) if (r.status === 200 && r.cached) hitMs.push(r.ms);
				}
			})
		);
		rows.push({
			language: lang,
			texts: keys.length,
			'speech (s)': seconds.toFixed(1),
			'render ms, median': Math.round(median(renderMs)),
			'render ms per s of speech': Math.round(median(renderMsPerSecond)),
			'bytes per s of speech': Math.round(bytes / seconds),
			'cached answer ms, p50 / p95': `${median(hitMs).toFixed(1)} / ${p95(hitMs).toFixed(1)}`,
			'hit rate': `${((100 * hits) / (hits + renders)).toFixed(1)} %`
		});
	}
	console.table(rows);
} finally {
	await server.stop();
}
