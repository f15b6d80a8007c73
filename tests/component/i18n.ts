import { readFileSync } from 'node:fs';
import { createI18n, I18N_KEY, type I18nContext } from '../../src/lib/i18n';
import type { LanguageCode } from '../../src/lib/i18n/languages';

/** The real texts of a language, as the root layout provides them, for rendering one component. */
export function i18nContext(lang: LanguageCode = 'nl'): Map<unknown, I18nContext> {
	const resources = JSON.parse(readFileSync(`locales/${lang}/participant.json`, 'utf8'));
	const { t } = createI18n(lang, resources);
	return new Map([[I18N_KEY, { t, lang }]]);
}
