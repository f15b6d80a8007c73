import { getContext, setContext } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { ReadAloud, type Source, type Speed, type SynthLike, type UtteranceLike } from './read-aloud';

const SETTINGS_KEY = 'opstap.voice';
export const VOICE_KEY = Symbol('voice');

export interface VoiceSettings {
	autoRead: boolean;
	speed: Speed;
}

export function clipPath(lang: string, key: string, version: string): string {
	return `/voice/${lang}/${encodeURIComponent(key)}?v=${version}`;
}

/** The page-wide read-aloud state: which text is being read (for the highlight) and the person's settings. */
export class Voice {
	reading = $state<string | null>(null);
	settings = $state<VoiceSettings>({ autoRead: false, speed: 'normal' });
	/** Becomes true once the device's voices are known; until then a speaker without a clip looks available. */
	ready = $state(false);
	private engine: ReadAloud | null = null;

	/** Clips of other languages, e.g. each language saying its own name on the language picker. */
	private readonly otherClips = new SvelteMap<string, Record<string, string>>();

	constructor(
		readonly lang: string,
		private readonly clips: Record<string, string>
	) {}

	addClips(lang: string, clips: Record<string, string>): void {
		this.otherClips.set(lang, { ...this.otherClips.get(lang), ...clips });
	}

	private clipVersion(key: string, lang: string): string | undefined {
		return lang === this.lang ? this.clips[key] : this.otherClips.get(lang)?.[key];
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

	source(key: string, lang = this.lang): Source {
		if (this.clipVersion(key, lang)) return 'clip';
		if (!this.engine || !this.ready) return 'voice'; // not known yet: do not grey out before we know
		return this.engine.source(key, lang);
	}

	/** Tap on a speaker: read this text, or stop when it is already being read. */
	async toggle(key: string, text: string, lang = this.lang): Promise<Source> {
		if (!this.engine) return 'none';
		const id = readingId(key, lang, this.lang);
		if (this.reading === id) {
			this.engine.stop();
			this.reading = null;
			return 'none';
		}
		this.reading = id;
		try {
			return await this.engine.speak(key, text, lang, this.settings.speed);
		} finally {
			if (this.reading === id) this.reading = null;
		}
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
