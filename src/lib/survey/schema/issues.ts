/**
 * Zod's issues about a definition, turned into definition errors (../errors.ts) with the JSON path to fix, so that
 * the CLI and tests read one kind of error. Only what parses with zod uses this: validate.ts beside it.
 */
import type { z } from 'zod';
import { describeValue, formatPath, type DefinitionError, type Path, type PathSegment } from '../errors';

/** What the discriminating property of each union is called in a message. */
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
