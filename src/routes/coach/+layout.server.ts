import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.coach && url.pathname !== '/coach/login') {
		redirect(303, `/coach/login?next=${encodeURIComponent(url.pathname)}`);
	}
	return {
		coach: locals.coach ? { name: locals.coach.name, role: locals.coach.role } : null
	};
};
