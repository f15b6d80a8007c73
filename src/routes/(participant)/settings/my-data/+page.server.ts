import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { myDataCounts } from '$lib/server/privacy/my-data';

/** "My data": how much of each kind Opstap holds about me, and the download of all of it. */
export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	return {
		counts: await myDataCounts(await db(), participant.id),
		namespaces: pageNamespaces(locals.lang, 'consent')
	};
};
