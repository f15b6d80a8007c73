/**
 * A small, safe evaluator for the XLSForm expression subset Opstap supports in `calculation` (and, converted to
 * structured conditions at import, in `relevant`). It parses to a tree and walks it: no `eval`, no property access,
 * no loops, so a definition can compute a score but never run code. Values follow XPath 1.0 as ODK uses it:
 * an unanswered item is the empty string, a choice name that is a number counts as that number, a multiple choice
 * is its choice names separated by spaces.
 *
 * Supported: `${name}`, numbers, 'strings', `+ - * div mod`, unary minus, `= != < <= > >=`, `and`, `or`, and the
 * functions in FUNCTIONS below.
 */

export type Value = string | number | boolean;

export type Expr =
	| { readonly kind: 'number'; readonly value: number }
	| { readonly kind: 'string'; readonly value: string }
	| { readonly kind: 'ref'; readonly name: string }
	| { readonly kind: 'neg'; readonly operand: Expr }
	| { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
	| { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] };

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

/** A problem in an expression, with the character position where it was found (for the researcher's message). */
export class ExpressionError extends Error {
	readonly position: number;
	constructor(message: string, position: number) {
		super(message);
		this.name = 'ExpressionError';
		this.position = position;
	}
}

type Token =
	| { type: 'number'; value: number; at: number }
	| { type: 'string'; value: string; at: number }
	| { type: 'ref'; value: string; at: number }
	| { type: 'name'; value: string; at: number }
	| { type: 'op'; value: string; at: number }
	| { type: 'end'; at: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const c = source[i]!;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '$' && source[i + 1] === '{') {
			const end = source.indexOf('}', i);
			if (end < 0) throw new ExpressionError('"${" zonder "}"', i);
			const name = source.slice(i + 2, end).trim();
			if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
				throw new ExpressionError(`ongeldige naam "\${${name}}"`, i);
			tokens.push({ type: 'ref', value: name, at: i });
			i = end + 1;
			continue;
		}
		if (c === "'" || c === '"') {
			const end = source.indexOf(c, i + 1);
			if (end < 0) throw new ExpressionError('tekst zonder sluitend aanhalingsteken', i);
			tokens.push({ type: 'string', value: source.slice(i + 1, end), at: i });
			i = end + 1;
			continue;
		}
		const number = /^(\d+(\.\d*)?|\.\d+)/.exec(source.slice(i));
		if (number) {
			tokens.push({ type: 'number', value: Number(number[0]), at: i });
			i += number[0].length;
			continue;
		}
		const two = source.slice(i, i + 2);
		if (two === '!=' || two === '<=' || two === '>=') {
			tokens.push({ type: 'op', value: two, at: i });
			i += 2;
			continue;
		}
		if ('=<>+-*(),'.includes(c)) {
			tokens.push({ type: 'op', value: c, at: i });
			i++;
			continue;
		}
		const name = NAME.exec(source.slice(i));
		if (name) {
			tokens.push({ type: 'name', value: name[0], at: i });
			i += name[0].length;
			continue;
		}
		throw new ExpressionError(`onbekend teken "${c}"`, i);
	}
	tokens.push({ type: 'end', at: source.length });
	return tokens;
}

/** Binding power per binary operator, lowest first as in XPath 1.0. */
const PRECEDENCE: Record<BinaryOp, number> = {
	or: 1,
	and: 2,
	'=': 3,
	'!=': 3,
	'<': 4,
	'<=': 4,
	'>': 4,
	'>=': 4,
	'+': 5,
	'-': 5,
	'*': 6,
	div: 6,
	mod: 6
};

function binaryOp(token: Token): BinaryOp | null {
	if (token.type === 'op' && token.value in PRECEDENCE && token.value !== '(') return token.value as BinaryOp;
	if (token.type === 'name' && ['or', 'and', 'div', 'mod'].includes(token.value))
		return token.value as BinaryOp;
	return null;
}

