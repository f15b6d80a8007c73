import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The term lists (locales/terms.json): one word per meaning per language, in every file of that language. */
const terms = JSON.parse(readFileSync('locales/terms.json', 'utf8')) as Record<
	string,
	Record<string, { use: string; avoid: string[] }> | string
>;

function strings(value: unknown, path = ''): [string, string][] {
	if (typeof value === 'string') return [[path, value]];
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
	return [];
}

describe('term lists', () => {
	for (const [term, byLanguage] of Object.entries(terms)) {
		if (typeof byLanguage === 'string') continue;
		for (const [lang, { use, avoid }] of Object.entries(byLanguage)) {
			it(`"${term}" in ${lang} is always "${use}"`, () => {
				const found: string[] = [];
				let used = 0;
				for (const file of readdirSync(`locales/${lang}`).filter((f) => f.endsWith('.json'))) {
					for (const [key, text] of strings(JSON.parse(readFileSync(`locales/${lang}/${file}`, 'utf8')))) {
						if (text.includes(use)) used++;
						for (const word of avoid) if (text.includes(word)) found.push(`${file} ${key}: ${word}`);
					}
				}
				expect(found).toEqual([]);
				expect(used).toBeGreaterThan(0);
			});
		}
	}
});
