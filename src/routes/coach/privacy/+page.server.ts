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
import {
	RETENTION_KINDS,
	retentionSettings,
	saveRetentionSettings,
	type RetentionKind
} from '$lib/server/privacy/retention';
import { failure } from '$lib/server/result';
import { parseForm } from '$lib/server/validation';

/** The admin's privacy page: erasure on request (two admins) and how long each kind of data is kept (issue 16). */
export const load: PageServerLoad = async ({ locals }) => {
	const admin = coachOf(locals);
	const database = await db();
	const [requests, retention] = await Promise.all([
		openErasureRequests(database, admin),
		retentionSettings(database, admin.teamId)
	]);
	return { requests, retention };
};

const RequestForm = z.object({
	participantId: z.uuid('Vul het deelnemernummer in (van de pagina van de deelnemer).')
});
const RequestIdForm = z.object({ requestId: z.uuid('Onbekend verzoek.') });
const days = z.coerce
	.number('Vul een aantal dagen in.')
	.int('Vul een heel aantal dagen in.')
	.min(1, 'Minstens 1 dag.')
	.max(3650, 'Hoogstens 3650 dagen (10 jaar).');
const RetentionForm = z.object(
	Object.fromEntries(Object.keys(RETENTION_KINDS).map((k) => [k, days])) as Record<RetentionKind, typeof days>
);

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
	},
	retention: async ({ request, locals }) => {
		const form = await parseForm(request, RetentionForm);
		if (!form.ok) return form.failure;
		if (!(await saveRetentionSettings(await db(), coachOf(locals), form.data))) return failure('not_found');
		return { retentionSaved: true };
	}
};
