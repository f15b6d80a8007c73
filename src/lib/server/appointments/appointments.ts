import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { appointmentReplies, appointments, coaches, participants, pushJobs } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { participantForCoach, visibleTo } from '../coach/caseload';
import { audit } from '../audit';
import { APPOINTMENT_TYPES, BRING_ITEMS, PLACES, TIME_ZONE } from '$lib/appointments/kinds';
import { plannedReminders } from '$lib/appointments/reminders';
import { parseLocalDateTime } from '$lib/time/zoned';
import { dateTexts } from '$lib/time/format';
import type { LanguageCode } from '$lib/i18n/languages';
import { cancelPending, enqueuePush } from '../push/queue';

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/** The coach's appointment form, as posted. Times are Amsterdam wall-clock times. */
export const appointmentForm = z.object({
	type: z.enum(APPOINTMENT_TYPES, 'Kies wat voor afspraak het is.'),
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul een datum in.'),
	startTime: z.string().regex(/^\d{2}:\d{2}$/, 'Vul een begintijd in.'),
	endTime: z.string().regex(/^\d{2}:\d{2}$/, 'Vul een eindtijd in.'),
	place: z.enum(PLACES, 'Kies een plek.'),
	address: z.string().trim().max(300, 'Het adres is te lang.').default(''),
	mapUrl: z
		.union([
			z.literal(''),
			z.url({ protocol: /^https$/, error: 'Een kaartlink begint met https://' }).max(1000)
		])
		.default('')
		.transform((v) => v || null),
	bring: z.array(z.enum(BRING_ITEMS)).max(BRING_ITEMS.length).default([]),
	interpreter: checkbox,
	others: z.string().trim().max(300, 'Te lang.').default(''),
	activityId: z
		.union([z.literal(''), z.uuid()])
		.optional()
		.transform((v) => v || null),
	remindDayBefore: checkbox,
	remindHoursBefore: z.enum(['0', '1', '2', '3', '4'], 'Kies een herinnering.').default('2').transform(Number)
});
export type AppointmentForm = z.infer<typeof appointmentForm>;

/**
 * The form as posted, to fill it in again after a refusal: without JavaScript the page reloads, and the coach should
 * not have to type everything again.
 */
export function postedValues(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.slice(0, 1000) : '';
	};
	return {
		type: text('type'),
		date: text('date'),
		startTime: text('startTime'),
		endTime: text('endTime'),
		place: text('place'),
		address: text('address'),
		mapUrl: text('mapUrl'),
		bring: form.getAll('bring').filter((b): b is string => typeof b === 'string'),
		interpreter: form.has('interpreter'),
		others: text('others'),
		activityId: text('activityId'),
		remindDayBefore: form.has('remindDayBefore'),
		remindHoursBefore: text('remindHoursBefore') || '2'
	};
}

export type AppointmentError = 'notFound' | 'past' | 'endBeforeStart' | 'badTime' | 'cancelled';

/** Dutch messages for the coach's form, per field. */
export const APPOINTMENT_ERRORS: Record<AppointmentError, [field: string, message: string]> = {
	notFound: ['form', 'Deze deelnemer of afspraak bestaat niet, of hoort niet bij jouw caseload.'],
	past: ['date', 'Dit moment is al voorbij. Kies een datum en tijd in de toekomst.'],
	endBeforeStart: ['endTime', 'De eindtijd ligt vóór de begintijd.'],
	badTime: ['date', 'Deze datum of tijd bestaat niet.'],
	cancelled: ['form', 'Deze afspraak is afgezegd; maak een nieuwe.']
};

function times(form: AppointmentForm, now: Date): { startsAt: Date; endsAt: Date } | AppointmentError {
	const startsAt = parseLocalDateTime(form.date, form.startTime, TIME_ZONE);
	const endsAt = parseLocalDateTime(form.date, form.endTime, TIME_ZONE);
	if (!startsAt || !endsAt) return 'badTime';
	if (endsAt <= startsAt) return 'endBeforeStart';
	if (startsAt <= now) return 'past';
	return { startsAt, endsAt };
}

