import { participantOf } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { consentHistory, consentState } from '$lib/server/consent';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { formatDay, formatDayTime } from '$lib/time/format';
import { seenBy } from '$lib/server/privacy/seen-by';
import { PURPOSES } from '$lib/consent/purposes';

/** "My consent": what the participant agreed to now, a button to change each, and every earlier decision. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const participant = participantOf(locals);
	const database = await db();
	const [state, history, seen] = await Promise.all([
		consentState(database, participant.id),
		consentHistory(database, participant.id),
		seenBy(database, participant.id)
	]);
	const saved = url.searchParams.get('saved');
	return {
		state,
		saved: PURPOSES.find((p) => p === saved) ?? null,
		// Newest first; dates are formatted here (phones often lack Intl data for Tigrinya and Somali).
		history: history
			.map((h) => ({ purpose: h.purpose, decision: h.decision, when: formatDayTime(h.at, locals.lang) }))
			.reverse(),
		// "Lotte looked at your answers on Tuesday" (from the audit log).
		seen: seen.map((s) => ({ name: s.name, what: s.what, day: formatDay(s.at, locals.lang) })),
		namespaces: pageNamespaces(locals.lang, 'consent')
	};
};
