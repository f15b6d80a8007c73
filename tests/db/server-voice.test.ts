import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import type { Database } from '../../src/lib/server/db';
import {
	render,
	serverSpeech,
	serverVoiceText,
	serverVoiceVersion,
	stats,
	stopServerVoice
} from '../../src/lib/server/voice/tts';
import { muLawWav, resample } from '../../src/lib/server/voice/wav';

/** Reads a WAV header: format, rate and duration, as a browser would. */
function wavInfo(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
	const rate = view.getUint32(24, true);
	return {
		riff: ascii(0),
		wave: ascii(8),
		format: view.getUint16(20, true),
		rate,
		seconds: view.getUint32(54, true) / view.getUint32(28, true)
	};
}

describe.each(ENGINES)('server voice (eSpeak NG) on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
	});
	afterAll(() => database.close());

	it.each(['fa', 'ti'] as const)(
		'speaks a %s text with the real engine, once, then from the cache',
		async (lang) => {
			const first = await serverSpeech(database.db, lang, 'home.intro');
			if (!first.ok) throw new Error(`no speech: ${first.reason}`);
			expect(first.cached).toBe(false);
			const info = wavInfo(first.speech.audio);
			expect(info).toMatchObject({ riff: 'RIFF', wave: 'WAVE', format: 7, rate: 16_000 });
			expect(info.seconds).toBeGreaterThan(0.5);
			expect(info.seconds).toBeLessThan(30);
			const bytesPerSecond = first.speech.audio.byteLength / info.seconds;
			expect(bytesPerSecond).toBeLessThan(16_500);
			console.info(
				`server voice ${lang} (${engine}): ${info.seconds.toFixed(2)} s of speech, ${first.speech.audio.byteLength} bytes (${Math.round(bytesPerSecond)} B/s), rendered in ${first.speech.renderMs} ms`
			);

			const hits = stats.hits;
			const second = await serverSpeech(database.db, lang, 'home.intro');
			expect(second.ok && second.cached).toBe(true);
			expect(stats.hits).toBe(hits + 1);
			expect(
				second.ok && Buffer.compare(Buffer.from(second.speech.audio), Buffer.from(first.speech.audio))
			).toBe(0);
		}
	);

	it('speaks only the app’s own fixed texts, in languages eSpeak has', async () => {
		expect(serverVoiceVersion('so')).toBeNull();
		expect(await serverSpeech(database.db, 'so', 'home.intro')).toEqual({ ok: false, reason: 'none' });
		expect(await serverSpeech(database.db, 'fa', 'no.such.text')).toEqual({ ok: false, reason: 'none' });
		expect(serverVoiceText('fa', 'pair.triesLeft_one')).toBeNull(); // has a placeholder
		expect(serverVoiceVersion('fa')).toMatch(/^[0-9a-f]{16}$/);
	});
});

describe('server voice off the main thread', () => {
	afterAll(() => stopServerVoice());

	it('renders two long texts while the event loop stays responsive', async () => {
		const long = (lang: 'fa' | 'ti') => {
			const text = serverVoiceText(lang, 'home.intro');
			if (!text) throw new Error(`no text for ${lang}`);
			return `${text} `.repeat(8);
		};
		let ticks = 0;
		let last = performance.now();
		let longestGap = 0;
		const timer = setInterval(() => {
			const now = performance.now();
			longestGap = Math.max(longestGap, now - last);
			last = now;
			ticks++;
		}, 10);
		const started = performance.now();
		try {
			const [fa, ti] = await Promise.all([render('fa', long('fa')), render('ti', long('ti'))]);
			expect(fa.durationMs).toBeGreaterThan(5_000);
			expect(ti.durationMs).toBeGreaterThan(5_000);
		} finally {
			clearInterval(timer);
		}
		const elapsed = performance.now() - started;
		console.info(
			`two renders in ${Math.round(elapsed)} ms: ${ticks} timer ticks, longest gap ${Math.round(longestGap)} ms`
		);
		// On the main thread the timer would not fire at all until a render finished: the longest gap would be at least
		// half of the whole (two renders). A loaded machine (CI) delays a timer now and then, so the bound is not tighter.
		expect(ticks).toBeGreaterThan(elapsed / 10 / 4);
		expect(longestGap).toBeLessThan(Math.max(150, elapsed / 2));
	});

	it('starts anew after being stopped', async () => {
		await stopServerVoice();
		const speech = await render('nl', 'Hallo');
		expect(speech.durationMs).toBeGreaterThan(100);
	});
});

describe('μ-law WAV', () => {
	it('resamples 22,050 Hz to 16 kHz and stores one byte per sample', () => {
		const tone = Int16Array.from({ length: 22_050 }, (_, i) =>
			Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 22_050))
		);
		const down = resample(tone, 22_050, 16_000);
		expect(down.length).toBe(16_000);
		// The tone survives: its peak stays near 8000.
		expect(Math.max(...down.subarray(100, 15_900))).toBeGreaterThan(7_500);
		const wav = muLawWav(down, 16_000);
		expect(wav.byteLength).toBe(58 + 16_000);
	});
});
