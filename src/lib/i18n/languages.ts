/** The languages Opstap ships. Dutch is the source; every other file must have the same keys (tests/unit/locales.test.ts). */
export const LANGUAGES = [
	{ code: 'nl', name: 'Nederlands', english: 'Dutch', dutch: 'Nederlands', dir: 'ltr', script: 'latin' },
	{ code: 'en', name: 'English', english: 'English', dutch: 'Engels', dir: 'ltr', script: 'latin' },
	{ code: 'tr', name: 'Türkçe', english: 'Turkish', dutch: 'Turks', dir: 'ltr', script: 'latin' },
	{ code: 'ar', name: 'العربية', english: 'Arabic', dutch: 'Arabisch', dir: 'rtl', script: 'arabic' },
	{ code: 'ti', name: 'ትግርኛ', english: 'Tigrinya', dutch: 'Tigrinya', dir: 'ltr', script: 'ethiopic' },
	{ code: 'so', name: 'Soomaali', english: 'Somali', dutch: 'Somalisch', dir: 'ltr', script: 'latin' },
	{
		code: 'fa',
		name: 'فارسی / دری',
		english: 'Persian / Dari',
		dutch: 'Perzisch / Dari',
		dir: 'rtl',
		script: 'arabic'
	},
	{
		code: 'uk',
		name: 'Українська',
		english: 'Ukrainian',
		dutch: 'Oekraïens',
		dir: 'ltr',
		script: 'cyrillic'
	},
	{ code: 'pl', name: 'Polski', english: 'Polish', dutch: 'Pools', dir: 'ltr', script: 'latin' }
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/**
 * Languages participants speak that the app is not (yet) in, with their own names in their own script: a
 * participant recognises "Kurdî" or "Русский" without reading Dutch.
 */
const OTHER_OWN_NAMES: Readonly<Record<string, string>> = {
	ber: 'Tamaziɣt',
	ku: 'Kurdî',
	ru: 'Русский',
	prs: 'دری',
	am: 'አማርኛ',
	ps: 'پښتو',
	fr: 'Français',
	es: 'Español',
	de: 'Deutsch',
	ro: 'Română',
	bg: 'Български',
	hy: 'Հայերեն'
};

/** Every own name Opstap shows (the language page, the languages question). */
export function ownNames(): string[] {
	return [...LANGUAGES.map((l) => l.name as string), ...Object.values(OTHER_OWN_NAMES)];
}

/** A language's own name ("العربية", "ትግርኛ"), for a language code; null when Opstap does not know it. */
export function ownName(code: string): string | null {
	return LANGUAGES.find((l) => l.code === code)?.name ?? OTHER_OWN_NAMES[code] ?? null;
}
export type Language = (typeof LANGUAGES)[number];

export const SOURCE_LANGUAGE: LanguageCode = 'nl';
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [LanguageCode, ...LanguageCode[]];

export function isLanguage(code: unknown): code is LanguageCode {
	return typeof code === 'string' && (LANGUAGE_CODES as string[]).includes(code);
}

export function language(code: LanguageCode): Language {
	return LANGUAGES.find((l) => l.code === code)!;
}

/** Best shipped language for an Accept-Language header ("ar-MA,ar;q=0.9,en;q=0.5"); Dutch when nothing fits. */
export function negotiateLanguage(header: string | null | undefined): LanguageCode {
	if (!header) return SOURCE_LANGUAGE;
	const wanted = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((w) => w.tag && !Number.isNaN(w.q) && w.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of wanted) {
		const base = tag.split('-')[0];
		// Dari ("prs") is written and read like Persian.
		const code = base === 'prs' ? 'fa' : base;
		if (isLanguage(code)) return code;
	}
	return SOURCE_LANGUAGE;
}