/** Plans (again) the reminders of an appointment, and cancels the ones that no longer fit. */
export async function scheduleReminders(db: Db, appointment: typeof appointments.$inferSelect, now: Date) {
	const planned = appointment.cancelledAt
		? []
		: plannedReminders(
				appointment.id,
				appointment.startsAt,
				{ remindDayBefore: appointment.remindDayBefore, remindHoursBefore: appointment.remindHoursBefore },
				now
			);
	await cancelPending(
		db,
		`reminder:${appointment.id}:`,
		planned.map((p) => p.key)
	);
	for (const reminder of planned) {
		await enqueuePush(db, {
			key: reminder.key,
			participantId: appointment.participantId,
			kind: 'appointmentReminder',
			payload: { appointmentId: appointment.id, when: reminder.kind },
			runAt: reminder.at
		});
	}
}

function columns(form: AppointmentForm) {
	return {
		type: form.type,
		place: form.place,
		address: form.address,
		mapUrl: form.mapUrl,
		bring: form.bring,
		interpreter: form.interpreter,
		others: form.others,
		activityId: form.activityId,
		remindDayBefore: form.remindDayBefore,
		remindHoursBefore: form.remindHoursBefore || null
	};
}

/** After an appointment is made or changed: its reminders planned (again), and who did it recorded. */
async function afterSave(
	db: Db,
	coach: CoachActor,
	appointment: typeof appointments.$inferSelect,
	action: 'appointment.created' | 'appointment.changed',
	now: Date
) {
	await scheduleReminders(db, appointment, now);
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action, subjectType: 'participant', subjectId: appointment.participantId }
	);
}

export async function createAppointment(
	db: Db,
	coach: CoachActor,
	participantId: string,
	form: AppointmentForm,
	now = new Date()
): Promise<{ id: string } | { error: AppointmentError }> {
	// The caseload's one visibility rule: another coach's participant is "not found".
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return { error: 'notFound' };
	const t = times(form, now);
	if (typeof t === 'string') return { error: t };
	const [created] = await db
		.insert(appointments)
		.values({ participantId, coachId: participant.coachId, ...t, ...columns(form) })
		.returning();
	await afterSave(db, coach, created!, 'appointment.created', now);
	return { id: created!.id };
}

/** An appointment the coach may see (own caseload, or the team for a team lead), or null. */
export async function appointmentForCoach(db: Db, coach: CoachActor, id: string) {
	const [row] = await db
		.select({
			appointment: appointments,
			participantName: participants.displayName,
			language: participants.preferredLanguage
		})
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(eq(appointments.id, id), visibleTo(coach)));
	return row ?? null;
}

/** Moves or changes an appointment; its reminders are planned again for the new time. */
export async function updateAppointment(
	db: Db,
	coach: CoachActor,
	id: string,
	form: AppointmentForm,
	now = new Date()
): Promise<{ id: string } | { error: AppointmentError }> {
	const found = await appointmentForCoach(db, coach, id);
	if (!found) return { error: 'notFound' };
	if (found.appointment.cancelledAt) return { error: 'cancelled' };
	const t = times(form, now);
	if (typeof t === 'string') return { error: t };
	// Another day or time asks again: an "I'll come" to the old time no longer counts (repliesFor).
	const moved =
		t.startsAt.getTime() !== found.appointment.startsAt.getTime() ||
		t.endsAt.getTime() !== found.appointment.endsAt.getTime();
	const [updated] = await db
		.update(appointments)
		.set({ ...t, ...columns(form), updatedAt: now, ...(moved ? { movedAt: now } : {}) })
		.where(eq(appointments.id, id))
		.returning();
	await afterSave(db, coach, updated!, 'appointment.changed', now);
	return { id };
}

