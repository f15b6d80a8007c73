import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { listActivities, toCatalogue } from '$lib/server/activities/catalogue';
import { catalogueManager, deleteActivity, setClosed } from '$lib/server/activities/manage';
import { interestForCoach } from '$lib/server/activities/requests';
import { parseForm } from '$lib/server/validation';
import { nextStart } from '$lib/activities/filter';

export const load: PageServerLoad = async ({ locals }) => {
	const { database, org, coach } = await catalogueManager(locals);
	const interest = await interestForCoach(database, coach);
	const now = new Date();
	return {
		activities: (await listActivities(database, org)).map((row) => {
			const a = toCatalogue(row);
			return {
				id: a.id,
				externalId: row.externalId,
				category: a.category,
				title: a.title,
				neighbourhood: a.neighbourhood,
				cost: a.cost,
				closed: a.closed,
				closedReason: a.closedReason,
				photo: a.photo,
				rrule: row.rrule,
				next: nextStart(a, now),
				interest: interest.filter((r) => r.activityId === a.id).length
			};
		}),
		openInterest: interest.length
	};
};

const IdForm = z.object({ id: z.uuid('Onbekende activiteit.') });
const CloseForm = IdForm.extend({ reason: z.string().trim().max(200, 'Maximaal 200 tekens.').default('') });

export const actions: Actions = {
	close: async ({ request, locals }) => {
		const { database, org } = await catalogueManager(locals);
		const parsed = await parseForm(request, CloseForm);
		if (!parsed.ok) return parsed.failure;
		if (!(await setClosed(database, org, parsed.data.id, true, parsed.data.reason))) error(404, 'Not found');
		return { message: 'Gesloten gezet.' };
	},
	open: async ({ request, locals }) => {
		const { database, org } = await catalogueManager(locals);
		const parsed = await parseForm(request, IdForm);
		if (!parsed.ok) return parsed.failure;
		if (!(await setClosed(database, org, parsed.data.id, false, ''))) error(404, 'Not found');
		return { message: 'Weer open.' };
	},
	delete: async ({ request, locals }) => {
		const { database, org, coach } = await catalogueManager(locals);
		const parsed = await parseForm(request, IdForm);
		if (!parsed.ok) return parsed.failure;
		if (!(await deleteActivity(database, coach, org, parsed.data.id)))
			return fail(404, { message: 'Niet gevonden.' });
		return { message: 'Verwijderd.' };
	}
};
