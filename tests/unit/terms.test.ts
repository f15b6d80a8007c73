import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The term lists (locales/terms.json): one word per meaning per language, in every file of that language. */
const terms = JSON.parse(readFileSync('locales/terms.json', 'utf8')) as Record<
	string,
	Record<string, { use: string; avoid: string[]; note?: string }> | string
>;

function strings(value: unknown, path = ''): [string, string][] {
	if (typeof value === 'string') return [[path, value]];
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
	return [];
}

/** Every text of a language: [file, key, text]. */
function texts(lang: string): [string, string, string][] {
	const dir = `locales/${lang}`;
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.flatMap((file) =>
			strings(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))).map(
				([key, text]) => [file, key, text] as [string, string, string]
			)
		);
}

describe('term lists', () => {
	for (const [term, byLanguage] of Object.entries(terms)) {
		if (typeof byLanguage === 'string') continue;
		for (const [lang, { use, avoid }] of Object.entries(byLanguage)) {
			it(`"${term}" in ${lang} is always "${use}"`, () => {
				const found: string[] = [];
				let used = 0;
				for (const [file, key, text] of texts(lang)) {
					if (text.includes(use)) used++;
					for (const word of avoid) if (text.includes(word)) found.push(`${file} ${key}: ${word}`);
				}
				expect(found).toEqual([]);
				expect(used).toBeGreaterThan(0);
			});
		}
	}
});

/**
 * Tigrinya has no common-gender "you" (singular): the earlier drafts addressed every participant as a man. The
 * texts use the respectful 2nd person plural (ንስኹም, -ኩም/-ኹም, ምረጹ, ጠውቑ …), which addresses women and men alike
 * (issue 12 §5; terms.json "address"). The forms below find masculine singular address. The coach, spoken of
 * as ኣማኻሪ or in the polite plural rather than as "he", is left to the reviewers: "he" has no form of its own to find.
 *
 * The Ethiopic letters (not its punctuation ። ፣ ፦, U+1360 on):
 */
const ETHIOPIC = '\u1200-\u135f';
/**
 * A word ending in the 2nd person masculine singular suffix -ካ/-ኻ ("you", "your", perfect "you did"), bare or before
 * -ዮ/-ዮም (object), -ሉ (relative), -ን (negation, "and") or -ና ("us"): ንስኻ, ኢኻ, ዲኻ, ተሌፎንካ, ይሕግዘካ, ፈቲንካ,
 * ዝሰደድካዮ, ዝጀመርካሉ, የብልካን, ቆጸራታትካን, ዝሓበርካና. ካ/ኻ inside a word (ካብ, ኣማኻሪ, ምኻድ) is no suffix.
 */
const SUFFIX = new RegExp(`(?<![${ETHIOPIC}])[${ETHIOPIC}]*[ካኻ](?:ዮም|ዮ|ሉ|ን|ና)?(?![${ETHIOPIC}])`, 'gu');
/** Words that end so by their stem, with or without a prefix (ን-, ብ-): ምክንኻን "caring". A new one goes here. */
const STEMS = ['ምክንኻን'];
/**
 * The masculine singular imperatives of the earlier drafts (the plural ends in -ኡ: ምረጹ, ጠውቑ, ስደዱ, ደውሉ). Not the
 * 2nd person imperfect (ትደሊ, ትኽእል): it is spelled like the 3rd person feminine ("she wants"), which is no address.
 * Not ረኣዮ either ("look at it", but also "he saw it"). Button names of other software quoted as they are («ኣካፍል»,
 * ፍቐድ) are not in the list.
 */
const IMPERATIVES = [
	'ምረጽ',
	'ጠውቕ',
	'ጽሓፍ',
	'ጽሓፎ',
	'ስማዕ',
	'ስደድ',
	'ስደደለይ',
	'ፈትን',
	'ተመለስ',
	'ደውል',
	'ደውለለይ',
	'ሕተት',
	'ሕተቶ',
	'ክፈት',
	'ክፈቶ',
	'ኣእቱ',
	'ኣእትዎ',
	'ዓቅብ',
	'ቀይር',
	'ኣውርድ',
	'ተዛረብ',
	'ተዘራረበሎም',
	'ደምስስ',
	'ተጸበ',
	'ሕሰብ',
	'ቀጽል',
	'ኣራኽብ',
	'ሕለፍ',
	'ርአ',
	'ርኣዮም',
	'ድለ',
	'ሃብ',
	'ቅረጽ',
	'ኪድ',
	'ምጻእ',
	'ኣርኢ',
	'ተጠቐም',
	'ዕጸው',
	'ኣሐድስ',
	'ኣጻውት',
	'ኣንብብ',
	'ኣቋርጽ',
	'ኣቕንዓዮ',
	'በል',
	'ኣብል',
	'በሎ',
	'ንገሮ',
	'ኣይትረስዕ',
	'ኣይትለኣኽ'
];
const IMPERATIVE = new RegExp(`(?<![${ETHIOPIC}])(?:${IMPERATIVES.join('|')})(?![${ETHIOPIC}])`, 'gu');

/** The masculine singular forms of address in a text. */
function masculine(text: string): string[] {
	return [
		...[...text.matchAll(SUFFIX)]
			.map(([word]) => word)
			.filter((word) => !STEMS.some((s) => word.endsWith(s))),
		...[...text.matchAll(IMPERATIVE)].map(([word]) => word)
	];
}

describe('Tigrinya address', () => {
	it('addresses the participant in the respectful plural, never in the masculine singular', () => {
		const found = texts('ti').flatMap(([file, key, text]) =>
			masculine(text).map((word) => `${file} ${key}: ${word}`)
		);
		expect(found).toEqual([]);
	});

	it('finds the masculine singular forms it looks for', () => {
		expect(masculine('ኣማኻሪኻ ክድውለልካ እዩ')).toEqual(['ኣማኻሪኻ', 'ክድውለልካ']);
		expect(masculine('ሕጂ ዝኾነ ቆጸራ የብልካን።')).toEqual(['የብልካን']);
		expect(masculine('ቅድም ዝመረጽካዮ፣ ዝጀመርካሉ ዕለት')).toEqual(['ዝመረጽካዮ', 'ዝጀመርካሉ']);
		expect(masculine('ሓደ መልሲ ምረጽ። ወይ ድማ ኣብ «ሕለፍ» ጠውቕ።')).toEqual(['ምረጽ', 'ሕለፍ', 'ጠውቕ']);
		// The plural, ካ/ኻ inside a word, and a stem that ends so, are not.
		expect(masculine('ኣማኻሪኹም ክድውሉልኩም እዮም። ካብ ካልእ ቦታ ምኻድ። ሓደ መልሲ ምረጹ። ጠውቑ። ንምክንኻን')).toEqual([]);
	});
});
