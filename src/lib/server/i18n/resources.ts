import type { LanguageCode } from '$lib/i18n/languages';
import type { Resources } from '$lib/i18n';
import { createI18n } from '$lib/i18n';

const files = import.meta.glob<Resources>('/locales/*/participant.json', { eager: true, import: 'default' });

/** The participant texts of one language: only this bundle goes to the browser. */
export function participantResources(lang: LanguageCode): Resources {
	const resources = files[`/locales/${lang}/participant.json`];
	if (!resources) throw new Error(`No participant texts for ${lang}`);
	return resources;
}

/** A translate function for server-side texts (form errors, notifications). */
export function serverT(lang: LanguageCode) {
	return createI18n(lang, participantResources(lang)).t;
}
