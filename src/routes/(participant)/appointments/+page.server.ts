import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { myAppointments } from '$lib/server/appointments/participant-view';
import { pageNamespaces } from '$lib/server/i18n/resources';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.participant) redirect(303, locals.unpaired ? '/?unpaired=1' : '/');
	return {
		...(await myAppointments(await db(), locals.participant, locals.lang)),
		namespaces: pageNamespaces(locals.lang, 'appointments')
	};
};
