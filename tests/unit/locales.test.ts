import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, SOURCE_LANGUAGE } from '../../src/lib/i18n/languages';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
	}
	return [prefix];
}

function load(lang: string, file: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join('locales', lang, file), 'utf8'));
}

const files = readdirSync(join('locales', SOURCE_LANGUAGE)).filter((f) => f.endsWith('.json'));

describe('every shipped language has every Dutch text, and nothing more', () => {
	it('has a folder and a status per shipped language', () => {
		const status = JSON.parse(readFileSync('locales/status.json', 'utf8'));
		for (const { code } of LANGUAGES) {
			expect(readdirSync('locales')).toContain(code);
			expect(['source', 'drafted', 'reviewed']).toContain(status[code]?.status);
		}
	});

	for (const file of files) {
		const source = flatten(load(SOURCE_LANGUAGE, file));
		const sourceBase = new Set(source.map((k) => k.replace(PLURAL, '')));

		it.each(LANGUAGES.map((l) => l.code))(`${file}: %s matches Dutch`, (lang) => {
			const keys = flatten(load(lang, file));
			const base = new Set(keys.map((k) => k.replace(PLURAL, '')));
			expect(
				[...sourceBase].filter((k) => !base.has(k)),
				'missing in ' + lang
			).toEqual([]);
			expect(
				[...base].filter((k) => !sourceBase.has(k)),
				'not in Dutch'
			).toEqual([]);

			// Plural keys: exactly the categories this language's grammar has.
			const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
			for (const plural of new Set(source.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))) {
				const forms = keys
					.filter((k) => k.replace(PLURAL, '') === plural && PLURAL.test(k))
					.map((k) => k.match(PLURAL)![1]);
				expect(forms.sort(), `${plural} in ${lang}`).toEqual([...categories].sort());
			}
		});
	}

	it.each(LANGUAGES.map((l) => l.code))('%s: no empty texts, placeholders kept', (lang) => {
		for (const file of files) {
			const source = load(SOURCE_LANGUAGE, file);
			const texts = load(lang, file);
			const get = (obj: unknown, path: string) =>
				path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], obj);
			for (const key of flatten(texts)) {
				const text = get(texts, key);
				expect(typeof text === 'string' && text.trim().length > 0, `${lang}:${key}`).toBe(true);
				const dutch = get(source, key) ?? get(source, key.replace(PLURAL, '_other'));
				const placeholders = (s: unknown) =>
					String(s)
						.match(/\{\{\w+\}\}/g)
						?.filter((p) => p !== '{{count}}') ?? [];
				expect(placeholders(text).sort(), `${lang}:${key}`).toEqual(placeholders(dutch).sort());
			}
		}
	});
});
