import { describe, expect, it } from 'vitest';
import {
	pickVoice,
	ReadAloud,
	splitForSpeech,
	type AudioLike,
	type SynthLike,
	type UtteranceLike,
	type VoiceLike
} from '../../src/lib/voice/read-aloud';

/** A fake Audio: records what was played; `fail` makes it error like a clip that cannot load. */
class FakeAudio implements AudioLike {
	static played: string[] = [];
	playbackRate = 1;
	preservesPitch = false;
	private listeners: Record<string, (() => void)[]> = {};
	constructor(
		readonly url: string,
		private readonly fail = false
	) {}
	play() {
		if (this.fail) {
			queueMicrotask(() => this.listeners.error?.forEach((l) => l()));
			return Promise.resolve();
		}
		FakeAudio.played.push(`${this.url}@${this.playbackRate}`);
		setTimeout(() => this.listeners.ended?.forEach((l) => l()), 5);
		return Promise.resolve();
	}
	pause() {}
	addEventListener(type: 'ended' | 'error', listener: () => void) {
		(this.listeners[type] ??= []).push(listener);
	}
}

/** A fake speechSynthesis whose voices can arrive late, like Chrome's. */
class FakeSynth implements SynthLike {
	spoken: { text: string; lang: string; voice: string; rate: number }[] = [];
	cancelled = 0;
	private listeners: (() => void)[] = [];
	constructor(private voices: VoiceLike[]) {}
	getVoices() {
		return this.voices;
	}
	arrive(voices: VoiceLike[]) {
		this.voices = voices;
		this.listeners.forEach((l) => l());
	}
	speak(u: UtteranceLike & { text?: string }) {
		this.spoken.push({ text: u.text ?? '', lang: u.lang, voice: u.voice?.name ?? '', rate: u.rate });
		setTimeout(() => u.onend?.(), 1);
	}
	cancel() {
		this.cancelled++;
	}
	addEventListener(_type: 'voiceschanged', l: () => void) {
		this.listeners.push(l);
	}
	removeEventListener(_type: 'voiceschanged', l: () => void) {
		this.listeners = this.listeners.filter((x) => x !== l);
	}
}

const voice = (lang: string, name: string, extra: Partial<VoiceLike> = {}): VoiceLike => ({
	lang,
	name,
	localService: true,
	default: false,
	...extra
});

function setup(options: {
	clips?: Record<string, string>;
	voices?: VoiceLike[];
	synth?: FakeSynth | null;
	brokenClips?: boolean;
}) {
	FakeAudio.played = [];
	const synth = options.synth === undefined ? new FakeSynth(options.voices ?? []) : options.synth;
	const readAloud = new ReadAloud({
		clipUrl: (key, lang) => options.clips?.[`${lang}:${key}`] ?? null,
		createAudio: (url) => new FakeAudio(url, options.brokenClips),
		synth,
		createUtterance: (text) =>
			({ text, lang: '', rate: 1, voice: null, onend: null, onerror: null }) as UtteranceLike,
		voicesTimeoutMs: 20
	});
	return { readAloud, synth };
}

