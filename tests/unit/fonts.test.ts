import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../svelte.config.js';
import { ownNames } from '../../src/lib/i18n/languages';

/** Every shipped text, all languages. */
function shippedText(): string {
	let text = '';
	const walk = (value: unknown) => {
		if (typeof value === 'string') text += value;
		else if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	for (const lang of readdirSync('locales', { withFileTypes: true }).filter((d) => d.isDirectory()))
		for (const file of readdirSync(join('locales', lang.name)).filter((f) => f.endsWith('.json')))
			walk(JSON.parse(readFileSync(join('locales', lang.name, file), 'utf8')));
	return text;
}

const ranges = (range: string) =>
	range.split(',').map((p) => {
		const [a = '', b = a] = p.trim().slice(2).split('-');
		return [parseInt(a, 16), parseInt(b, 16)] as const;
	});

describe('the fonts written by scripts/fonts.js', () => {
	const css = readFileSync('static/fonts/latin.css', 'utf8');

	it('cover every Latin letter of the shipped texts (run `node scripts/fonts.js` after changing texts)', () => {
		const covered = [...css.matchAll(/unicode-range:([^;]+);/g)].flatMap((m) => ranges(m[1] ?? ''));
		const inNoto = (cp: number) => covered.some(([a, b]) => cp >= a && cp <= b);
		// Latin letters are those below the Greek block; other scripts have their own files.
		const missing = [...new Set(shippedText())].filter(
			(c) => c.codePointAt(0)! < 0x370 && !inNoto(c.codePointAt(0)!)
		);
		expect(missing).toEqual([]);
	});

	it("show every language's own name in Noto on a page of any script, bold, without another stylesheet", () => {
		// Armenian (Հայերեն) has no Noto file here: the system font shows it.
		const scripts: [string, (cp: number) => boolean][] = [
			['arabic', (cp) => cp >= 0x600 && cp <= 0x6ff],
			['ethiopic', (cp) => cp >= 0x1200 && cp <= 0x139f],
			['cyrillic', (cp) => cp >= 0x400 && cp <= 0x4ff]
		];
		const letters = [...new Set(ownNames().join(''))].map((c) => c.codePointAt(0)!);
		expect(letters.filter((cp) => scripts.some(([, isIn]) => isIn(cp))).length).toBeGreaterThan(30);
		for (const page of ['latin', 'arabic', 'cyrillic', 'ethiopic']) {
			const bold = [...readFileSync(`static/fonts/${page}.css`, 'utf8').matchAll(/@font-face\{([^}]*)\}/g)]
				.map((m) => m[1]!)
				.filter((rule) => rule.includes('font-weight:700'))
				.flatMap((rule) => ranges(rule.match(/unicode-range:([^;]+);/)?.[1] ?? 'U+0'));
			const missing = letters.filter(
				(cp) => scripts.some(([, isIn]) => isIn(cp)) && !bold.some(([a, b]) => cp >= a && cp <= b)
			);
			expect(
				missing.map((cp) => String.fromCodePoint(cp)),
				page
			).toEqual([]);
		}
	});

	it('have a size-adjusted fallback for each weight, named in the page font stack', () => {
		// Bold text from the regular face would be made bold by the browser: wider, so its lines would break elsewhere.
		expect(css).toMatch(
			/font-family:'Noto Sans Fallback';font-weight:400;src:local\('Arial'\)[^}]*size-adjust:[\d.]+%/
		);
		expect(css).toMatch(
			/font-family:'Noto Sans Fallback';font-weight:700;src:local\('Arial Bold'\)[^}]*size-adjust:[\d.]+%/
		);
		expect(readFileSync('src/lib/styles/global.css', 'utf8')).toContain("'Noto Sans Fallback'");
	});

	it('are allowed by the CSP as inlined <style> (their hashes are in style-src)', () => {
		const styleSrc = config.kit?.csp?.directives?.['style-src'] ?? [];
		for (const script of ['latin', 'arabic', 'cyrillic', 'ethiopic']) {
			const hash = createHash('sha256')
				.update(readFileSync(`static/fonts/${script}.css`))
				.digest('base64');
			expect(styleSrc).toContain(`sha256-${hash}`);
		}
	});
});
