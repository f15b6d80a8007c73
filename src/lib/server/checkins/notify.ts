import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { checkins, coaches, participants } from '../db/schema';
import { serverT } from '../i18n/resources';
import { directionOf, registerPushKind, type PushMessage } from '../push/renderers';
import type { LanguageCode } from '$lib/i18n/languages';

async function load(db: Db, id: unknown) {
	if (typeof id !== 'string') return null;
	const [row] = await db
		.select({ checkin: checkins, coachName: coaches.name })
		.from(checkins)
		.innerJoin(participants, eq(participants.id, checkins.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(checkins.id, id));
	return row ?? null;
}

/**
 * "How are you? Lotte asks." in the participant's language; asked once more after a few days ("again"). Nothing when
 * it was answered or counts as silent by then.
 */
function renderer(again: boolean) {
	return async (db: Db, job: { payload: Record<string, unknown> }, lang: LanguageCode, now: Date) => {
		const row = await load(db, job.payload.checkinId);
		if (!row || row.checkin.answeredAt || row.checkin.silentAt <= now) return null;
		const t = serverT(lang);
		return {
			title: t('checkins:push.title'),
			body: t(again ? 'checkins:push.again' : 'checkins:push.body', { coach: row.coachName }),
			// A PNG: Android does not draw SVG notification icons.
			icon: '/pictograms/png/coach.png',
			url: `/checkin/${row.checkin.id}`,
			// The second ask replaces the first on the phone.
			tag: `checkin-${row.checkin.id}`,
			lang,
			dir: directionOf(lang),
			ttl: (row.checkin.silentAt.getTime() - now.getTime()) / 1000
		} satisfies PushMessage;
	};
}

registerPushKind('checkin', renderer(false));
registerPushKind('checkinAgain', renderer(true));
