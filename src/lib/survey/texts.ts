/**
 * The texts a questionnaire version carries itself (`definition.texts`: language → key → text). A participant
 * reads their own language; a text missing there falls back to Dutch, then to the definition's default language,
 * so nobody ever sees a raw key. Pure and without zod: the server resolves texts for a page, the CLI reports
 * coverage.
 */
import type { Questionnaire } from './definition';

/** Flat key → text, e.g. { "who5.items.cheerful.label": "Ik voelde me vrolijk" }. */
export type FlatTexts = Record<string, string>;

/** The language the participant gets for each key, and the text. */
export interface ResolvedText {
	readonly text: string;
	readonly lang: string;
}

/** The definition's language that has every text (absent: Dutch). */
export function defaultLanguageOf(definition: Pick<Questionnaire, 'defaultLanguage'>): string {
	return definition.defaultLanguage ?? 'nl';
}

/** The order in which languages are tried for one participant: theirs, Dutch, the definition's default. */
export function fallbackChain(definition: Pick<Questionnaire, 'defaultLanguage'>, lang: string): string[] {
	return [...new Set([lang, 'nl', defaultLanguageOf(definition)])];
}

/** Every key the definition has a text for, in any language. */
export function ownTextKeys(definition: Pick<Questionnaire, 'texts'>): string[] {
	return [...new Set(Object.values(definition.texts ?? {}).flatMap((texts) => Object.keys(texts)))];
}

/** The definition's own texts for one participant language, each with the language it is really in. */
export function resolveTexts(
	definition: Pick<Questionnaire, 'texts' | 'defaultLanguage'>,
	lang: string
): Record<string, ResolvedText> {
	const chain = fallbackChain(definition, lang);
	const out: Record<string, ResolvedText> = {};
	for (const key of ownTextKeys(definition)) {
		for (const candidate of chain) {
			const text = definition.texts?.[candidate]?.[key];
			if (text !== undefined) {
				out[key] = { text, lang: candidate };
				break;
			}
		}
	}
	return out;
}

/** One text in the participant's language with the fallback, or undefined when the definition does not have it. */
export function ownText(
	definition: Pick<Questionnaire, 'texts' | 'defaultLanguage'>,
	lang: string,
	key: string
): string | undefined {
	for (const candidate of fallbackChain(definition, lang)) {
		const text = definition.texts?.[candidate]?.[key];
		if (text !== undefined) return text;
	}
	return undefined;
}

/** Per language: how many of the definition's own keys it has (translation coverage, for `survey:check`). */
export function textCoverage(
	definition: Pick<Questionnaire, 'texts'>
): Record<string, { have: number; of: number }> {
	const keys = ownTextKeys(definition);
	return Object.fromEntries(
		Object.entries(definition.texts ?? {}).map(([lang, texts]) => [
			lang,
			{ have: keys.filter((k) => texts[k] !== undefined).length, of: keys.length }
		])
	);
}

/** Dotted keys as the nested objects i18next reads ("a.b.c" → { a: { b: { c } } }). */
export function nestTexts(flat: FlatTexts): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [key, text] of Object.entries(flat)) {
		const parts = key.split('.');
		let node = root;
		for (const part of parts.slice(0, -1)) {
			const child = node[part];
			if (!child || typeof child !== 'object') node[part] = {};
			node = node[part] as Record<string, unknown>;
		}
		node[parts.at(-1)!] = text;
	}
	return root;
}

/** `over` on top of `base`, deeply, without changing either (the locale files are shared imports). */
export function mergeTexts(
	base: Record<string, unknown>,
	over: Record<string, unknown>
): Record<string, unknown> {
	const out: Record<string, unknown> = { ...base };
	for (const [k, v] of Object.entries(over)) {
		const b = out[k];
		out[k] =
			v && typeof v === 'object' && b && typeof b === 'object'
				? mergeTexts(b as Record<string, unknown>, v as Record<string, unknown>)
				: v;
	}
	return out;
}
