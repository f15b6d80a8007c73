import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateTexts, dateWords } from '../../src/lib/time/format';
import { LANGUAGE_CODES } from '../../src/lib/i18n/languages';

const words = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/words.json`, 'utf8'));
/** What a list of word keys says in a language, from its words.json. */
const say = (lang: string, keys: string[]) =>
	keys
		.map((key) =>
			key
				.replace(/^words:/, '')
				.split('.')
				.reduce((o, k) => o[k], words(lang))
		)
		.join(' ');

describe('a date and time from recorded words (for languages without a voice)', () => {
	// Thursday 26 November 2026, 10:00 in Amsterdam (winter time, UTC+1).
	const thursday = new Date('2026-11-26T09:00:00Z');

	it('says weekday, day and month in the order the language shows them, then the hour with "o’clock"', () => {
		expect(dateWords(thursday, 'nl').dayTime).toEqual([
			'words:weekday.4',
			'words:number.26',
			'words:month.11',
			'words:number.10',
			'words:oclock'
		]);
		expect(say('nl', dateWords(thursday, 'nl').dayTime)).toBe('donderdag 26 november 10 uur');
		// Turkish shows "26 Kasım Perşembe", Somali "Khamiis, Noofeembar 26"; both say "o'clock" before the hour.
		expect(say('tr', dateWords(thursday, 'tr').dayTime)).toBe('26 Kasım Perşembe saat 10');
		expect(say('so', dateWords(thursday, 'so').dayTime)).toBe('Khamiis Noofeembar 26 saacadda 10');
		expect(say('ti', dateWords(thursday, 'ti').day)).toBe('ሓሙስ 26 ሕዳር');
	});

	it('uses Amsterdam time across the change to summer time, and says minutes when there are any', () => {
		// 29 March 2026, 01:30 UTC is 03:30 in Amsterdam (summer time began at 02:00).
		const night = dateWords(new Date('2026-03-29T01:30:00Z'), 'nl');
		expect(say('nl', night.dayTime)).toBe('zondag 29 maart 3 uur 30');
		// 23:30 UTC on a Saturday is already Sunday in Amsterdam.
		expect(say('en', dateWords(new Date('2026-11-28T23:30:00Z'), 'en').day)).toBe('Sunday 29 November');
	});

	it('comes with the date texts the server sends, and every word it can use exists in every language', () => {
		expect(dateTexts(thursday, 'fa').words).toEqual(dateWords(thursday, 'fa'));
		const all = new Set<string>();
		for (let day = 0; day < 400; day++)
			for (const w of dateWords(new Date(Date.UTC(2026, 0, 1 + day, day % 24, (day * 7) % 60)), 'nl').dayTime)
				all.add(w);
		for (const lang of LANGUAGE_CODES) {
			const spoken = say(lang, [...all]);
			expect(spoken, lang).not.toContain('undefined');
		}
		// Weekdays, months, the numbers 0–59 and "o'clock": about 80 recordings per language.
		expect(Object.keys(words('nl').number)).toHaveLength(60);
	});
});
