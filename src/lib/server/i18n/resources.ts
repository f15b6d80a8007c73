import type { LanguageCode } from '$lib/i18n/languages';
import type { Resources } from '$lib/i18n';
import { createI18n } from '$lib/i18n';

const files = import.meta.glob<Resources>('/locales/*/participant.json', { eager: true, import: 'default' });
const surveyFiles = import.meta.glob<Resources>('/locales/*/survey.json', { eager: true, import: 'default' });

/** The questionnaire texts of one language (namespace "survey"): sent only with questionnaire pages. */
export function surveyResources(lang: LanguageCode): Resources {
	return surveyFiles[`/locales/${lang}/survey.json`] ?? {};
}

let surveyKeys: string[] | undefined;

/** Every questionnaire text key (from Dutch, the source). */
export function surveyTextKeys(): string[] {
	surveyKeys ??= flatten(surveyResources('nl'));
	return surveyKeys;
}

/** A questionnaire text in one language, as stored. */
export function surveyText(lang: LanguageCode, key: string): string | undefined {
	const value = key
		.split('.')
		.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], surveyResources(lang));
	return typeof value === 'string' ? value : undefined;
}

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

function flatten(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
	}
	return [prefix];
}

let keys: string[] | undefined;

/** Every participant text key (from Dutch, the source), e.g. "home.tiles.questions" or "pair.triesLeft_one". */
export function participantTextKeys(): string[] {
	keys ??= flatten(participantResources('nl'));
	return keys;
}

/** The text of one key in one language, as stored (placeholders not filled in). */
export function participantText(lang: LanguageCode, key: string): string | undefined {
	const value = key
		.split('.')
		.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], participantResources(lang));
	return typeof value === 'string' ? value : undefined;
}

const statusFile = import.meta.glob<Record<string, { status: string; note?: string }>>(
	'/locales/status.json',
	{
		eager: true,
		import: 'default'
	}
);

/** Per language: 'source', 'drafted' (machine-drafted, to be reviewed) or 'reviewed' by a native speaker. */
export function languageStatus(lang: LanguageCode): { status: string; note?: string } {
	return statusFile['/locales/status.json']?.[lang] ?? { status: 'drafted' };
}

/**
 * Every text a participant hears: the app's texts, and the questionnaire texts as "survey:<key>" (the key a
 * speaker uses for them). The coach's own questionnaire texts are left out: participants never see them.
 */
export function voiceTextKeys(): string[] {
	return [
		...participantTextKeys(),
		...surveyTextKeys()
			.filter((key) => !key.startsWith('coach.'))
			.map((key) => `survey:${key}`)
	];
}

export function voiceText(lang: LanguageCode, key: string): string | undefined {
	return key.startsWith('survey:')
		? surveyText(lang, key.slice('survey:'.length))
		: participantText(lang, key);
}
