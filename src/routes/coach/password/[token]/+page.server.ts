import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { COACH_COOKIE, COACH_SESSION_HOURS } from '$lib/server/auth/coach';
import { setSessionCookie } from '$lib/server/security/cookies';
import { failure } from '$lib/server/result';
import { parseForm } from '$lib/server/validation';
import { openLink, PasswordForm, usePasswordLink } from '$lib/server/staff/staff';

/** A one-time link from the admin: choose a (first or new) password, and be logged in. A door like the login. */
export const load: PageServerLoad = async ({ params }) => {
	const link = await openLink(await db(), params.token);
	return { person: link ? { name: link.name, email: link.email, purpose: link.purpose } : null };
};

const GONE =
	'Deze link werkt niet (meer): hij is al gebruikt, verlopen of vervangen. Vraag uw beheerder om een nieuwe.';

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = await parseForm(request, PasswordForm);
		if (!form.ok) return form.failure;
		const used = await usePasswordLink(await db(), params.token, form.data.password);
		if (!used.ok) return failure(used.reason, { message: GONE });
		setSessionCookie(cookies, url, COACH_COOKIE, used.token, COACH_SESSION_HOURS * 3600);
		redirect(303, '/coach');
	}
};
