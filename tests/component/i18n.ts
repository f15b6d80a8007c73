import { readFileSync } from 'node:fs';
import { createI18n, I18N_KEY } from '../../src/lib/i18n';
import type { LanguageCode } from '../../src/lib/i18n/languages';
import { Voice, VOICE_KEY } from '../../src/lib/voice/voice.svelte';

export function texts(lang: LanguageCode) {
	return JSON.parse(readFileSync(`locales/${lang}/participant.json`, 'utf8'));
}

/**
 * The context the participant layout gives every component: the real texts of a language and a read-aloud
 * `Voice` (with the given recorded clips and server-voice version; jsdom has no device speech).
 */
/** A server-voice version as a page of a language with a server voice carries it: every speaker can speak. */
export const SERVER_VOICE = 'test-voice';

export function i18nContext(
	lang: LanguageCode = 'nl',
	clips: Record<string, string> = {},
	serverVoice: string | null = null,
	/** Keys whose text is in another language than the page's (page data `textLanguages`). */
	textLanguages: Record<string, string> = {}
) {
	const { t } = createI18n(lang, texts(lang));
	const voice = new Voice(lang, clips, serverVoice, (key) => t(key));
	return new Map<unknown, unknown>([
		[I18N_KEY, { t, lang, langOf: (key: string) => textLanguages[key] ?? lang }],
		[VOICE_KEY, { current: voice }]
	]);
}
