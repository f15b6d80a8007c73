/**
 * Read-aloud: for one text key in one language, play in this order
 *   1. a recorded clip for that key and language (the voice studio), else
 *   2. a device voice for that language (Web Speech API), else
 *   3. recorded words that together say it (a date: "Thursday", "26", "November", "10", "o'clock"), else
 *   4. the server voice (eSpeak NG on the server, for the app's fixed texts in languages it has), else
 *   5. nothing: the speaker shows as unavailable.
 * Recorded audio and the server voice are both played from a URL: the caller knows whether one exists for a text.
 * Plain TypeScript with the browser parts passed in, so the order can be tested with fakes.
 */

export type Source = 'clip' | 'voice' | 'server' | 'none';
export type Speed = 'normal' | 'slow';

export interface AudioLike {
	playbackRate: number;
	preservesPitch?: boolean;
	play(): Promise<void>;
	pause(): void;
	addEventListener(type: 'ended' | 'error', listener: () => void): void;
}

export interface UtteranceLike {
	lang: string;
	rate: number;
	voice: VoiceLike | null;
	onend: (() => void) | null;
	onerror: ((event: { error?: string }) => void) | null;
}

export interface VoiceLike {
	lang: string;
	name: string;
	localService: boolean;
	default: boolean;
}

export interface SynthLike {
	getVoices(): VoiceLike[];
	speak(utterance: UtteranceLike): void;
	cancel(): void;
	resume?(): void;
	addEventListener?(type: 'voiceschanged', listener: () => void): void;
	removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

export interface ReadAloudDeps {
	/** URL of the recorded clip for this key in this language, or null when none is recorded. */
	clipUrl(key: string, lang: string): string | null;
	createAudio(url: string): AudioLike;
	synth: SynthLike | null;
	createUtterance(text: string): UtteranceLike;
	/** How long to wait for the device's voice list (it often arrives late, after `voiceschanged`). */
	voicesTimeoutMs?: number;
}

const RATE: Record<Speed, { clip: number; voice: number }> = {
	normal: { clip: 1, voice: 1 },
	slow: { clip: 0.8, voice: 0.7 }
};

/**
 * The best device voice for a language: same language with the same region first (nl-NL for nl), then any voice
 * of that language; local voices before network ones (they work offline), the default voice as tie-breaker.
 */
export function pickVoice(voices: VoiceLike[], lang: string): VoiceLike | null {
	const base = lang.toLowerCase().split('-')[0]!;
	const normalise = (tag: string) => tag.toLowerCase().replace('_', '-');
	const candidates = voices.filter((v) => normalise(v.lang).split('-')[0] === base);
	if (!candidates.length) return null;
	const score = (v: VoiceLike) => {
		const tag = normalise(v.lang);
		return (
			(tag === `${base}-${base}` ? 4 : 0) + // nl-nl, pl-pl, tr-tr…
			(tag === lang.toLowerCase() ? 4 : 0) +
			(v.localService ? 2 : 0) +
			(v.default ? 1 : 0)
		);
	};
	return [...candidates].sort((a, b) => score(b) - score(a))[0]!;
}

/** Chrome cuts off an utterance after about 15 seconds: speak long texts sentence by sentence. */
export function splitForSpeech(text: string, maxLength = 160): string[] {
	const sentences = text.match(/[^.!?։።؟]+[.!?։።؟]*\s*/g) ?? [text];
	const parts: string[] = [];
	for (const sentence of sentences.map((s) => s.trim()).filter(Boolean)) {
		const last = parts.at(-1);
		if (last && last.length + sentence.length + 1 <= maxLength)
			parts[parts.length - 1] = `${last} ${sentence}`;
		else parts.push(sentence);
	}
	return parts.length ? parts : [text];
}

export class ReadAloud {
	private voices: VoiceLike[] = [];
	private voicesLoaded: Promise<void> | null = null;
	private stopCurrent: (() => void) | null = null;
	/** Keeps the current utterances referenced: Chrome drops `onend` of utterances that were garbage-collected. */
	private speaking: UtteranceLike[] = [];

	constructor(private readonly deps: ReadAloudDeps) {}