describe('read-aloud: clip, then device voice, then server voice, then unavailable', () => {
	it('plays the recorded clip when there is one, even if a device voice exists', async () => {
		const { readAloud, synth } = setup({
			clips: { 'ti:home.intro': '/voice/ti/home.intro?v=1' },
			voices: [voice('ti-ER', 'x')]
		});
		expect(await readAloud.speak('home.intro', 'እንታይ', 'ti')).toBe('clip');
		expect(FakeAudio.played).toEqual(['/voice/ti/home.intro?v=1@1']);
		expect(synth!.spoken).toEqual([]);
	});

	it('speaks with the device voice when there is no clip, and slower when asked', async () => {
		const { readAloud, synth } = setup({ voices: [voice('en-US', 'Eve'), voice('ar-SA', 'Maged')] });
		expect(await readAloud.speak('home.intro', 'ماذا تريد أن تفعل؟', 'ar', 'slow')).toBe('voice');
		expect(synth!.spoken).toEqual([{ text: 'ماذا تريد أن تفعل؟', lang: 'ar-SA', voice: 'Maged', rate: 0.7 }]);
		expect(FakeAudio.played).toEqual([]);
	});

	it('falls back to the device voice when the clip cannot load (offline, not cached)', async () => {
		const { readAloud, synth } = setup({
			clips: { 'nl:home.intro': '/voice/nl/home.intro?v=1' },
			voices: [voice('nl-NL', 'Xander')],
			brokenClips: true
		});
		expect(await readAloud.speak('home.intro', 'Wat wil je doen?', 'nl')).toBe('voice');
		expect(synth!.spoken.map((s) => s.voice)).toEqual(['Xander']);
	});

	it('says unavailable for Tigrinya without a clip: phones have no Tigrinya voice', async () => {
		const { readAloud } = setup({ voices: [voice('nl-NL', 'Xander'), voice('en-GB', 'Kate')] });
		expect(readAloud.source('home.intro', 'ti')).toBe('none');
		expect(await readAloud.speak('home.intro', 'እንታይ', 'ti')).toBe('none');
	});

	it('uses the server voice after a device voice, before nothing', async () => {
		const server = '/voice/tts/ti/home.intro?v=1';
		const withVoice = setup({ voices: [voice('fa-IR', 'Dariush')] });
		await withVoice.readAloud.loadVoices();
		expect(withVoice.readAloud.source('home.intro', 'fa', '/voice/tts/fa/home.intro?v=1')).toBe('voice');
		const { readAloud } = setup({ voices: [voice('nl-NL', 'Xander')] });
		await readAloud.loadVoices();
		expect(readAloud.source('home.intro', 'ti', server)).toBe('server');
		expect(await readAloud.speak('home.intro', 'እንታይ', 'ti', 'normal', server)).toBe('server');
		expect(FakeAudio.played).toEqual([`${server}@1`]);
	});

	it('says unavailable when the browser has no speech at all', async () => {
		const { readAloud } = setup({ synth: null });
		expect(await readAloud.speak('home.intro', 'Wat wil je doen?', 'nl')).toBe('none');
	});

	it('waits for voices that arrive late (Chrome loads them after the page)', async () => {
		const synth = new FakeSynth([]);
		const { readAloud } = setup({ synth });
		const speaking = readAloud.speak('home.intro', 'Merhaba', 'tr');
		setTimeout(() => synth.arrive([voice('tr-TR', 'Yelda')]), 5);
		expect(await speaking).toBe('voice');
		expect(synth.spoken[0]?.voice).toBe('Yelda');
	});

	it('says a date from recorded words after a device voice, before the server voice, and stops between words', async () => {
		const words = [
			'/voice/so/words%3Aweekday.4?v=1',
			'/voice/so/words%3Anumber.26?v=1',
			'/voice/so/words%3Amonth.11?v=1'
		];
		const server = '/voice/say/so?t=x';
		const { readAloud } = setup({ voices: [voice('nl-NL', 'Xander')] });
		await readAloud.loadVoices();
		expect(readAloud.source('appointment-when:1', 'so', server, words)).toBe('clip');
		expect(
			await readAloud.speak('appointment-when:1', 'Khamiis, Noofeembar 26', 'so', 'normal', server, words)
		).toBe('clip');
		expect(FakeAudio.played).toEqual(words.map((w) => `${w}@1`));
		// A stop during the first word ends the sequence: the next words are not played.
		FakeAudio.played = [];
		const speaking = readAloud.speak('appointment-when:1', 'Khamiis', 'so', 'slow', null, words);
		await new Promise((r) => setTimeout(r, 1));
		readAloud.stop();
		expect(await speaking).toBe('clip');
		expect(FakeAudio.played).toEqual([`${words[0]}@0.8`]);
		// A device voice speaks the whole sentence better than words put together.
		const withVoice = setup({ voices: [voice('nl-NL', 'Xander')] });
		await withVoice.readAloud.loadVoices();
		expect(withVoice.readAloud.source('appointment-when:1', 'nl', null, words)).toBe('voice');
		// A word that cannot load: the server voice says the whole text instead.
		const broken = setup({ voices: [], brokenClips: true });
		expect(await broken.readAloud.speak('appointment-when:1', 'x', 'ti', 'normal', server, words)).toBe(
			'none'
		);
	});

	it('cancels what was queued before speaking, and stops on request', async () => {
		const { readAloud, synth } = setup({ voices: [voice('pl-PL', 'Zosia')] });
		await readAloud.speak('a', 'Jeden.', 'pl');
		expect(synth!.cancelled).toBeGreaterThan(0);
	});
});

describe('choosing a device voice', () => {
	it('prefers the language’s own country, then local voices, then the default', () => {
		const voices = [
			voice('nl-BE', 'Ellen'),
			voice('nl-NL', 'Xander', { localService: false }),
			voice('nl-NL', 'Claire')
		];
		expect(pickVoice(voices, 'nl')?.name).toBe('Claire');
		expect(pickVoice([voice('fa-IR', 'Dariush'), voice('ar-SA', 'Maged')], 'fa')?.name).toBe('Dariush');
		expect(pickVoice([voice('uk_UA', 'Lesya')], 'uk')?.name).toBe('Lesya');
		expect(pickVoice([voice('en-US', 'Eve')], 'so')).toBeNull();
	});
});

describe('splitting long texts (Chrome stops an utterance after about 15 seconds)', () => {
	it('keeps short texts whole and splits long ones at sentence ends', () => {
		expect(splitForSpeech('Kort.')).toEqual(['Kort.']);
		const long = Array.from(
			{ length: 10 },
			(_, i) => `Dit is zin nummer ${i + 1} van een lange uitleg.`
		).join(' ');
		const parts = splitForSpeech(long, 100);
		expect(parts.length).toBeGreaterThan(3);
		expect(parts.join(' ')).toBe(long);
		for (const p of parts) expect(p.length).toBeLessThanOrEqual(100);
		expect(splitForSpeech('ሰላም። ከመይ ኣለኻ?', 6)).toEqual(['ሰላም።', 'ከመይ ኣለኻ?']);
	});
});
