import { coachOf } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { failure, refuse } from '$lib/server/result';
import { parseForm } from '$lib/server/validation';
import {
	municipalitySettings,
	MunicipalityForm,
	RetentionForm,
	saveMunicipalitySettings,
	saveRetention
} from '$lib/server/municipality/settings';

/** The municipality's settings (admin): urgent number, house style, scheme, closing reasons, retention. */
export const load: PageServerLoad = async ({ locals }) => {
	const settings = await municipalitySettings(await db(), coachOf(locals));
	if (!settings) refuse('not_found');
	return { settings };
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = await parseForm(request, MunicipalityForm);
		if (!form.ok) return form.failure;
		const saved = await saveMunicipalitySettings(await db(), coachOf(locals), form.data);
		if (!saved.ok) return failure(saved.reason);
		return { saved: true };
	},
	retention: async ({ request, locals }) => {
		const form = await parseForm(request, RetentionForm);
		if (!form.ok) return form.failure;
		const saved = await saveRetention(await db(), coachOf(locals), form.data);
		if (!saved.ok) return failure(saved.reason);
		return { retentionSaved: true };
	}
};
