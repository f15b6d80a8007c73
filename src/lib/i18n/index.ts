import i18next from 'i18next';
import { getContext, setContext } from 'svelte';
import type { LanguageCode } from './languages';

export type Resources = Record<string, unknown>;
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One i18next instance per page render: never shared between requests on the server. */
export function createI18n(
	lang: LanguageCode,
	resources: Resources,
	/** More namespaces for some pages only, e.g. the questionnaire texts ("survey:intake.aboutMe.title"). */
	namespaces: Record<string, Resources> = {}
): { t: Translate } {
	const instance = i18next.createInstance();
	void instance.init({
		lng: lang,
		resources: { [lang]: { participant: resources, ...namespaces } },
		ns: ['participant', ...Object.keys(namespaces)],
		defaultNS: 'participant',
		initAsync: false,
		// Svelte escapes text already.
		interpolation: { escapeValue: false },
		returnNull: false
	});
	// Nothing is added to these texts later, so a key without options always gives the same text: a screen's repeated
	// labels (each speaker's "listen") are looked up in i18next once, which a slow phone feels while a screen starts.
	const known = new Map<string, string>();
	return {
		t: (key, options) => {
			if (options) return instance.t(key, options) as string;
			let text = known.get(key);
			if (text === undefined) known.set(key, (text = instance.t(key, {}) as string));
			return text;
		}
	};
}

export const I18N_KEY = Symbol('i18n');

export interface I18nContext {
	readonly t: Translate;
	readonly lang: LanguageCode;
	/**
	 * The language a key's text is really in: the page's, or for a questionnaire text the instrument lacks in it,
	 * the language shown instead (page data `textLanguages`, server/survey/texts.ts), to mark and speak it as such.
	 */
	langOf(key: string): string;
}

export function setI18n(context: I18nContext): void {
	setContext(I18N_KEY, context);
}

export function useI18n(): I18nContext {
	const context = getContext<I18nContext | undefined>(I18N_KEY);
	if (!context) throw new Error('useI18n() outside the root layout');
	return context;
}
