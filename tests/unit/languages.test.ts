import { describe, expect, it } from 'vitest';
import { negotiateLanguage, language } from '../../src/lib/i18n/languages';

describe('choosing a language from the browser', () => {
	it.each([
		[null, 'nl'],
		['', 'nl'],
		['ar-MA,ar;q=0.9,en;q=0.5', 'ar'],
		['de-DE,de;q=0.9', 'nl'],
		['de-DE,ti;q=0.4,en;q=0.5', 'en'],
		['prs', 'fa'],
		['uk-UA', 'uk'],
		['en;q=0,pl', 'pl']
	])('%s -> %s', (header, expected) => {
		expect(negotiateLanguage(header)).toBe(expected);
	});

	it('knows which languages are written right to left', () => {
		expect(language('ar').dir).toBe('rtl');
		expect(language('fa').dir).toBe('rtl');
		expect(language('ti').dir).toBe('ltr');
		expect(language('ti').script).toBe('ethiopic');
	});
});
