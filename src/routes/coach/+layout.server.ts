import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { takeLoginNotice } from '$lib/server/auth/login-notice';

export const load: LayoutServerLoad = ({ locals, url, cookies }) => {
	if (!locals.coach && url.pathname !== '/coach/login') {
		redirect(303, `/coach/login?next=${encodeURIComponent(url.pathname)}`);
	}
	return {
		coach: locals.coach ? { name: locals.coach.name, role: locals.coach.role } : null,
		// Failed login attempts since the previous login, shown once after logging in.
		loginNotice: locals.coach ? takeLoginNotice(cookies, url) : null
	};
};
