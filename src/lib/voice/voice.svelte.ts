import { getContext, setContext, untrack } from 'svelte';
import { ReadAloud, type Source, type Speed, type SynthLike, type UtteranceLike } from './read-aloud';
import { own } from '$lib/survey/own';

const SETTINGS_KEY = 'opstap.voice';
export const VOICE_KEY = Symbol('voice');

export interface VoiceSettings {
	autoRead: boolean;
	speed: Speed;
}

export function clipPath(lang: string, key: string, version: string): string {
	return `/voice/${lang}/${encodeURIComponent(key)}?v=${version}`;
}

/** The server voice speaking a text key; `version` is the language's server-voice version (changes with the texts). */
export function serverVoicePath(lang: string, key: string, version: string): string {
	return `/voice/tts/${lang}/${encodeURIComponent(key)}?v=${version}`;
}

/** The server voice speaking a page text with something filled in (a name, a date, a place): for a paired phone. */
export function pageTextPath(lang: string, text: string): string {
	return `/voice/say/${lang}?t=${encodeURIComponent(text)}`;
}

/** The longest page text the server voice speaks (as the server's MAX_PAGE_TEXT). */
const MAX_PAGE_TEXT = 400;

/** The page-wide read-aloud state: which text is being read (for the highlight) and the person's settings. */
export class Voice {
	reading = $state<string | null>(null);
	settings = $state<VoiceSettings>({ autoRead: false, speed: 'normal' });
	/**
	 * Becomes true once the device's voices are known. Until then (and in the server's render) a speaker shows what
	 * is certain — a clip, the server voice, or nothing — and a device voice, once found, can only add to that.
	 */
	ready = $state(false);
	private engine: ReadAloud | null = null;

	// Both replaced whole on each change ($state.raw): a plain object costs the phone nothing, where SvelteMap was
	// 2.5 KB gzip of every screen's JavaScript (issue 17).
	/** Clips of other languages, e.g. each language saying its own name on the language picker. */
	private otherClips = $state.raw<Readonly<Record<string, Record<string, string>>>>({});

	/** The server voice of other languages for some of their keys (language picker: each language's own name). */
	private otherServer = $state.raw<Readonly<Record<string, { version: string; keys: ReadonlySet<string> }>>>(
		{}
	);

	/**
	 * @param serverVersion this language's server-voice version, or null when the server has no voice for it
	 * @param storedText the page language's text of a key, unfilled: such a text is spoken by its key (one render
	 *   for everyone, kept on the server)
	 * @param pageTextLangs the languages in which the server voice speaks any other page text (a greeting with a
	 *   name, an appointment, a coach's message): only for a paired phone, empty otherwise
	 */
	constructor(
		readonly lang: string,
		private readonly clips: Record<string, string>,
		private readonly serverVersion: string | null = null,
		private readonly storedText: (key: string) => string | undefined = () => undefined,
		private readonly pageTextLangs: readonly string[] = []
	) {}

	addServerVoice(lang: string, version: string, keys: string[]): void {
		// Read untracked: a page adds these in an effect, which must not then depend on what it writes (a loop).
		const before = untrack(() => this.otherServer);
		this.otherServer = { ...before, [lang]: { version, keys: new Set(keys) } }; // eslint-disable-line svelte/prefer-svelte-reactivity
	}

	/** The server voice's URL for this text, or null when it would not speak it. */
	serverUrl(key: string, lang: string, text: string): string | null {
		if (lang !== this.lang) {
			const other = own(this.otherServer, lang);
			if (other?.keys.has(key)) return serverVoicePath(lang, key, other.version);
		} else if (this.serverVersion && !text.includes('{{') && this.storedText(key) === text) {
			return serverVoicePath(lang, key, this.serverVersion);
		}
		const trimmed = text.replace(/\s+/g, ' ').trim(); // as one line: the server refuses line breaks
		if (!this.pageTextLangs.includes(lang) || !trimmed || trimmed.length > MAX_PAGE_TEXT) return null;
		return pageTextPath(lang, trimmed);
	}

	/**
	 * Clips a page brings for its own texts, in any language, the page's own included: an activity's page brings the
	 * clips of its title and description (not in the language's clip list, which every page carries).
	 */
	addClips(lang: string, clips: Record<string, string>): void {
		const before = untrack(() => this.otherClips);
		const had = own(before, lang);
		if (had && Object.entries(clips).every(([key, version]) => own(had, key) === version)) return;
		this.otherClips = { ...before, [lang]: { ...had, ...clips } };
	}