/** Parses an expression; throws ExpressionError (in Dutch, with the position) when it is not in the subset. */
export function parseExpression(source: string): Expr {
	if (source.length > 2000) throw new ExpressionError('de uitdrukking is te lang (hoogstens 2000 tekens)', 0);
	const tokens = tokenize(source);
	let pos = 0;
	let depth = 0;
	const peek = () => tokens[pos]!;
	const take = () => tokens[pos++]!;
	const expect = (value: string) => {
		const t = take();
		if (t.type !== 'op' || t.value !== value) throw new ExpressionError(`"${value}" verwacht`, t.at);
	};

	function primary(): Expr {
		const t = take();
		if (++depth > 100) throw new ExpressionError('de uitdrukking is te diep genest', t.at);
		try {
			if (t.type === 'number') return { kind: 'number', value: t.value };
			if (t.type === 'string') return { kind: 'string', value: t.value };
			if (t.type === 'ref') return { kind: 'ref', name: t.value };
			if (t.type === 'op' && t.value === '-') return { kind: 'neg', operand: expression(7) };
			if (t.type === 'op' && t.value === '(') {
				const inner = expression(0);
				expect(')');
				return inner;
			}
			if (t.type === 'name') {
				const next = peek();
				if (next.type !== 'op' || next.value !== '(')
					throw new ExpressionError(`"${t.value}" is geen functie of \${naam}`, t.at);
				if (!Object.hasOwn(FUNCTIONS, t.value))
					throw new ExpressionError(`onbekende functie "${t.value}()"`, t.at);
				take();
				const args: Expr[] = [];
				if (!(peek().type === 'op' && (peek() as { value: string }).value === ')')) {
					args.push(expression(0));
					while (peek().type === 'op' && (peek() as { value: string }).value === ',') {
						take();
						args.push(expression(0));
					}
				}
				expect(')');
				const fn = FUNCTIONS[t.value]!;
				if (args.length < fn.min || args.length > fn.max)
					throw new ExpressionError(`${t.value}() met ${args.length} argumenten`, t.at);
				return { kind: 'call', name: t.value, args };
			}
			throw new ExpressionError(
				t.type === 'end' ? 'de uitdrukking houdt te vroeg op' : 'onverwacht teken',
				t.at
			);
		} finally {
			depth--;
		}
	}

	function expression(minPower: number): Expr {
		let left = primary();
		for (;;) {
			const op = binaryOp(peek());
			if (!op || PRECEDENCE[op] <= minPower) return left;
			take();
			const right = expression(PRECEDENCE[op]);
			left = { kind: 'binary', op, left, right };
		}
	}

	const tree = expression(0);
	const rest = peek();
	if (rest.type !== 'end') throw new ExpressionError('onverwacht teken na het einde', rest.at);
	return tree;
}

/** Every `${name}` an expression refers to. */
export function referencesOf(expr: Expr): string[] {
	switch (expr.kind) {
		case 'ref':
			return [expr.name];
		case 'neg':
			return referencesOf(expr.operand);
		case 'binary':
			return [...new Set([...referencesOf(expr.left), ...referencesOf(expr.right)])];
		case 'call':
			return [...new Set(expr.args.flatMap(referencesOf))];
		default:
			return [];
	}
}

export function toNumber(value: Value): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	const trimmed = value.trim();
	return trimmed === '' ? NaN : Number(trimmed);
}

export function toBoolean(value: Value): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
	return value.length > 0;
}

export function toText(value: Value): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return Number.isNaN(value) ? 'NaN' : String(value);
}

function compare(op: BinaryOp, a: Value, b: Value): boolean {
	if (op === '=' || op === '!=') {
		let equal: boolean;
		if (typeof a === 'boolean' || typeof b === 'boolean') equal = toBoolean(a) === toBoolean(b);
		else if (typeof a === 'number' || typeof b === 'number') equal = toNumber(a) === toNumber(b);
		else equal = a === b;
		return op === '=' ? equal : !equal;
	}
	const x = toNumber(a);
	const y = toNumber(b);
	if (op === '<') return x < y;
	if (op === '<=') return x <= y;
	if (op === '>') return x > y;
	return x >= y;
}

/** The value of `${name}`: an answer, another computed result, or '' when there is none. */
export type Resolve = (name: string) => Value;

