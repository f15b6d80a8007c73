import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { viewParticipant } from '$lib/server/coach/caseload';
import { devicesOf, issuePairingCode, unpairDevice } from '$lib/server/pairing';
import { pairingView } from '$lib/server/coach/pairing-view';
import { parseForm, uuidParam } from '$lib/server/validation';

function participantId(raw: string): string {
	const parsed = uuidParam.safeParse(raw);
	if (!parsed.success) error(404, 'Not found');
	return parsed.data;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const database = await db();
	const id = participantId(params.id);
	// Not in this coach's caseload looks the same as not existing.
	const participant = await viewParticipant(database, locals.coach!, id);
	if (!participant) error(404, 'Not found');
	return { participant, devices: (await devicesOf(database, locals.coach!, id)) ?? [] };
};

const UnpairForm = z.object({ deviceId: z.uuid('Onbekend apparaat.') });

export const actions: Actions = {
	newCode: async ({ params, locals, url }) => {
		const issued = await issuePairingCode(await db(), locals.coach!, participantId(params.id));
		if (!issued) error(404, 'Not found');
		return { pairing: await pairingView(url.origin, issued) };
	},
	unpair: async ({ request, locals }) => {
		const form = await parseForm(request, UnpairForm);
		if (!form.ok) return form.failure;
		if (!(await unpairDevice(await db(), locals.coach!, form.data.deviceId))) {
			return fail(404, { message: 'Dit apparaat hoort niet bij uw deelnemers.' });
		}
		return { unpaired: true };
	}
};
