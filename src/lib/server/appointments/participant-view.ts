import type { Db } from '../db';
import { and, asc, eq, gte } from 'drizzle-orm';
import { appointments, coaches } from '../db/schema';
import { dateTexts } from '$lib/time/format';
import { repliesFor } from './replies';
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

/** The participant's own appointments: upcoming, and the past 30 days. */
export async function appointmentsForParticipant(
	db: Db,
	participantId: string,
	lang: LanguageCode,
	now = new Date()
) {
	const rows = await db
		.select({ appointment: appointments, coachName: coaches.name })
		.from(appointments)
		.innerJoin(coaches, eq(coaches.id, appointments.coachId))
		.where(
			and(
				eq(appointments.participantId, participantId),
				gte(appointments.startsAt, new Date(now.getTime() - 30 * 86_400_000))
			)
		)
		.orderBy(asc(appointments.startsAt));
	const replies = await repliesFor(
		db,
		rows.map((r) => r.appointment)
	);
	return rows.map(({ appointment: a, coachName }) => {
		const newest = replies.get(a.id)?.[0];
		return {
			id: a.id,
			type: a.type,
			startsAt: a.startsAt.toISOString(),
			endsAt: a.endsAt.toISOString(),
			start: dateTexts(a.startsAt, lang),
			end: dateTexts(a.endsAt, lang),
			place: a.place,
			address: a.address,
			mapUrl: a.mapUrl,
			bring: a.bring,
			interpreter: a.interpreter,
			cancelled: a.cancelledAt !== null,
			movedAt: a.movedAt?.toISOString() ?? null,
			coachName,
			reply: newest
				? { reply: newest.reply, reason: newest.reason, at: newest.repliedAt.toISOString() }
				: null
		};
	});
}
export type ParticipantAppointment = Awaited<ReturnType<typeof appointmentsForParticipant>>[number];
