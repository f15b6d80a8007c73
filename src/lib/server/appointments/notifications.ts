import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { appointments, coaches } from '../db/schema';
import { serverT } from '../i18n/resources';
import { directionOf, registerPushKind, type PushMessage } from '../push/renderers';
import type { LanguageCode } from '$lib/i18n/languages';
import { TYPE_PICTOGRAMS, type AppointmentType } from '$lib/appointments/kinds';
import { formatDayTime, formatTime, relativeDayKey } from '$lib/time/format';

async function load(db: Db, id: unknown) {
	if (typeof id !== 'string') return null;
	const [row] = await db
		.select({ appointment: appointments, coachName: coaches.name })
		.from(appointments)
		.innerJoin(coaches, eq(coaches.id, appointments.coachId))
		.where(eq(appointments.id, id));
	return row ?? null;
}

function frame(
	lang: LanguageCode,
	type: string,
	id: string
): Pick<PushMessage, 'icon' | 'url' | 'tag' | 'lang' | 'dir'> {
	return {
		// A PNG: Android does not draw SVG notification icons (scripts/pictograms.js makes these).
		icon: `/pictograms/png/${TYPE_PICTOGRAMS[type as AppointmentType] ?? 'appointments'}.png`,
		url: `/appointments/${id}`,
		// One notification per appointment on the phone: a later reminder replaces the earlier one.
		tag: `appointment-${id}`,
		lang,
		dir: directionOf(lang)
	};
}

/**
 * A reminder in the participant's language: "Tomorrow at 10:00: conversation with Lotte". Nothing when the
 * appointment was cancelled or has begun.
 */
export async function renderReminder(
	db: Db,
	job: { payload: Record<string, unknown> },
	lang: LanguageCode,
	now: Date
) {
	const row = await load(db, job.payload.appointmentId);
	if (!row || row.appointment.cancelledAt || row.appointment.startsAt <= now) return null;
	const a = row.appointment;
	const t = serverT(lang);
	const what = t(`appointments:type.${a.type}`);
	const day = relativeDayKey(a.startsAt, now);
	const when = day
		? t('appointments:push.dayAtTime', {
				day: t(`appointments:relative.${day}`),
				time: formatTime(a.startsAt, lang)
			})
		: formatDayTime(a.startsAt, lang);
	return {
		title: t('appointments:push.reminderTitle'),
		body: t('appointments:push.reminderBody', { what, coach: row.coachName, when }),
		ttl: (a.startsAt.getTime() - now.getTime()) / 1000,
		...frame(lang, a.type, a.id)
	} satisfies PushMessage;
}

export async function renderCancelled(
	db: Db,
	job: { payload: Record<string, unknown> },
	lang: LanguageCode,
	now: Date
) {
	const row = await load(db, job.payload.appointmentId);
	if (!row || row.appointment.startsAt <= now) return null;
	const a = row.appointment;
	const t = serverT(lang);
	return {
		title: t('appointments:push.cancelledTitle'),
		body: t('appointments:push.cancelledBody', {
			what: t(`appointments:type.${a.type}`),
			when: formatDayTime(a.startsAt, lang)
		}),
		ttl: (a.startsAt.getTime() - now.getTime()) / 1000,
		...frame(lang, a.type, a.id)
	} satisfies PushMessage;
}

registerPushKind('appointmentReminder', renderReminder);
registerPushKind('appointmentCancelled', renderCancelled);
