import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.participant && locals.coach) redirect(303, '/coach');
	return {
		unpaired: locals.unpaired || url.searchParams.has('unpaired'),
		justPaired: url.searchParams.has('paired')
	};
};
