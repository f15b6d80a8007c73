import { participantOf } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { myCheckin } from '$lib/server/checkins/participant-view';
import { checkinData, storeCheckinAnswer } from '$lib/server/checkins/answers';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { readForm, uuidParam } from '$lib/server/validation';

export const load: PageServerLoad = async ({ locals, params }) => {
	const participant = participantOf(locals);
	const checkin = uuidParam.safeParse(params.id).success
		? await myCheckin(await db(), participant.id, params.id)
		: null;
	if (!checkin) error(404, { message: serverT(locals.lang)('checkins:unknown') });
	return {
		checkin,
		// The id of an answer sent with this page's form (without JavaScript): sending it twice stores it once.
		answerId: crypto.randomUUID(),
		// The voice recorder is the messages screen's: its texts come along.
		namespaces: pageNamespaces(locals.lang, 'checkins', 'messages')
	};
};

const answerForm = z.object({
	clientId: z.uuid(),
	face: z.coerce.number(),
	changes: z.array(z.string()).default([]),
	wantsContact: z.string().optional(),
	step: z.enum(['face', 'more']).default('face')
});

export const actions: Actions = {
	/** The faces and the extras without JavaScript; with JavaScript the same answer goes through the phone's outbox. */
	answer: async ({ locals, params, request }) => {
		const participant = participantOf(locals);
		const t = serverT(locals.lang);
		const raw = await readForm(request);
		const form = answerForm.safeParse(
			raw
				? {
						clientId: raw.get('clientId'),
						face: raw.get('face'),
						changes: raw.getAll('changes'),
						wantsContact: raw.get('wantsContact') ?? undefined,
						step: raw.get('step') ?? undefined
					}
				: {}
		);
		const data = form.success
			? checkinData.safeParse({
					checkinId: params.id,
					face: form.data.face,
					changes: form.data.changes,
					wantsContact: form.data.wantsContact === 'yes'
				})
			: null;
		if (!form.success || !data?.success) return fail(400, { error: t('checkins:unknown') });
		const result = await storeCheckinAnswer(await db(), participant.id, {
			clientId: form.data.clientId,
			at: new Date(),
			data: data.data
		});
		if (result.status === 'rejected') return fail(404, { error: t('checkins:unknown') });
		redirect(
			303,
			form.data.step === 'face'
				? `/checkin/${params.id}?step=more&face=${data.data.face}`
				: `/checkin/${params.id}?step=thanks${data.data.wantsContact ? '&contact=1' : ''}`
		);
	}
};
