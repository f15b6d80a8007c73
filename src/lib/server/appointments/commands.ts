import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { appointmentReplies, appointments } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { audit } from '../audit';
import { plannedReminders } from '$lib/appointments/reminders';
import { cancelPending, enqueuePush } from '../push/queue';
import { appointmentTimes, type AppointmentError, type AppointmentForm } from './form';
import { appointmentForCoach, upcomingOf } from './coach-view';

/** The coach's changes to appointments: each checks the caseload's visibility, plans reminders and pushes. */

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
	const t = appointmentTimes(form, now);
	if (typeof t === 'string') return { error: t };
	const [created] = await db
		.insert(appointments)
		.values({ participantId, coachId: participant.coachId, ...t, ...columns(form) })
		.returning();
	await afterSave(db, coach, created!, 'appointment.created', now);
	return { id: created!.id };
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
	const t = appointmentTimes(form, now);
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

/** The coach has looked at the replies of these appointments. */
export async function markRepliesSeen(db: Db, appointmentIds: string[], now = new Date()) {
	if (!appointmentIds.length) return;
	await db
		.update(appointmentReplies)
		.set({ seenAt: now })
		.where(and(inArray(appointmentReplies.appointmentId, appointmentIds), isNull(appointmentReplies.seenAt)));
}
