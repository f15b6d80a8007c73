import type { LayoutServerLoad } from './$types';
import { takeLoginNotice } from '$lib/server/auth/login-notice';

// Who may see which page is decided by the guard in hooks.server.ts (SvelteKit does not run layouts for actions).
export const load: LayoutServerLoad = ({ locals, url, cookies }) => {
	return {
		coach: locals.coach ? { name: locals.coach.name, role: locals.coach.role } : null,
		// Failed login attempts since the previous login, shown once after logging in.
		loginNotice: locals.coach ? takeLoginNotice(cookies, url) : null
	};
};
