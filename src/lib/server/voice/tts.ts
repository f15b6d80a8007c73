import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import type { Limit } from '../security/rate-limit';
import { serverVoice } from '../db/schema';
import { voiceText, voiceTextKeys } from '../i18n/resources';
import type { LanguageCode } from '$lib/i18n/languages';
import { muLawWav, resample, trimSilence, wavDurationMs } from './wav';
import { synthesize } from './tts-worker';

export { stopSynthesis as stopServerVoice } from './tts-worker';

/**
 * The server voice: eSpeak NG (WebAssembly, `@echogarden/espeak-ng-emscripten`, GPL-3.0, run as a separate
 * component — see the README's Licences) speaks a text for phones that have no voice for the language and no clip is
 * recorded. Robotic and sometimes wrong, so it comes after a recorded clip and a device voice.
 *
 * The app's own texts are named by key in the URL, so at most (languages × texts) of them can ever be rendered,
 * each once: the result is kept in `server_voice` by a hash of engine,
 * voice and text. A page text with something filled in (a name, a date, a place) is spoken for someone signed in and
 * never stored on the server (pageTextSpeech).
 */

/** eSpeak NG's voice per language; null where it has none (Somali: only recorded clips). */
export const ESPEAK_VOICES: Record<LanguageCode, string | null> = {
	nl: 'nl',
	en: 'en',
	tr: 'tr',
	ar: 'ar',
	ti: 'ti',
	so: null,
	fa: 'fa',
	uk: 'uk',
	pl: 'pl'
};

/** Changes when the engine or the audio format changes: every text is then rendered anew, on demand. */
export const ENGINE_VERSION = 'espeak-ng-emscripten 0.3.5; mulaw 16000';
const RATE = 16_000;
const MIME = 'audio/wav';
/** Renders waiting beyond this many are refused (503, Retry-After): a burst of first requests cannot pile up. */
const MAX_WAITING = 32;

export function serverVoiceOf(lang: LanguageCode): string | null {
	return ESPEAK_VOICES[lang];
}

