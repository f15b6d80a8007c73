import { describe, expect, it } from 'vitest';
import { evaluate, ExpressionError, parseExpression, referencesOf, type Value } from '$lib/survey';

const run = (source: string, values: Record<string, Value> = {}) =>
	evaluate(parseExpression(source), (name) => values[name] ?? '');

describe('XLSForm expressions', () => {
	it('does arithmetic with XPath precedence and div/mod', () => {
		expect(run('1 + 2 * 3')).toBe(7);
		expect(run('(1 + 2) * 3')).toBe(9);
		expect(run('7 div 2')).toBe(3.5);
		expect(run('7 mod 3')).toBe(1);
		expect(run('-2 + 5')).toBe(3);
		expect(run('10 - 2 - 3')).toBe(5);
	});

	it('reads ${name} references; choice names that are numbers count as numbers', () => {
		expect(run('${a} + ${b}', { a: '3', b: 4 })).toBe(7);
		expect(run('6 - ${q}', { q: '2' })).toBe(4);
		expect(referencesOf(parseExpression('sum(${a}, ${b}) + ${a}'))).toEqual(['a', 'b']);
	});

	it('gives NaN for arithmetic over an unanswered item (no score rather than a wrong one)', () => {
		expect(run('${a} + 1')).toBeNaN();
	});

	it('compares numbers, texts and booleans as XPath does', () => {
		expect(run("${q} = 'ja'", { q: 'ja' })).toBe(true);
		expect(run("${q} != 'ja'", { q: 'nee' })).toBe(true);
		expect(run('${q} = 3', { q: '3' })).toBe(true);
		expect(run('${q} >= 13', { q: 12 })).toBe(false);
		expect(run('${q} < 13 and ${q} > 2', { q: 5 })).toBe(true);
		expect(run('${q} < 1 or ${q} > 2', { q: 5 })).toBe(true);
	});

	it('has each supported function', () => {
		expect(run("if(${a} > 1, 'hoog', 'laag')", { a: 2 })).toBe('hoog');
		expect(run('not(${a} > 1)', { a: 2 })).toBe(false);
		expect(run("selected(${m}, 'b')", { m: 'a b c' })).toBe(true);
		expect(run("selected(${m}, 'd')", { m: 'a b c' })).toBe(false);
		expect(run('count-selected(${m})', { m: 'a b c' })).toBe(3);
		expect(run('count-selected(${m})', { m: '' })).toBe(0);
		expect(run('coalesce(${a}, 9)')).toBe(9);
		expect(run('coalesce(${a}, 9)', { a: 1 })).toBe(1);
		expect(run('round(2.567, 1)')).toBe(2.6);
		expect(run('round(2.5)')).toBe(3);
		expect(run('int(-2.7)')).toBe(-2);
		expect(run("number('4')")).toBe(4);
		expect(run('sum(${a}, ${b}, 3)', { a: 1, b: '2' })).toBe(6);
		expect(run('count-non-empty(${a}, ${b}, ${c})', { a: 1, b: '' })).toBe(1);
		expect(run('mean(${a}, ${b}, ${c})', { a: 1, b: 3 })).toBe(2);
		expect(run('min(3, 1, 2) + max(3, 1, 2)')).toBe(4);
		expect(run("concat('a', 1)")).toBe('a1');
		expect(run("string-length('abc')")).toBe(3);
		expect(run('true() and not(false())')).toBe(true);
	});

	it('refuses what is not in the subset, in Dutch, with the position', () => {
		for (const bad of [
			'${a} +',
			'eval(1)',
			'constructor(1)',
			'a.b',
			'${a',
			"'open",
			'1 2',
			'if(1, 2)',
			'/data/a',
			'${a}[1]',
			'(1 + 2'
		]) {
			expect(() => parseExpression(bad), bad).toThrow(ExpressionError);
		}
		try {
			parseExpression('1 + foo(2)');
		} catch (e) {
			expect((e as ExpressionError).message).toBe('onbekende functie "foo()"');
			expect((e as ExpressionError).position).toBe(4);
		}
	});

	it('refuses nesting deep enough to exhaust the stack', () => {
		expect(() => parseExpression('('.repeat(150) + '1' + ')'.repeat(150))).toThrow(ExpressionError);
	});

	it('agrees with plain arithmetic on random expressions (property)', () => {
		let seed = 13;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const ops = [
			['+', '+'],
			['-', '-'],
			['*', '*'],
			['div', '/']
		] as const;
		const build = (depth: number): [string, string] => {
			if (depth === 0 || random() < 0.3) {
				const n = String(Math.floor(random() * 20) + 1);
				return [n, n];
			}
			const [xo, js] = ops[Math.floor(random() * ops.length)]!;
			const [a, ja] = build(depth - 1);
			const [b, jb] = build(depth - 1);
			return [`(${a} ${xo} ${b})`, `(${ja} ${js} ${jb})`];
		};
		for (let i = 0; i < 300; i++) {
			const [xpath, js] = build(4);
			// The reference is plain JavaScript arithmetic on the same tree (test-only, never in the app).
			const expected = Function(`return ${js}`)() as number;
			expect(run(xpath), xpath).toBeCloseTo(expected, 9);
		}
	});
});
