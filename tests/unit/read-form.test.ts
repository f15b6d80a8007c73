import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { civilDate, parseForm, readForm } from '../../src/lib/server/validation';

const post = (body: BodyInit, type: string) =>
	new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': type } });

/** What the fuzz found: bodies SvelteKit hands to form actions that are not a form we can use (400, not 500). */
describe('readForm', () => {
	it('reads a form', async () => {
		const form = await readForm(post('a=1&b=%C3%A9', 'application/x-www-form-urlencoded'));
		expect(form?.get('b')).toBe('é');
	});

	it('is null for text/plain and for a cut-off multipart body', async () => {
		expect(await readForm(post('a=1', 'text/plain'))).toBeNull();
		expect(
			await readForm(
				post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', 'multipart/form-data; boundary=x')
			)
		).toBeNull();
	});

	it('is null when a field or its name holds a NUL character (PostgreSQL cannot store it)', async () => {
		expect(await readForm(post('a=x%00y', 'application/x-www-form-urlencoded'))).toBeNull();
		expect(await readForm(post('a%00=1', 'application/x-www-form-urlencoded'))).toBeNull();
	});

	it('makes parseForm answer 400', async () => {
		const result = await parseForm(
			post('a=x%00y', 'application/x-www-form-urlencoded'),
			z.object({ a: z.string() })
		);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure.status).toBe(400);
	});
});

describe('civilDate', () => {
	it('takes days that exist between 2000 and 2100', () => {
		expect(civilDate().safeParse('2026-11-23').success).toBe(true);
		expect(civilDate().safeParse('2028-02-29').success).toBe(true);
		for (const day of ['0000-01-01', '9999-12-31', '2026-99-99', '2026-02-30', '2026-1-1', ''])
			expect(civilDate().safeParse(day).success, day).toBe(false);
	});
});
