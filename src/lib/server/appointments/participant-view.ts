import type { Db } from '../db';
import { appointmentsForParticipant, type ParticipantAppointment } from './appointments';
import { deviceHasPush } from '../push/subscriptions';
import { vapidKeys } from '../push/vapid';
import type { ParticipantActor } from '../pairing';
import type { LanguageCode } from '$lib/i18n/languages';

/** What the participant's appointment screens need, all in one load so that the page works offline afterwards. */
export async function myAppointments(
	db: Db,
	participant: ParticipantActor,
	lang: LanguageCode,
	now = new Date()
) {
	const all = await appointmentsForParticipant(db, participant.id, lang, now);
	return {
		appointments: all,
		now: now.toISOString(),
		push: { on: await deviceHasPush(db, participant.deviceId), publicKey: (await vapidKeys(db)).publicKey }
	};
}

/** The next appointment within two days, for the in-app reminder on the home screen (also when push is off). */
export async function upcomingReminder(
	db: Db,
	participantId: string,
	lang: LanguageCode,
	now = new Date()
): Promise<ParticipantAppointment | null> {
	const soon = (await appointmentsForParticipant(db, participantId, lang, now)).filter(
		(a) =>
			!a.cancelled &&
			new Date(a.endsAt) > now &&
			new Date(a.startsAt).getTime() - now.getTime() < 48 * 3_600_000
	);
	return soon[0] ?? null;
}
