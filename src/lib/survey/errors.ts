/**
 * Errors in a questionnaire definition (or in an answer's shape), each with the JSON path of the place to fix,
 * e.g. `modules[2].items[0].showIf.item: refers to unknown item "a9"`. Zod's issues are turned into the same form
 * (schema/issues.ts), so that the CLI and tests read one kind of error.
 */
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

/** A value as an error message shows it: strings quoted, so that "" and " " can be told apart. */
export function describeValue(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
