import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { deviceHasPush } from '$lib/server/push/subscriptions';
import { vapidKeys } from '$lib/server/push/vapid';
import { pageNamespaces } from '$lib/server/i18n/resources';

export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	const database = await db();
	return {
		on: await deviceHasPush(database, participant.deviceId),
		publicKey: (await vapidKeys(database)).publicKey,
		namespaces: pageNamespaces(locals.lang, 'appointments')
	};
};
