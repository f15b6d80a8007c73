import { participantOf } from '$lib/server/access';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { consentState, recordConsent } from '$lib/server/consent';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { readForm } from '$lib/server/validation';
import { firstUnasked, isChoice, PURPOSES, type Purpose } from '$lib/consent/purposes';

const purposeParam = z.enum(PURPOSES);

/** One purpose per screen: `?step=` names it (else the first not asked yet); `?from=settings` returns there. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const participant = participantOf(locals);
	const state = await consentState(await db(), participant.id);
	const asked = purposeParam.safeParse(url.searchParams.get('step'));
	const step: Purpose = asked.success ? asked.data : (firstUnasked(state) ?? 'coaching');
	return {
		step,
		index: PURPOSES.indexOf(step) + 1,
		total: PURPOSES.length,
		current: state[step],
		fromSettings: url.searchParams.get('from') === 'settings',
		namespaces: pageNamespaces(locals.lang, 'consent')
	};
};

const ChoiceForm = z.object({ purpose: purposeParam, choice: z.string().max(20) });

export const actions: Actions = {
	/** A decision on one purpose, stored as a new consent row; then the next purpose, settings or home. */
	choose: async ({ locals, request, url }) => {
		const participant = participantOf(locals);
		const form = ChoiceForm.safeParse(Object.fromEntries((await readForm(request)) ?? []));
		if (!form.success || !isChoice(form.data.purpose, form.data.choice)) return fail(400, { invalid: true });
		const state = await recordConsent(await db(), participant.id, form.data.purpose, form.data.choice);
		if (url.searchParams.get('from') === 'settings')
			redirect(303, `/settings/privacy?saved=${form.data.purpose}`);
		const next = firstUnasked(state);
		redirect(303, next ? `/consent?step=${next}` : '/?paired=1');
	}
};
