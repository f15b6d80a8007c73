import { participantOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { myPlan } from '$lib/server/plan/views';
import { storeStepMark } from '$lib/server/plan/marks';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { parseForm } from '$lib/server/validation';

export const load: PageServerLoad = async ({ locals }) => {
	const participant = participantOf(locals);
	return {
		goals: await myPlan(await db(), participant.id, locals.lang),
		// The id of a tick sent with this page's form (without JavaScript): sending it twice stores it once.
		tickId: crypto.randomUUID(),
		namespaces: pageNamespaces(locals.lang, 'plan')
	};
};

const TickForm = z.object({
	clientId: z.uuid(),
	stepId: z.uuid(),
	done: z.enum(['yes', 'no']).transform((v) => v === 'yes')
});

export const actions: Actions = {
	/** A tick without JavaScript; with JavaScript the same tick goes through the phone's outbox. */
	tick: async ({ locals, request }) => {
		const participant = participantOf(locals);
		const t = serverT(locals.lang);
		const form = await parseForm(request, TickForm);
		if (!form.ok) return fail(400, { error: t('plan:unknownStep') });
		const { clientId, stepId, done } = form.data;
		const result = await storeStepMark(await db(), participant.id, {
			clientId,
			at: new Date(),
			data: { stepId, done }
		});
		if (result.status === 'rejected') return fail(404, { error: t('plan:unknownStep') });
		return { ticked: stepId };
	}
};
