import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlinePictogram } from '../../src/lib/pictogram-markup';

const DIR = new URL('../../static/pictograms/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.svg'));

/** The numbers of each attribute as an SVG parser reads them (signs and points part them, as in "0-.04.5"). */
function numbersOf(markup: string): number[][] {
	return [...markup.matchAll(/\s[\w-]+="([^"]*)"/g)].map(
		(m) => m[1]!.match(/-?(?:\d+\.?\d*|\.\d+)/g)?.map(Number) ?? []
	);
}

describe('inlinePictogram: a pictogram file drawn into the page', () => {
	it('keeps every number of every pictogram apart, each moved by half a tenth of the 32 × 32 grid at most', () => {
		expect(FILES.length).toBeGreaterThan(200);
		for (const file of FILES) {
			const source = readFileSync(new URL(file, DIR), 'utf8');
			const before = numbersOf(source.replace(/^<svg[^>]*>/, ''));
			const after = numbersOf(inlinePictogram(source));
			expect(
				after.map((a) => a.length),
				file
			).toEqual(before.map((b) => b.length));
			after.forEach((a, i) =>
				a.forEach((n, j) => expect(Math.abs(n - before[i]![j]!), file).toBeLessThanOrEqual(0.05 + 1e-9))
			);
		}
	});

	it('takes off the file’s own <svg>, and keeps the sign and point that part one number from the next', () => {
		const file =
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M2.04 6c0-.04-.01.5 1.96 0-.283.965-.678"/></svg>\n';
		expect(inlinePictogram(file)).toBe('<path d="M2.0 6c0-.0-.0.5 2.0 0-.3 1.0-.7"/>');
	});

	it('makes the pictograms smaller on the wire', () => {
		const source = FILES.map((f) => readFileSync(new URL(f, DIR), 'utf8')).join('');
		const inline = FILES.map((f) => inlinePictogram(readFileSync(new URL(f, DIR), 'utf8'))).join('');
		expect(inline.length).toBeLessThan(source.length * 0.8);
	});
});
