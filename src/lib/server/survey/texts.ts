/**
 * Questionnaire texts for a page: the texts a definition carries itself (database), merged with the shipped
 * questionnaires' texts of locales/<lang>/survey.json, so that pages keep reading "survey:<key>" either way.
 */
import type { LanguageCode } from '$lib/i18n/languages';
import type { Resources } from '$lib/i18n';
import { mergeTexts, nestTexts, ownText, resolveTexts, type Questionnaire } from '$lib/survey';
import { namespaceResources, namespaceText, surveyText } from '../i18n/resources';

/**
 * The "survey" namespace for one language and the definitions a page shows. A definition's own text in the
 * participant's language wins; then the shipped translation; then the definition's Dutch (or default) text.
 */
export function surveyNamespace(lang: LanguageCode, definitions: readonly Questionnaire[]): Resources {
	let fallback: Resources = {};
	let own: Resources = {};
	for (const definition of definitions) {
		const resolved = Object.entries(resolveTexts(definition, lang));
		own = mergeTexts(
			own,
			nestTexts(Object.fromEntries(resolved.filter(([, r]) => r.lang === lang).map(([k, r]) => [k, r.text])))
		);
		fallback = mergeTexts(
			fallback,
			nestTexts(Object.fromEntries(resolved.filter(([, r]) => r.lang !== lang).map(([k, r]) => [k, r.text])))
		);
	}
	return mergeTexts(mergeTexts(fallback, namespaceResources('survey', lang)), own);
}

/** Page data for a questionnaire page: `namespaces: surveyNamespaces(lang, definitions)`. */
export function surveyNamespaces(lang: LanguageCode, definitions: readonly Questionnaire[]) {
	return { survey: surveyNamespace(lang, definitions) };
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The questionnaire texts a page shows, in one language: the "survey" namespace with only the keys that `shown`
 * refers to (any string in it that is a text key, with its plural forms) and the shared `common` texts (every text
 * of every shipped instrument was 14 KB of each question screen's HTML, issue 17); and, for a text the instrument
 * does not have in the participant's language, the language it is shown in instead ("survey:<key>" → "nl"), so the
 * page marks it and speaks it in that language.
 */
export function surveyTextsShowing(
	lang: LanguageCode,
	definitions: readonly Questionnaire[],
	shown: unknown
) {
	const keys = new Set(stringsIn(shown));
	const wanted = (key: string) =>
		key.startsWith('common.') || keys.has(key) || keys.has(key.replace(PLURAL, ''));
	const textLanguages: Record<string, string> = {};
	for (const definition of definitions)
		for (const [key, resolved] of Object.entries(resolveTexts(definition, lang)))
			if (resolved.lang !== lang && wanted(key) && namespaceText('survey', lang, key) === undefined)
				textLanguages[`survey:${key}`] = resolved.lang;
	return { namespaces: { survey: pick(surveyNamespace(lang, definitions), wanted) }, textLanguages };
}

function stringsIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
	return [];
}

function pick(resources: Resources, wanted: (key: string) => boolean, prefix = ''): Resources {
	const out: Resources = {};
	for (const [k, v] of Object.entries(resources)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object') {
			const inner = pick(v as Resources, wanted, key);
			if (Object.keys(inner).length) out[k] = inner;
		} else if (wanted(key)) out[k] = v;
	}
	return out;
}

/** One questionnaire text for a server page (the coach's, in Dutch): never a raw key when a text exists anywhere. */
export function questionnaireText(definition: Questionnaire | null, lang: LanguageCode, key: string): string {
	return (
		(definition && definition.texts?.[lang]?.[key]) ??
		surveyText(lang, key) ??
		(definition && ownText(definition, lang, key)) ??
		surveyText('nl', key) ??
		key
	);
}