	private clipVersion(key: string, lang: string): string | undefined {
		return (lang === this.lang ? own(this.clips, key) : undefined) ?? own(own(this.otherClips, lang), key);
	}

	/** Browser only: connects to Audio and speechSynthesis and reads the saved settings. */
	start(): void {
		if (this.engine) return;
		try {
			const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<VoiceSettings> | null;
			if (saved)
				this.settings = {
					autoRead: saved.autoRead === true,
					speed: saved.speed === 'slow' ? 'slow' : 'normal'
				};
		} catch {
			// unreadable settings: keep the defaults
		}
		const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
		this.engine = new ReadAloud({
			clipUrl: (key, lang) => {
				const version = this.clipVersion(key, lang);
				return version ? clipPath(lang, key, version) : null;
			},
			createAudio: (url) => new Audio(url),
			// The DOM types are wider than what ReadAloud uses; it only touches the members in SynthLike/UtteranceLike.
			synth: synth as unknown as SynthLike | null,
			createUtterance: (text) => new SpeechSynthesisUtterance(text) as unknown as UtteranceLike
		});
		void this.engine.loadVoices().then(() => (this.ready = true));
	}

	save(settings: VoiceSettings): void {
		this.settings = settings;
		localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
	}

	/**
	 * The clip URLs of recorded words that together say a text (a date: weekday, day, month, hour, "o'clock"), or
	 * null unless every one of them is recorded in this language.
	 */
	private wordUrls(words: readonly string[] | undefined, lang: string): string[] | null {
		if (!words?.length) return null;
		const urls: string[] = [];
		for (const word of words) {
			const version = this.clipVersion(word, lang);
			if (!version) return null;
			urls.push(clipPath(lang, word, version));
		}
		return urls;
	}

	/**
	 * What a speaker will do: known from the first paint for clips, recorded words and the server voice, device voices
	 * once loaded. `words`: the keys of recorded words that can say this text when it has no clip of its own.
	 */
	source(key: string, text: string, lang = this.lang, words?: readonly string[]): Source {
		if (this.clipVersion(key, lang)) return 'clip';
		const composed = this.wordUrls(words, lang);
		const server = this.serverUrl(key, lang, text);
		if (!this.engine || !this.ready) return composed ? 'clip' : server ? 'server' : 'none';
		return this.engine.source(key, lang, server, composed);
	}

	/** Tap on a speaker: read this text, or stop when it is already being read. */
	async toggle(key: string, text: string, lang = this.lang, words?: readonly string[]): Promise<Source> {
		if (!this.engine) return 'none';
		const id = readingId(key, lang, this.lang);
		if (this.reading === id) {
			this.engine.stop();
			this.reading = null;
			return 'none';
		}
		this.reading = id;
		try {
			return await this.engine.speak(
				key,
				text,
				lang,
				this.settings.speed,
				this.serverUrl(key, lang, text),
				this.wordUrls(words, lang)
			);
		} finally {
			if (this.reading === id) this.reading = null;
		}
	}

	/**
	 * Says a notice of the app aloud (e.g. "no sound yet — ask your coach" after a tap on a silent speaker), where
	 * anything can speak it in the page's language: its clip, a device voice or the server voice. Not marked as
	 * reading (no speaker belongs to it). 'none' when nothing can (Somali without a clip: the pictures say it).
	 */
	async sayNotice(key: string, text: string): Promise<Source> {
		if (!this.engine || this.source(key, text) === 'none') return 'none';
		return this.engine.speak(key, text, this.lang, this.settings.speed, this.serverUrl(key, this.lang, text));
	}

	stop(): void {
		this.engine?.stop();
		this.reading = null;
	}

	/** All clip addresses of this language, so the service worker can keep them for offline use. */
	clipUrls(): string[] {
		return Object.entries(this.clips).map(([key, version]) => clipPath(this.lang, key, version));
	}
}

/** What `reading` holds: the key, with the language when it is not the page's own. */
export function readingId(key: string, lang: string, pageLang: string): string {
	return lang === pageLang ? key : `${lang}:${key}`;
}

export function setVoice(voice: { readonly current: Voice }): void {
	setContext(VOICE_KEY, voice);
}

export function useVoice(): Voice {
	const holder = getContext<{ readonly current: Voice } | undefined>(VOICE_KEY);
	if (!holder) throw new Error('useVoice() outside the root layout');
	return holder.current;
}