/** The text the server voice would speak for this key, or null when it would not (no voice, unknown key, placeholders). */
export function serverVoiceText(lang: LanguageCode, key: string): string | null {
	if (!serverVoiceOf(lang)) return null;
	const text = voiceText(lang, key);
	if (!text || /\{\{/.test(text) || !voiceTextKeys().includes(key)) return null;
	return text;
}

export function speechHash(voice: string, text: string): string {
	return createHash('sha256').update(`${ENGINE_VERSION}\0${voice}\0${text}`).digest('hex');
}

const versions = new Map<LanguageCode, string | null>();

/**
 * The version in server-voice URLs of one language (`/voice/tts/<lang>/<key>?v=`): a hash of the engine, the voice
 * and every text of the language, so it changes with a new release of the texts and the phone's copies stay right.
 * Null when the language has no server voice. (Texts change only with a new version of the app.)
 */
export function serverVoiceVersion(lang: LanguageCode): string | null {
	if (!versions.has(lang)) {
		const voice = serverVoiceOf(lang);
		const hash = createHash('sha256').update(`${ENGINE_VERSION}\0${voice}`);
		for (const key of voiceTextKeys()) hash.update(`\0${key}\0${voiceText(lang, key) ?? ''}`);
		versions.set(lang, voice ? hash.digest('hex').slice(0, 16) : null);
	}
	return versions.get(lang)!;
}

export interface Speech {
	hash: string;
	mime: string;
	audio: Uint8Array;
	durationMs: number;
	renderMs: number;
}

/** Speaks a text with eSpeak NG (on its worker thread): a μ-law WAV at 16 kHz, silence at both ends trimmed. */
export async function render(voice: string, text: string): Promise<Speech> {
	const started = performance.now();
	const { samples: all, rate } = await synthesize(voice, text);
	const audio = muLawWav(resample(trimSilence(all, rate), rate, RATE), RATE);
	return {
		hash: speechHash(voice, text),
		mime: MIME,
		audio,
		durationMs: wavDurationMs(audio),
		renderMs: Math.round(performance.now() - started)
	};
}

// One render at a time (eSpeak runs on its worker thread, about 20–300 ms per sentence, so the server stays
// responsive meanwhile); at most MAX_WAITING wait; the same text asked for twice at once is rendered once.
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
const inFlight = new Map<string, Promise<Speech>>();

export const stats = { hits: 0, renders: 0 };

export type SpeechResult =
	{ ok: true; speech: Speech; cached: boolean } | { ok: false; reason: 'none' | 'busy' | 'failed' };

/** The server voice's speech of one text key in one language: from the cache, else rendered now and kept. */
export async function serverSpeech(db: Db, lang: LanguageCode, key: string): Promise<SpeechResult> {
	const voice = serverVoiceOf(lang);
	const text = serverVoiceText(lang, key);
	if (!voice || !text) return { ok: false, reason: 'none' };
	const hash = speechHash(voice, text);
	const [stored] = await db.select().from(serverVoice).where(eq(serverVoice.hash, hash));
	if (stored) {
		stats.hits++;
		return { ok: true, cached: true, speech: { ...stored, audio: new Uint8Array(stored.audio) } };
	}
	return rendered(voice, text, async (speech) => {
		await db
			.insert(serverVoice)
			.values({
				hash,
				lang,
				mime: speech.mime,
				audio: Buffer.from(speech.audio),
				bytes: speech.audio.byteLength,
				durationMs: speech.durationMs,
				renderMs: speech.renderMs
			})
			.onConflictDoNothing();
	});
}

/** New page-text renders per person: a few screens' worth an hour (a render is cheap, but not free). */
export const PAGE_TEXT_RENDERS: Limit = { max: 120, windowMs: 3600_000 };

/** The longest page text the server voice speaks (an appointment card or an activity's summary is shorter). */
export const MAX_PAGE_TEXT = 400;

/**
 * Page texts: what a screen says with something filled in (a name, a date, a place). They can hold personal data, so
 * they are never stored on the server: kept briefly in memory, and on the phone by its service worker (the URL is
 * immutable). Only for someone signed in, and new renders are limited per person (the route counts them).
 */
const recentPageTexts = new Map<string, Speech>();
const RECENT_PAGE_TEXTS = 200;

/** The languages in which the server voice speaks page texts: those it has a voice for. */
export function pageTextVoices(): LanguageCode[] {
	return (Object.keys(ESPEAK_VOICES) as LanguageCode[]).filter((lang) => ESPEAK_VOICES[lang]);
}

export function pageTextAllowed(lang: LanguageCode, text: string): boolean {
	return (
		!!serverVoiceOf(lang) &&
		text.trim() === text &&
		text.length > 0 &&
		text.length <= MAX_PAGE_TEXT &&
		// eslint-disable-next-line no-control-regex
		!/[\u0000-\u001f\u007f]/.test(text)
	);
}

/** Whether this page text would be a new render (the route counts only those against the person's limit). */
export function pageTextKnown(lang: LanguageCode, text: string): boolean {
	const voice = serverVoiceOf(lang);
	return !!voice && recentPageTexts.has(speechHash(voice, text));
}

export async function pageTextSpeech(lang: LanguageCode, text: string): Promise<SpeechResult> {
	const voice = serverVoiceOf(lang);
	if (!voice || !pageTextAllowed(lang, text)) return { ok: false, reason: 'none' };
	const hash = speechHash(voice, text);
	const recent = recentPageTexts.get(hash);
	if (recent) {
		stats.hits++;
		// Most recently used last: the map's order is the eviction order.
		recentPageTexts.delete(hash);
		recentPageTexts.set(hash, recent);
		return { ok: true, cached: true, speech: recent };
	}
	return rendered(voice, text, (speech) => {
		recentPageTexts.set(hash, speech);
		if (recentPageTexts.size > RECENT_PAGE_TEXTS)
			recentPageTexts.delete(recentPageTexts.keys().next().value!);
	});
}

/** Renders through the one queue, once per text at a time, and hands the result to `keep`. */
async function rendered(
	voice: string,
	text: string,
	keep: (speech: Speech) => void | Promise<void>
): Promise<SpeechResult> {
	const hash = speechHash(voice, text);
	let pending = inFlight.get(hash);
	if (!pending) {
		if (waiting >= MAX_WAITING) return { ok: false, reason: 'busy' };
		waiting++;
		pending = queue
			.then(() => render(voice, text))
			.then(async (speech) => {
				stats.renders++;
				await keep(speech);
				return speech;
			})
			.finally(() => {
				waiting--;
				inFlight.delete(hash);
			});
		queue = pending.catch(() => undefined);
		inFlight.set(hash, pending);
	}
	try {
		return { ok: true, cached: false, speech: await pending };
	} catch (e) {
		// The engine could not load or speak: the phone falls back to its own voice or shows "no sound yet".
		console.error('server voice: render failed', e);
		return { ok: false, reason: 'failed' };
	}
}
