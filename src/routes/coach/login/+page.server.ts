import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { COACH_COOKIE, COACH_SESSION_HOURS, login } from '$lib/server/auth/coach';
import { setSessionCookie } from '$lib/server/security/cookies';
import { setLoginNotice } from '$lib/server/auth/login-notice';
import { parseForm } from '$lib/server/validation';

const nextPath = z
	.string()
	.regex(/^\/coach(\/[\w\-/]*)?$/)
	.catch('/coach');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.coach) redirect(303, nextPath.parse(url.searchParams.get('next') ?? '/coach'));
	return {};
};

const LoginForm = z.object({
	email: z.string().trim().min(3, 'Vul je e-mailadres in.').max(200),
	password: z.string().min(1, 'Vul je wachtwoord in.').max(500)
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await parseForm(request, LoginForm);
		if (!form.ok) return form.failure;
		const result = await login(await db(), { ...form.data, ip: getClientAddress() });
		if (!result.ok) {
			if (result.reason === 'rate_limited') setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			const minutes = result.reason === 'rate_limited' ? Math.ceil(result.retryAfterSeconds / 60) : 0;
			return fail(result.reason === 'rate_limited' ? 429 : 400, {
				email: form.data.email,
				message:
					result.reason === 'rate_limited'
						? `Te veel pogingen. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`
						: 'Deze combinatie van e-mailadres en wachtwoord klopt niet.'
			});
		}
		setSessionCookie(cookies, url, COACH_COOKIE, result.token, COACH_SESSION_HOURS * 3600);
		setLoginNotice(cookies, url, result.failedSinceLastLogin);
		redirect(303, nextPath.parse(url.searchParams.get('next') ?? '/coach'));
	}
};
