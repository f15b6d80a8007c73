import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { viewParticipant } from '$lib/server/coach/caseload';
import { devicesOf, issuePairingCode, unpairDevice } from '$lib/server/pairing';
import { pairingView } from '$lib/server/coach/pairing-view';
import { parseForm, uuidParam } from '$lib/server/validation';
import { assignModules } from '$lib/server/survey/assignments';
import { ladderHistory, recordRung, resultsForCoach } from '$lib/server/survey/results';

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
	return {
		participant,
		devices: (await devicesOf(database, locals.coach!, id)) ?? [],
		questionnaires: (await resultsForCoach(database, locals.coach!, id)) ?? [],
		ladder: await ladderHistory(database, id)
	};
};

const AssignForm = z.object({
	questionnaireId: z.enum(['intake', 'evaluation'], 'Kies de intake of de evaluatie.'),
	wave: z.enum(['T0', 'T1'])
});

const RungForm = z.object({
	rung: z.coerce.number().int().min(1, 'Kies een trede van 1 tot 6.').max(6, 'Kies een trede van 1 tot 6.'),
	derivedRung: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.pipe(z.number().int().min(1).max(6).nullable()),
	assignmentId: z
		.string()
		.optional()
		.transform((v) => v || null)
		.pipe(z.uuid().nullable()),
	note: z.string().max(500).default('')
});

const UnpairForm = z.object({ deviceId: z.uuid('Onbekend apparaat.') });

export const actions: Actions = {
	assign: async ({ request, params, locals }) => {
		const form = await parseForm(request, AssignForm);
		if (!form.ok) return form.failure;
		const result = await assignModules(await db(), locals.coach!, participantId(params.id), form.data);
		if (!result.ok) return fail(400, { message: 'Deze vragenlijst is niet beschikbaar.' });
		return { assigned: true };
	},
	rung: async ({ request, params, locals }) => {
		const form = await parseForm(request, RungForm);
		if (!form.ok) return form.failure;
		if (!(await recordRung(await db(), locals.coach!, participantId(params.id), form.data)))
			error(404, 'Not found');
		return { rungSaved: true };
	},
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
