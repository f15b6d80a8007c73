import { participantOf } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { myAppointments } from '$lib/server/appointments/participant-view';
import { replyData, storeReply } from '$lib/server/appointments/replies';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { readForm, uuidParam } from '$lib/server/validation';

export const load: PageServerLoad = async ({ locals, params }) => {
	const participant = participantOf(locals);
	const mine = await myAppointments(await db(), participant, locals.lang);
	const appointment = mine.appointments.find((a) => a.id === params.id);
	if (!uuidParam.safeParse(params.id).success || !appointment) {
		error(404, { message: serverT(locals.lang)('appointments:unknown') });
	}
	return {
		...mine,
		appointment,
		// The id of a reply sent with this page's form (without JavaScript): sending the form twice stores it once.
		replyId: crypto.randomUUID(),
		namespaces: pageNamespaces(locals.lang, 'appointments')
	};
};

const replyForm = z.object({ clientId: z.uuid(), reply: z.string(), reason: z.string().optional() });

export const actions: Actions = {
	/** The reply buttons without JavaScript; with JavaScript the same reply goes through the phone's outbox. */
	reply: async ({ locals, params, request }) => {
		const participant = participantOf(locals);
		const t = serverT(locals.lang);
		const form = replyForm.safeParse(Object.fromEntries((await readForm(request)) ?? []));
		const data = form.success
			? replyData.safeParse({
					appointmentId: params.id,
					reply: form.data.reply,
					reason: form.data.reason || null
				})
			: null;
		if (!form.success || !data?.success) return fail(400, { error: t('appointments:unknown') });
		const result = await storeReply(await db(), participant.id, {
			clientId: form.data.clientId,
			at: new Date(),
			data: data.data
		});
		if (result.status === 'rejected') return fail(404, { error: t('appointments:unknown') });
		redirect(303, `/appointments/${params.id}?thanks=${data.data.reply}`);
	}
};
