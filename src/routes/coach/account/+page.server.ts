import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions } from './$types';
import { db } from '$lib/server/db';
import {
	changePassword,
	COACH_COOKIE,
	COACH_SESSION_HOURS,
	MIN_PASSWORD_LENGTH
} from '$lib/server/auth/coach';
import { setSessionCookie } from '$lib/server/security/cookies';
import { parseForm } from '$lib/server/validation';

const PasswordForm = z
	.object({
		current: z.string().min(1, 'Vul uw huidige wachtwoord in.').max(500),
		next: z
			.string()
			.min(MIN_PASSWORD_LENGTH, `Het nieuwe wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`)
			.max(500),
		repeat: z.string().max(500)
	})
	.refine((f) => f.next === f.repeat, {
		message: 'De twee nieuwe wachtwoorden zijn niet gelijk.',
		path: ['repeat']
	});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await parseForm(request, PasswordForm);
		if (!form.ok) return form.failure;
		const result = await changePassword(await db(), coachOf(locals).id, form.data);
		if (!result.ok) {
			return fail(400, {
				message:
					result.reason === 'wrong_password'
						? 'Het huidige wachtwoord klopt niet.'
						: 'Het nieuwe wachtwoord is te kort.'
			});
		}
		setSessionCookie(cookies, url, COACH_COOKIE, result.token, COACH_SESSION_HOURS * 3600);
		return { changed: true };
	}
};