/** Cancels an appointment: its reminders are dropped and the participant gets a push that it is off. */
export async function cancelAppointment(db: Db, coach: CoachActor, id: string, now = new Date()) {
	const found = await appointmentForCoach(db, coach, id);
	if (!found) return { error: 'notFound' as const };
	if (found.appointment.cancelledAt) return { id };
	const [updated] = await db
		.update(appointments)
		.set({ cancelledAt: now, updatedAt: now })
		.where(and(eq(appointments.id, id), isNull(appointments.cancelledAt)))
		.returning();
	if (updated) {
		await scheduleReminders(db, updated, now);
		if (updated.startsAt > now) {
			await enqueuePush(db, {
				key: `cancelled:${id}`,
				participantId: updated.participantId,
				kind: 'appointmentCancelled',
				payload: { appointmentId: id },
				runAt: now
			});
		}
	}
	return { id };
}

/** A participant's appointments still to come and not cancelled. */
const upcomingOf = (participantId: string, now: Date) =>
	and(
		eq(appointments.participantId, participantId),
		gt(appointments.startsAt, now),
		isNull(appointments.cancelledAt)
	);

/**
 * Cancels every appointment of a participant still to come (closing a trajectory): each as a coach's cancellation,
 * so reminders are dropped and the phone hears that it is off. Returns how many were cancelled.
 */
export async function cancelUpcomingAppointments(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date()
) {
	const upcoming = await db
		.select({ id: appointments.id })
		.from(appointments)
		.where(upcomingOf(participantId, now));
	for (const { id } of upcoming) await cancelAppointment(db, coach, id, now);
	return upcoming.length;
}

/** How many appointments of a participant are still to come (the closing form offers to cancel them). */
export async function upcomingAppointmentCount(db: Db, participantId: string, now = new Date()) {
	const [row] = await db.select({ n: count() }).from(appointments).where(upcomingOf(participantId, now));
	return row?.n ?? 0;
}

/** "Send a reminder now": the form's one-time token is the key, so a double click sends one. */
export async function remindNow(db: Db, coach: CoachActor, id: string, token: string, now = new Date()) {
	const found = await appointmentForCoach(db, coach, id);
	if (!found || found.appointment.cancelledAt) return { error: 'notFound' as const };
	await enqueuePush(db, {
		key: `reminderNow:${id}:${token}`,
		participantId: found.appointment.participantId,
		kind: 'appointmentReminder',
		payload: { appointmentId: id, when: 'now' },
		runAt: now
	});
	return { id };
}

/** After the appointment: did the participant come? A no-show raises a quiet "call" signal, nothing more. */
export async function setAttendance(
	db: Db,
	coach: CoachActor,
	id: string,
	attendance: 'attended' | 'noShow' | 'followedUp',
	now = new Date()
) {
	const found = await appointmentForCoach(db, coach, id);
	if (!found) return { error: 'notFound' as const };
	await db
		.update(appointments)
		.set(attendance === 'followedUp' ? { followedUpAt: now } : { attendance, followedUpAt: null })
		.where(eq(appointments.id, id));
	return { id };
}

export type ReplyRow = typeof appointmentReplies.$inferSelect;

/**
 * The replies that count per appointment, newest first: those given after the appointment was last moved (a reply to
 * the old time is kept in the table, but the moved appointment asks again).
 */
async function repliesFor(
	db: Db,
	of: { id: string; movedAt: Date | null }[]
): Promise<Map<string, ReplyRow[]>> {
	const map = new Map<string, ReplyRow[]>();
	if (!of.length) return map;
	const movedAt = new Map(of.map((a) => [a.id, a.movedAt]));
	const rows = await db
		.select()
		.from(appointmentReplies)
		.where(
			inArray(
				appointmentReplies.appointmentId,
				of.map((a) => a.id)
			)
		)
		.orderBy(desc(appointmentReplies.repliedAt));
	for (const row of rows) {
		const moved = movedAt.get(row.appointmentId);
		if (moved && row.repliedAt < moved) continue;
		map.set(row.appointmentId, [...(map.get(row.appointmentId) ?? []), row]);
	}
	return map;
}

