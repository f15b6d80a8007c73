import type { LayoutServerLoad } from './$types';

// Who may see which page is decided by the guard in hooks.server.ts (SvelteKit does not run layouts for actions).
export const load: LayoutServerLoad = ({ locals }) => {
	return {
		coach: locals.coach ? { name: locals.coach.name, role: locals.coach.role } : null
	};
};
