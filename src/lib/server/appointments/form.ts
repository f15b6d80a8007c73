import { z } from 'zod';
import { APPOINTMENT_TYPES, BRING_ITEMS, PLACES, TIME_ZONE } from '$lib/appointments/kinds';
import { parseLocalDateTime } from '$lib/time/zoned';

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

/** The appointment's start and end as moments, or why they cannot be. */
export function appointmentTimes(
	form: AppointmentForm,
	now: Date
): { startsAt: Date; endsAt: Date } | AppointmentError {
	const startsAt = parseLocalDateTime(form.date, form.startTime, TIME_ZONE);
	const endsAt = parseLocalDateTime(form.date, form.endTime, TIME_ZONE);
	if (!startsAt || !endsAt) return 'badTime';
	if (endsAt <= startsAt) return 'endBeforeStart';
	if (startsAt <= now) return 'past';
	return { startsAt, endsAt };
}
