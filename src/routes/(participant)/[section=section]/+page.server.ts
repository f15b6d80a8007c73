import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	if (!locals.participant) redirect(303, locals.unpaired ? '/?unpaired=1' : '/');
	return { section: params.section };
};
