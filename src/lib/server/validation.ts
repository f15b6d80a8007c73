import { fail } from '@sveltejs/kit';
import { z } from 'zod';

export type FormResult<T> =
	| { ok: true; data: T }
	| { ok: false; failure: ReturnType<typeof fail<{ invalid: Record<string, string> }>> };

/**
 * The posted form, or null when the body is not one. SvelteKit hands form actions every "form" content type,
 * text/plain included, which `request.formData()` cannot read (nor a cut-off multipart body): a 400, not a 500.
 * Also null when a field holds a NUL character: no form has a use for it and PostgreSQL cannot store it in text.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return null;
	}
	for (const [key, value] of form) {
		if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) return null;
	}
	return form;
}

/** Parses a form post with a zod schema at the boundary; on bad input a 400 with one reason per field. */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S,
	/** Fields that may come more than once (checkboxes with one name): passed on as arrays. */
	arrays: string[] = []
): Promise<FormResult<z.infer<S>>> {
	const form = await readForm(request);
	if (!form)
		return { ok: false, failure: fail(400, { invalid: { form: 'The request is not a form post.' } }) };
	const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
	for (const [key, value] of form) raw[key] = value;
	for (const key of arrays) raw[key] = form.getAll(key);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const invalid: Record<string, string> = {};
	for (const issue of parsed.error.issues) invalid[issue.path.join('.') || 'form'] ??= issue.message;
	return { ok: false, failure: fail(400, { invalid }) };
}

/** A participant or device id in a URL: a malformed one is a 404, not a database error. */
export const uuidParam = z.uuid();

/**
 * A day as yyyy-mm-dd that exists, in the years the app plans in. The years matter: PostgreSQL refuses year 0 and
 * years past 9999, and a week around 9999-12-31 ends in year 10000 (both were a 500).
 */
export const civilDate = (message?: string) =>
	z.iso.date(message).refine((day) => day >= '2000-01-01' && day <= '2100-12-31', message);
