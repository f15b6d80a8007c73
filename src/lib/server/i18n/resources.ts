import type { LanguageCode } from '$lib/i18n/languages';
import type { Resources } from '$lib/i18n';
import { createI18n } from '$lib/i18n';

const files = import.meta.glob<Resources>('/locales/*/*.json', { eager: true, import: 'default' });

/**
 * The text namespaces besides "participant": "survey" (the questionnaires) and one per area (e.g. "appointments").
 * A page that needs one sends it as page data (`namespaces`), so other pages stay small.
 */
export const NAMESPACES = Object.keys(files)
	.filter((path) => path.startsWith('/locales/nl/'))
	.map((path) => path.slice('/locales/nl/'.length, -'.json'.length))
	.filter((ns) => ns !== 'participant');

/** The texts of one namespace in one language, e.g. namespaceResources('appointments', 'ti'). */
export function namespaceResources(ns: string, lang: LanguageCode): Resources {
	return files[`/locales/${lang}/${ns}.json`] ?? {};
}

/** Page data for the namespaces a page uses: `return { namespaces: pageNamespaces(lang, 'appointments') }`. */
export function pageNamespaces(lang: LanguageCode, ...ns: string[]): Record<string, Resources> {
	return Object.fromEntries(ns.map((n) => [n, namespaceResources(n, lang)]));
}

/** A text of a namespace in one language, as stored (placeholders not filled in). */
export function namespaceText(ns: string, lang: LanguageCode, key: string): string | undefined {
	const value = key
		.split('.')
		.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], namespaceResources(ns, lang));
	return typeof value === 'string' ? value : undefined;
}

/** The questionnaire texts of one language (namespace "survey"): sent only with questionnaire pages. */
export function surveyResources(lang: LanguageCode): Resources {
	return namespaceResources('survey', lang);
}

const keysByNamespace = new Map<string, string[]>();

/** Every text key of a namespace (from Dutch, the source). */
export function namespaceTextKeys(ns: string): string[] {
	let keys = keysByNamespace.get(ns);
	if (!keys) keysByNamespace.set(ns, (keys = flatten(namespaceResources(ns, 'nl'))));
	return keys;
}

/** Every questionnaire text key (from Dutch, the source). */
export function surveyTextKeys(): string[] {
	return namespaceTextKeys('survey');
}

/** A questionnaire text in one language, as stored. */
export function surveyText(lang: LanguageCode, key: string): string | undefined {
	return namespaceText('survey', lang, key);
}

/** The participant texts of one language: only this bundle goes to the browser. */
export function participantResources(lang: LanguageCode): Resources {
	const resources = files[`/locales/${lang}/participant.json`] as Resources | undefined;
	if (!resources) throw new Error(`No participant texts for ${lang}`);
	return resources;
}

/** A translate function for server-side texts (form errors, notifications), with every namespace ("appointments:…"). */
export function serverT(lang: LanguageCode) {
	return createI18n(lang, participantResources(lang), pageNamespaces(lang, ...NAMESPACES)).t;
}

function flatten(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
	}
	return [prefix];
}

/** Every participant text key (from Dutch, the source), e.g. "home.tiles.questions" or "pair.triesLeft_one". */
export function participantTextKeys(): string[] {
	return namespaceTextKeys('participant');
}

/** The text of one key in one language, as stored (placeholders not filled in). */
export function participantText(lang: LanguageCode, key: string): string | undefined {
	return namespaceText('participant', lang, key);
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
		...NAMESPACES.flatMap((ns) =>
			namespaceTextKeys(ns)
				// Texts only coaches see are never read aloud.
				.filter((key) => !key.startsWith('coach.'))
				.map((key) => `${ns}:${key}`)
		)
	];
}

export function voiceText(lang: LanguageCode, key: string): string | undefined {
	const colon = key.indexOf(':');
	return colon < 0
		? participantText(lang, key)
		: namespaceText(key.slice(0, colon), lang, key.slice(colon + 1));
}