/** The coach's appointments from `from` to `to` (a week view), with the participant and the newest reply. */
export async function appointmentsForCoach(db: Db, coach: CoachActor, from: Date, to: Date) {
	const rows = await db
		.select({ appointment: appointments, participantName: participants.displayName })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(visibleTo(coach), gte(appointments.startsAt, from), lt(appointments.startsAt, to)))
		.orderBy(asc(appointments.startsAt));
	const replies = await repliesFor(
		db,
		rows.map((r) => r.appointment)
	);
	return rows.map((r) => ({ ...r, replies: replies.get(r.appointment.id) ?? [] }));
}

/** A participant's appointments for the coach's participant page: upcoming and the last 60 days. */
export async function appointmentsOfParticipant(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date()
) {
	const rows = await db
		.select({ appointment: appointments })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				eq(appointments.participantId, participantId),
				gte(appointments.startsAt, new Date(now.getTime() - 60 * 86_400_000))
			)
		)
		.orderBy(asc(appointments.startsAt));
	const replies = await repliesFor(
		db,
		rows.map((r) => r.appointment)
	);
	return rows.map((r) => ({ ...r.appointment, replies: replies.get(r.appointment.id) ?? [] }));
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

/**
 * Quiet signals for the coach's caseload: participants to call (a no-show not yet followed up, or "call me"
 * asked), and replies the coach has not seen.
 */
export async function coachSignals(db: Db, coach: CoachActor) {
	const noShows = await db
		.select({ participantId: appointments.participantId, appointmentId: appointments.id })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(visibleTo(coach), eq(appointments.attendance, 'noShow'), isNull(appointments.followedUpAt)));
	const unseen = await db
		.select({
			participantId: appointmentReplies.participantId,
			reply: appointmentReplies.reply,
			n: sql<number>`count(*)::int`
		})
		.from(appointmentReplies)
		.innerJoin(participants, eq(participants.id, appointmentReplies.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(visibleTo(coach), isNull(appointmentReplies.seenAt)))
		.groupBy(appointmentReplies.participantId, appointmentReplies.reply);
	return { noShows, unseen };
}

/** The coach has looked at the replies of these appointments. */
export async function markRepliesSeen(db: Db, appointmentIds: string[], now = new Date()) {
	if (!appointmentIds.length) return;
	await db
		.update(appointmentReplies)
		.set({ seenAt: now })
		.where(and(inArray(appointmentReplies.appointmentId, appointmentIds), isNull(appointmentReplies.seenAt)));
}

/** Past appointments that the coach has not marked (came / did not come), to ask about them. */
export async function unmarkedPast(db: Db, coach: CoachActor, now = new Date()) {
	return db
		.select({ appointment: appointments, participantName: participants.displayName })
		.from(appointments)
		.innerJoin(participants, eq(participants.id, appointments.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				lt(appointments.endsAt, now),
				gte(appointments.startsAt, new Date(now.getTime() - 14 * 86_400_000)),
				isNull(appointments.attendance),
				isNull(appointments.cancelledAt)
			)
		)
		.orderBy(desc(appointments.startsAt));
}

/** The pushes planned or sent for an appointment, for the coach to see what the participant gets and when. */
export async function pushesOf(db: Db, appointmentId: string) {
	return db
		.select({
			key: pushJobs.key,
			kind: pushJobs.kind,
			runAt: pushJobs.runAt,
			state: pushJobs.state,
			outcome: pushJobs.outcome,
			doneAt: pushJobs.doneAt
		})
		.from(pushJobs)
		.where(sql`${pushJobs.payload}->>'appointmentId' = ${appointmentId}`)
		.orderBy(asc(pushJobs.runAt));
}
