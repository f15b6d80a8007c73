import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { appointmentsForCoach, unmarkedPast } from '$lib/server/appointments/coach-view';
import { setAttendance } from '$lib/server/appointments/commands';
import { mondayOf, weekRange } from '$lib/appointments/week';
import { civilDate, parseForm } from '$lib/server/validation';
import { localDay } from '$lib/time/zoned';
import { TIME_ZONE } from '$lib/appointments/kinds';

export const load: PageServerLoad = async ({ locals, url }) => {
	const coach = coachOf(locals);
	const asked = url.searchParams.get('week');
	if (asked && !civilDate().safeParse(asked).success) error(400, 'Onbekende week.');
	const monday = mondayOf(asked ? new Date(`${asked}T12:00:00Z`) : new Date());
	const { days, from, to } = weekRange(monday);
	const database = await db();
	const rows = await appointmentsForCoach(database, coach, from, to);
	return {
		monday,
		days,
		today: localDay(new Date(), TIME_ZONE),
		appointments: rows.map((r) => ({
			...r.appointment,
			day: localDay(r.appointment.startsAt, TIME_ZONE),
			participantName: r.participantName,
			reply: r.replies[0] ?? null,
			unseen: r.replies.some((x) => !x.seenAt)
		})),
		toMark: (await unmarkedPast(database, coach)).map((r) => ({
			...r.appointment,
			participantName: r.participantName
		}))
	};
};

const AttendanceForm = z.object({
	id: z.uuid(),
	attendance: z.enum(['attended', 'noShow', 'followedUp'], 'Kies: geweest of niet geweest.')
});

export const actions: Actions = {
	attendance: async ({ locals, request }) => {
		const form = await parseForm(request, AttendanceForm);
		if (!form.ok) return form.failure;
		const result = await setAttendance(await db(), coachOf(locals), form.data.id, form.data.attendance);
		if ('error' in result) error(404, 'Deze afspraak bestaat niet of hoort niet bij jouw caseload.');
		return { marked: form.data.id };
	}
};
