/**
 * Checking a questionnaire definition: its shape with the zod schema, then what only the whole document can tell
 * (../validate.ts: `checkDefinition`). Here and not in ../validate.ts because it runs zod: the server, the CLI and
 * tests check definitions, the phone never does (issue 17).
 */
import type { Questionnaire } from '../definition';
import { formatError, type DefinitionError } from '../errors';
import { checkDefinition, type ValidateOptions } from '../validate';
import { questionnaireSchema } from './definition';
import { issuesToErrors } from './issues';

export type DefinitionCheck =
	| { readonly ok: true; readonly definition: Questionnaire; readonly errors: readonly [] }
	| { readonly ok: false; readonly errors: readonly DefinitionError[] };

export function validateDefinition(input: unknown, options: ValidateOptions = {}): DefinitionCheck {
	const parsed = questionnaireSchema.safeParse(input, { reportInput: true });
	if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, input) };
	const errors = checkDefinition(parsed.data, options);
	return errors.length > 0 ? { ok: false, errors } : { ok: true, definition: parsed.data, errors: [] };
}

/** Thrown by `parseDefinition`; `errors` has every problem found. */
export class DefinitionInvalidError extends Error {
	readonly errors: readonly DefinitionError[];
	constructor(errors: readonly DefinitionError[]) {
		super(`Invalid questionnaire definition:\n${errors.map(formatError).join('\n')}`);
		this.name = 'DefinitionInvalidError';
		this.errors = errors;
	}
}

/** For definitions shipped with the app, where an invalid one is a bug to stop at, not a case to handle. */
export function parseDefinition(input: unknown, options: ValidateOptions = {}): Questionnaire {
	const result = validateDefinition(input, options);
	if (!result.ok) throw new DefinitionInvalidError(result.errors);
	return result.definition;
}
