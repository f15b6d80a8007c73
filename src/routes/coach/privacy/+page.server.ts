import { coachOf } from '$lib/server/access';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import {
	cancelErasure,
	confirmErasure,
	openErasureRequests,
	requestErasure
} from '$lib/server/privacy/erasure';
import { failure } from '$lib/server/result';
import { parseForm } from '$lib/server/validation';

/**
 * The admin's privacy page: erasure on request, confirmed by a second admin (issue 16). How long each kind of data is
 * kept is a municipality setting (/coach/municipality).
 */
export const load: PageServerLoad = async ({ locals }) => ({
	requests: await openErasureRequests(await db(), coachOf(locals))
});

const RequestForm = z.object({
	participantId: z.uuid('Vul het deelnemernummer in (van de pagina van de deelnemer).')
});
const RequestIdForm = z.object({ requestId: z.uuid('Onbekend verzoek.') });
export const actions: Actions = {
	request: async ({ request, locals }) => {
		const form = await parseForm(request, RequestForm);
		if (!form.ok) return form.failure;
		const result = await requestErasure(await db(), coachOf(locals), form.data.participantId);
		if (!result.ok)
			return failure(result.reason, {
				message:
					result.reason === 'conflict'
						? 'Voor deze deelnemer loopt al een verzoek.'
						: result.reason === 'not_found'
							? 'Geen deelnemer met dit nummer.'
							: undefined
			});
		return { requested: true };
	},
	confirm: async ({ request, locals }) => {
		const form = await parseForm(request, RequestIdForm);
		if (!form.ok) return form.failure;
		const result = await confirmErasure(await db(), coachOf(locals), form.data.requestId);
		if (!result.ok)
			return failure(result.reason, {
				message: 'Een tweede beheerder bevestigt: niet wie het verzoek deed.'
			});
		return { erased: true };
	},
	cancel: async ({ request, locals }) => {
		const form = await parseForm(request, RequestIdForm);
		if (!form.ok) return form.failure;
		if (!(await cancelErasure(await db(), coachOf(locals), form.data.requestId))) return failure('not_found');
		return { cancelled: true };
	}
};
