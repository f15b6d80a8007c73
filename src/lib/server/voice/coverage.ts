import type { Db } from '../db';
import { voiceText, voiceTextKeys } from '../i18n/resources';
import { LANGUAGE_CODES, type LanguageCode } from '$lib/i18n/languages';
import { listClips } from './clips';
import { serverVoiceOf } from './tts';

/**
 * What speaks a text on a phone without a device voice for the language: a recorded clip, else the server voice
 * (eSpeak has the language: a text without placeholders by its key, one with a name or a date filled in as a page
 * text on the paired phone), else nothing. A device voice, where the phone has one,
 * comes before the server voice; the studio shows it per browser, as only the browser knows.
 */
export type VoiceSource = 'clip' | 'server' | 'silent';

export function voiceSource(lang: LanguageCode, key: string, hasClip: boolean): VoiceSource {
	if (hasClip) return 'clip';
	return serverSpeaks(lang, key) ? 'server' : 'silent';
}

export interface LanguageCoverage {
	lang: LanguageCode;
	/** Texts a participant can hear. */
	total: number;
	/** Texts with a current recorded clip. */
	clip: number;
	/** Texts whose clip was recorded for words that changed since: to record again. */
	stale: number;
	/** Texts the server voice can speak (whether or not a clip is recorded); 0 where eSpeak has no voice. */
	server: number;
	/** Texts with neither clip nor server voice: silent on a phone without a device voice. */
	silent: number;
	/** Whether eSpeak has a voice for the language. */
	hasServerVoice: boolean;
}

/** Coverage of one language by source: clip, server voice, silent without a device voice. */
export async function languageCoverage(db: Db, lang: LanguageCode): Promise<LanguageCoverage> {
	const keys = voiceTextKeys();
	const clips = await listClips(db, lang);
	const recorded = new Set(clips.filter((c) => !c.stale).map((c) => c.textKey));
	const stale = clips.filter((c) => c.stale).length;
	let clip = 0;
	let server = 0;
	let silent = 0;
	for (const key of keys) {
		const hasClip = recorded.has(key);
		if (hasClip) clip++;
		if (serverSpeaks(lang, key)) server++;
		else if (!hasClip) silent++;
	}
	return { lang, total: keys.length, clip, stale, server, silent, hasServerVoice: !!serverVoiceOf(lang) };
}

/** Coverage per language, in the app's language order. */
export async function voiceCoverage(db: Db): Promise<LanguageCoverage[]> {
	return Promise.all(LANGUAGE_CODES.map((lang) => languageCoverage(db, lang)));
}

function serverSpeaks(lang: LanguageCode, key: string): boolean {
	return !!serverVoiceOf(lang) && !!voiceText(lang, key);
}
