import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { interestForCoach, markHandled } from '$lib/server/activities/requests';
import { parseForm } from '$lib/server/validation';

export const load: PageServerLoad = async ({ locals, url }) => {
	const coach = coachOf(locals);
	const all = url.searchParams.get('all') === '1';
	return { all, requests: await interestForCoach(await db(), coach, { includeHandled: all }) };
};

const HandledForm = z.object({ id: z.uuid('Onbekende vraag.') });

export const actions: Actions = {
	handled: async ({ request, locals }) => {
		const coach = coachOf(locals);
		const parsed = await parseForm(request, HandledForm);
		if (!parsed.ok) return parsed.failure;
		// Someone else's participant looks the same as an unknown request.
		if (!(await markHandled(await db(), coach, parsed.data.id))) error(404, 'Not found');
		return { message: 'Afgehandeld.' };
	}
};
