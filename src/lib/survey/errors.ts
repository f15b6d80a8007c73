/**
 * Errors in a questionnaire definition, each with the JSON path of the place to fix, e.g.
 * `modules[2].items[0].showIf.item: refers to unknown item "a9"`. Zod's issues are turned into the same form so
 * that the CLI and tests read one kind of error.
 */
import type { z } from 'zod';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface DefinitionError {
	/** JSON path in the definition, e.g. `modules[2].items[0].showIf.item`; `(root)` for the document itself. */
	readonly path: string;
	readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: Path): string {
	let formatted = '';
	for (const segment of path) {
		if (typeof segment === 'number') formatted += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) formatted += formatted ? `.${segment}` : segment;
		else formatted += `[${JSON.stringify(segment)}]`;
	}
	return formatted || '(root)';
}

export function formatError(error: DefinitionError): string {
	return `${error.path}: ${error.message}`;
}

/** What the discriminating property of each union is called in a message (`type` differs: see the callers). */
export type DiscriminatorNames = Readonly<Record<string, string>>;

const DEFINITION_DISCRIMINATORS: DiscriminatorNames = {
	type: 'item type',
	op: 'operator',
	fn: 'computed function'
};

function valueAt(root: unknown, path: Path): unknown {
	let value = root;
	for (const segment of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PathSegment, unknown>)[segment];
	}
	return value;
}

function describeValue(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Whether a union branch failed because the input has a different shape altogether (a missing or extra
 * property at the branch's own level), rather than because of a mistake inside the right shape.
 */
function isShapeMismatch(issue: z.core.$ZodIssue, input: unknown, unionPath: Path): boolean {
	if (issue.code === 'unrecognized_keys' && issue.path.length === 0) return true;
	const first = issue.path[0];
	return (
		issue.path.length === 1 &&
		(typeof first === 'string' || typeof first === 'number') &&
		valueAt(input, [...unionPath, first]) === undefined
	);
}

/**
 * Turns zod issues into definition errors. For a union, zod reports every branch; the one to show is the branch
 * the author evidently meant (the one whose shape fits), so `{ "not": { "op": "zz" } }` gets an error about the
 * operator inside `not`, not about a missing `all`.
 */
export function issuesToErrors(
	issues: readonly z.core.$ZodIssue[],
	input: unknown,
	names: DiscriminatorNames = DEFINITION_DISCRIMINATORS,
	base: Path = []
): DefinitionError[] {
	const errors: DefinitionError[] = [];
	for (const issue of issues) {
		const path: PathSegment[] = [...base, ...issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s))];
		if (issue.code === 'invalid_union' && issue.errors.length > 0) {
			const fitting = issue.errors.filter((branch) => !branch.some((i) => isShapeMismatch(i, input, path)));
			const chosen = fitting.length > 0 ? fitting.reduce((a, b) => (b.length < a.length ? b : a)) : undefined;
			if (chosen) errors.push(...issuesToErrors(chosen, input, names, path));
			else errors.push({ path: formatPath(path), message: issue.message });
		} else {
			errors.push({ path: formatPath(path), message: describeIssue(issue, valueAt(input, path), names) });
		}
	}
	return errors;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, names: DiscriminatorNames): string {
	if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
		const name = names[issue.discriminator] ?? issue.discriminator;
		const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : '';
		if (value === undefined) return `missing "${issue.discriminator}" (one of: ${options})`;
		return `unknown ${name} ${describeValue(value)} (known: ${options})`;
	}
	if (issue.code === 'unrecognized_keys') {
		const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
		return issue.keys.length === 1 ? `unknown property ${keys}` : `unknown properties ${keys}`;
	}
	if (issue.code === 'invalid_type' && value === undefined) return `missing (expected ${issue.expected})`;
	if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${describeValue(value)}`;
	if (issue.code === 'invalid_key') return `invalid key: ${issue.issues.map((i) => i.message).join('; ')}`;
	if (issue.code === 'invalid_format' && 'pattern' in issue)
		return `${describeValue(value)} ${issue.message}`;
	return issue.message;
}
