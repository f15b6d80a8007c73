import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { consentHistory, consentState } from '$lib/server/consent';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { formatDayTime } from '$lib/time/format';
import { PURPOSES } from '$lib/consent/purposes';

/** "My consent": what the participant agreed to now, a button to change each, and every earlier decision. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const participant = participantOf(locals);
	const database = await db();
	const [state, history] = await Promise.all([
		consentState(database, participant.id),
		consentHistory(database, participant.id)
	]);
	const saved = url.searchParams.get('saved');
	return {
		state,
		saved: PURPOSES.find((p) => p === saved) ?? null,
		// Newest first; dates are formatted here (phones often lack Intl data for Tigrinya and Somali).
		history: history
			.map((h) => ({ purpose: h.purpose, decision: h.decision, when: formatDayTime(h.at, locals.lang) }))
			.reverse(),
		namespaces: pageNamespaces(locals.lang, 'consent')
	};
};
