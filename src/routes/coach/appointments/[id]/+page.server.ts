import { coachOf } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { APPOINTMENT_ERRORS, appointmentForm, postedValues } from '$lib/server/appointments/form';
import {
	appointmentForCoach,
	appointmentsOfParticipant,
	pushesOf
} from '$lib/server/appointments/coach-view';
import {
	cancelAppointment,
	markRepliesSeen,
	remindNow,
	setAttendance,
	updateAppointment
} from '$lib/server/appointments/commands';
import { hasPush } from '$lib/server/push/subscriptions';
import { pokePushWorker } from '$lib/server/push/runtime';
import { parseForm, readForm, uuidParam } from '$lib/server/validation';
import { TIME_ZONE } from '$lib/appointments/kinds';
import { localDay, toLocalInputs } from '$lib/time/zoned';

const NOT_FOUND = 'Deze afspraak bestaat niet of hoort niet bij jouw caseload.';

async function found(locals: App.Locals, id: string) {
	if (!uuidParam.safeParse(id).success) error(404, NOT_FOUND);
	const row = await appointmentForCoach(await db(), coachOf(locals), id);
	if (!row) error(404, NOT_FOUND);
	return row;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { appointment, participantName } = await found(locals, params.id);
	const database = await db();
	const replies =
		(await appointmentsOfParticipant(database, coachOf(locals), appointment.participantId)).find(
			(a) => a.id === appointment.id
		)?.replies ?? [];
	// Opening the appointment is seeing its replies.
	await markRepliesSeen(database, [appointment.id]);
	const [date, startTime] = toLocalInputs(appointment.startsAt, TIME_ZONE);
	return {
		appointment,
		participantName,
		replies,
		push: await hasPush(database, appointment.participantId),
		pushes: await pushesOf(database, appointment.id),
		today: localDay(new Date(), TIME_ZONE),
		values: {
			type: appointment.type,
			date,
			startTime,
			endTime: toLocalInputs(appointment.endsAt, TIME_ZONE)[1],
			place: appointment.place,
			address: appointment.address,
			mapUrl: appointment.mapUrl ?? '',
			bring: appointment.bring,
			interpreter: appointment.interpreter,
			others: appointment.others,
			activityId: appointment.activityId ?? '',
			remindDayBefore: appointment.remindDayBefore,
			remindHoursBefore: String(appointment.remindHoursBefore ?? 0)
		},
		remindToken: crypto.randomUUID(),
		created: url.searchParams.has('created'),
		past: appointment.endsAt < new Date()
	};
};

export const actions: Actions = {
	update: async ({ locals, params, request }) => {
		await found(locals, params.id);
		const values = postedValues((await readForm(request.clone())) ?? new FormData());
		const form = await parseForm(request, appointmentForm, ['bring']);
		if (!form.ok) return fail(form.failure.status, { ...form.failure.data, values });
		const result = await updateAppointment(await db(), coachOf(locals), params.id, form.data);
		if ('error' in result) {
			const [field, message] = APPOINTMENT_ERRORS[result.error];
			return fail(result.error === 'notFound' ? 404 : 400, { invalid: { [field]: message }, values });
		}
		return { saved: true };
	},
	cancel: async ({ locals, params }) => {
		await found(locals, params.id);
		await cancelAppointment(await db(), coachOf(locals), params.id);
		pokePushWorker();
		return { cancelled: true };
	},
	remindNow: async ({ locals, params, request }) => {
		await found(locals, params.id);
		const form = await parseForm(request, z.object({ token: z.uuid() }));
		if (!form.ok) return form.failure;
		const result = await remindNow(await db(), coachOf(locals), params.id, form.data.token);
		if ('error' in result) return fail(400, { message: 'Een afgezegde afspraak krijgt geen herinnering.' });
		pokePushWorker();
		return { reminded: true };
	},
	attendance: async ({ locals, params, request }) => {
		await found(locals, params.id);
		const form = await parseForm(
			request,
			z.object({ attendance: z.enum(['attended', 'noShow', 'followedUp']) })
		);
		if (!form.ok) return form.failure;
		await setAttendance(await db(), coachOf(locals), params.id, form.data.attendance);
		if (form.data.attendance === 'followedUp') redirect(303, '/coach');
		return { marked: true };
	}
};
