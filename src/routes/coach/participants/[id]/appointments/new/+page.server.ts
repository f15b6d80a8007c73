import { coachOf } from '$lib/server/access';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participantForCoach } from '$lib/server/coach/caseload';
import { APPOINTMENT_ERRORS, appointmentForm, postedValues } from '$lib/server/appointments/form';
import { createAppointment } from '$lib/server/appointments/commands';
import { parseForm, readForm, uuidParam } from '$lib/server/validation';
import { fail } from '@sveltejs/kit';
import { APPOINTMENT_TYPES, TIME_ZONE } from '$lib/appointments/kinds';
import { localDay } from '$lib/time/zoned';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!uuidParam.safeParse(params.id).success) error(404, 'Deze deelnemer bestaat niet.');
	const participant = await participantForCoach(await db(), coachOf(locals), params.id);
	if (!participant) error(404, 'Deze deelnemer bestaat niet of hoort niet bij jouw caseload.');
	const type = url.searchParams.get('type');
	const activity = uuidParam.safeParse(url.searchParams.get('activity'));
	return {
		participant,
		today: localDay(new Date(), TIME_ZONE),
		// "Going together to an activity" comes from the activities page with the activity filled in.
		preset: {
			type: (APPOINTMENT_TYPES as readonly string[]).includes(type ?? '') ? type! : 'conversation',
			activityId: activity.success ? activity.data : ''
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		if (!uuidParam.safeParse(params.id).success) error(404, 'Deze deelnemer bestaat niet.');
		const values = postedValues((await readForm(request.clone())) ?? new FormData());
		const form = await parseForm(request, appointmentForm, ['bring']);
		if (!form.ok) return fail(form.failure.status, { ...form.failure.data, values });
		const result = await createAppointment(await db(), coachOf(locals), params.id, form.data);
		if ('error' in result) {
			const [field, message] = APPOINTMENT_ERRORS[result.error];
			return fail(result.error === 'notFound' ? 404 : 400, { invalid: { [field]: message }, values });
		}
		redirect(303, `/coach/appointments/${result.id}?created=1`);
	}
};
