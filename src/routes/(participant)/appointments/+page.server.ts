import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { myAppointments } from '$lib/server/appointments/participant-view';
import { pageNamespaces } from '$lib/server/i18n/resources';

export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	return {
		...(await myAppointments(await db(), participant, locals.lang)),
		namespaces: pageNamespaces(locals.lang, 'appointments')
	};
};