	/** Waits (briefly) for the device's voices: `getVoices()` is empty until Chrome has loaded them. */
	loadVoices(): Promise<void> {
		const synth = this.deps.synth;
		if (!synth) return Promise.resolve();
		this.voices = synth.getVoices();
		if (this.voices.length) return Promise.resolve();
		this.voicesLoaded ??= new Promise<void>((resolve) => {
			const done = () => {
				this.voices = synth.getVoices();
				synth.removeEventListener?.('voiceschanged', done);
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(done, this.deps.voicesTimeoutMs ?? 1500);
			synth.addEventListener?.('voiceschanged', done);
		});
		return this.voicesLoaded;
	}

	/**
	 * Which source would speak this text, without speaking. `serverUrl`: the server voice's URL for it, if any;
	 * `words`: the URLs of recorded words that together say it, if every one of them is recorded.
	 */
	source(key: string, lang: string, serverUrl: string | null = null, words: string[] | null = null): Source {
		if (this.deps.clipUrl(key, lang)) return 'clip';
		if (this.deps.synth && pickVoice(this.voices, lang)) return 'voice';
		if (words?.length) return 'clip';
		if (serverUrl) return 'server';
		return 'none';
	}

	/** Counts stops, so that a sequence of recorded words ends at a stop instead of going on to its next word. */
	private stops = 0;

	stop(): void {
		this.stops++;
		this.stopCurrent?.();
		this.stopCurrent = null;
	}

	/** Speaks and resolves when done (or stopped) with the source used; 'none' when nothing could speak. */
	async speak(
		key: string,
		text: string,
		lang: string,
		speed: Speed = 'normal',
		serverUrl: string | null = null,
		words: string[] | null = null
	): Promise<Source> {
		this.stop();
		const url = this.deps.clipUrl(key, lang);
		if (url) {
			const played = await this.playClip(url, speed);
			if (played) return 'clip';
		}
		await this.loadVoices();
		const voice = this.deps.synth ? pickVoice(this.voices, lang) : null;
		if (voice && this.deps.synth) {
			await this.speakWithVoice(this.deps.synth, voice, text, lang, speed);
			return 'voice';
		}
		// A human voice's recorded words, one after another, before the robotic server voice.
		if (words?.length && (await this.playWords(words, speed))) return 'clip';
		// The server voice is robotic: after a device voice, before nothing.
		if (serverUrl && (await this.playClip(serverUrl, speed))) return 'server';
		return 'none';
	}

	/** Plays recorded words in order; false when one cannot load (the next source speaks the whole text). */
	private async playWords(urls: string[], speed: Speed): Promise<boolean> {
		const stops = this.stops;
		for (const url of urls) {
			if (this.stops !== stops) return true;
			if (!(await this.playClip(url, speed))) return false;
		}
		return true;
	}

	private playClip(url: string, speed: Speed): Promise<boolean> {
		const audio = this.deps.createAudio(url);
		audio.playbackRate = RATE[speed].clip;
		audio.preservesPitch = true;
		return new Promise<boolean>((resolve) => {
			let settled = false;
			const finish = (ok: boolean) => {
				if (settled) return;
				settled = true;
				this.stopCurrent = null;
				resolve(ok);
			};
			this.stopCurrent = () => {
				audio.pause();
				finish(true);
			};
			audio.addEventListener('ended', () => finish(true));
			// A clip that cannot load (offline and never cached, or broken) falls through to the next source.
			audio.addEventListener('error', () => finish(false));
			audio.play().catch(() => finish(false));
		});
	}

	private async speakWithVoice(synth: SynthLike, voice: VoiceLike, text: string, lang: string, speed: Speed) {
		synth.cancel(); // a queued utterance from another screen would otherwise play first
		let stopped = false;
		this.stopCurrent = () => {
			stopped = true;
			synth.cancel();
		};
		for (const part of splitForSpeech(text)) {
			if (stopped) break;
			const utterance = this.deps.createUtterance(part);
			utterance.lang = voice.lang || lang;
			utterance.voice = voice;
			utterance.rate = RATE[speed].voice;
			this.speaking.push(utterance);
			await new Promise<void>((resolve) => {
				utterance.onend = () => resolve();
				utterance.onerror = () => resolve();
				synth.speak(utterance);
				synth.resume?.(); // Chrome can stay paused after a tab was in the background
			});
			this.speaking = this.speaking.filter((u) => u !== utterance);
		}
		this.stopCurrent = null;
	}
}