interface FunctionSpec {
	readonly min: number;
	readonly max: number;
	/** Gets its arguments unevaluated, so `if()` and `coalesce()` evaluate only what they need. */
	readonly call: (args: readonly Expr[], run: (e: Expr) => Value) => Value;
}

const numbers = (args: readonly Expr[], run: (e: Expr) => Value) => args.map((a) => toNumber(run(a)));
/** sum(), count-non-empty() and the like take a list of references (ODK takes a node-set: the same, repeat-free). */
const nonEmpty = (args: readonly Expr[], run: (e: Expr) => Value) =>
	args.map(run).filter((v) => toText(v) !== '');

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
	if: { min: 3, max: 3, call: ([c, a, b], run) => (toBoolean(run(c!)) ? run(a!) : run(b!)) },
	not: { min: 1, max: 1, call: ([a], run) => !toBoolean(run(a!)) },
	true: { min: 0, max: 0, call: () => true },
	false: { min: 0, max: 0, call: () => false },
	selected: {
		min: 2,
		max: 2,
		call: ([list, choice], run) =>
			toText(run(list!))
				.split(/\s+/)
				.includes(toText(run(choice!)))
	},
	'count-selected': {
		min: 1,
		max: 1,
		call: ([list], run) => toText(run(list!)).split(/\s+/).filter(Boolean).length
	},
	coalesce: {
		min: 2,
		max: 2,
		call: ([a, b], run) => {
			const first = run(a!);
			return toText(first) !== '' ? first : run(b!);
		}
	},
	round: {
		min: 1,
		max: 2,
		call: (args, run) => {
			const [x, digits = 0] = numbers(args, run);
			const factor = 10 ** digits;
			return Math.round(x! * factor) / factor;
		}
	},
	int: { min: 1, max: 1, call: (args, run) => Math.trunc(numbers(args, run)[0]!) },
	number: { min: 1, max: 1, call: (args, run) => numbers(args, run)[0]! },
	string: { min: 1, max: 1, call: ([a], run) => toText(run(a!)) },
	'string-length': { min: 1, max: 1, call: ([a], run) => toText(run(a!)).length },
	concat: { min: 1, max: 50, call: (args, run) => args.map((a) => toText(run(a))).join('') },
	sum: { min: 1, max: 100, call: (args, run) => numbers(args, run).reduce((s, x) => s + x, 0) },
	'count-non-empty': { min: 1, max: 100, call: (args, run) => nonEmpty(args, run).length },
	/** Not in XPath: the mean of the answered ones (a scale score that allows a missing item). */
	mean: {
		min: 1,
		max: 100,
		call: (args, run) => {
			const given = nonEmpty(args, run).map(toNumber);
			return given.length ? given.reduce((s, x) => s + x, 0) / given.length : NaN;
		}
	},
	min: { min: 1, max: 100, call: (args, run) => Math.min(...numbers(args, run)) },
	max: { min: 1, max: 100, call: (args, run) => Math.max(...numbers(args, run)) }
};

/** Evaluates a parsed expression. Never throws on values: arithmetic with an empty answer gives NaN, as in ODK. */
export function evaluate(expr: Expr, resolve: Resolve): Value {
	const run = (e: Expr): Value => {
		switch (e.kind) {
			case 'number':
			case 'string':
				return e.value;
			case 'ref':
				return resolve(e.name);
			case 'neg':
				return -toNumber(run(e.operand));
			case 'call':
				return FUNCTIONS[e.name]!.call(e.args, run);
			case 'binary': {
				if (e.op === 'or') return toBoolean(run(e.left)) || toBoolean(run(e.right));
				if (e.op === 'and') return toBoolean(run(e.left)) && toBoolean(run(e.right));
				const a = run(e.left);
				const b = run(e.right);
				switch (e.op) {
					case '+':
						return toNumber(a) + toNumber(b);
					case '-':
						return toNumber(a) - toNumber(b);
					case '*':
						return toNumber(a) * toNumber(b);
					case 'div':
						return toNumber(a) / toNumber(b);
					case 'mod':
						return toNumber(a) % toNumber(b);
					default:
						return compare(e.op, a, b);
				}
			}
		}
	};
	return run(expr);
}
