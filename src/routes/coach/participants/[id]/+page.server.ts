import { coachOf } from '$lib/server/access';
import { appointmentsOfParticipant } from '$lib/server/appointments/appointments';
import { hasPush } from '$lib/server/push/subscriptions';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { viewParticipant } from '$lib/server/coach/caseload';
import { devicesOf, issuePairingCode, unpairDevice } from '$lib/server/pairing';
import { pairingView } from '$lib/server/coach/pairing-view';
import { parseForm, readForm, uuidParam } from '$lib/server/validation';
import { assignModules } from '$lib/server/survey/assignments';
import { assignableQuestionnaires } from '$lib/server/survey/definitions';
import { changesOverTime, ladderHistory, recordRung, resultsForCoach } from '$lib/server/survey/results';
import { surveyText } from '$lib/server/i18n/resources';
import { coachItemsForm, saveCoachItems } from '$lib/server/survey/coach-items';
import type { Db } from '$lib/server/db';
import { interestForCoach } from '$lib/server/activities/requests';

/** T0 → T1 in Dutch words for the coach. */
async function coachChanges(database: Db, participantId: string) {
	const changes = await changesOverTime(database, participantId);
	if (!changes) return null;
	const nl = (key: string) => surveyText('nl', key) ?? key;
	return {
		...changes,
		axes: changes.axes.map((a) => ({ id: a.id, label: nl(a.textKey) })),
		changes: changes.changes.map((c) => ({ ...c, question: nl(c.textKey) }))
	};
}

function participantId(raw: string): string {
	const parsed = uuidParam.safeParse(raw);
	if (!parsed.success) error(404, 'Not found');
	return parsed.data;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const database = await db();
	const id = participantId(params.id);
	// Not in this coach's caseload looks the same as not existing.
	const participant = await viewParticipant(database, coachOf(locals), id);
	if (!participant) error(404, 'Not found');
	return {
		participant,
		devices: (await devicesOf(database, coachOf(locals), id)) ?? [],
		appointments: await appointmentsOfParticipant(database, coachOf(locals), id),
		push: await hasPush(database, id),
		questionnaires: (await resultsForCoach(database, coachOf(locals), id)) ?? [],
		assignable: await assignableQuestionnaires(database),
		ladder: await ladderHistory(database, id),
		overTime: await coachChanges(database, id),
		coachItems: {
			T0: await coachItemsForm(database, coachOf(locals), id, 'T0'),
			T1: await coachItemsForm(database, coachOf(locals), id, 'T1')
		},
		activityInterest: await interestForCoach(database, coachOf(locals), {
			participantId: id,
			includeHandled: true
		})
	};
};

const AssignForm = z.discriminatedUnion('wave', [
	z.object({
		questionnaireId: z.enum(['intake', 'evaluation'], 'Kies de intake of de evaluatie.'),
		wave: z.enum(['T0', 'T1']),
		mode: z.enum(['alone', 'readAloudByCoach', 'withInterpreter']).default('alone')
	}),
	// Any questionnaire at any moment: which one is checked against the database (assignModules).
	z.object({
		questionnaireId: z
			.string('Kies een vragenlijst.')
			.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Kies een vragenlijst.')
			.refine((id) => id !== 'coach', 'Kies een vragenlijst.'),
		wave: z.literal('moment'),
		moment: z.string().trim().max(60, 'Geef het moment een kortere naam (hoogstens 60 tekens).').default(''),
		mode: z.enum(['alone', 'readAloudByCoach', 'withInterpreter']).default('alone')
	})
]);

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
		const result = await assignModules(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!result.ok) return fail(400, { message: 'Deze vragenlijst is niet beschikbaar.' });
		return { assigned: true };
	},
	coachItems: async ({ request, params, locals, url }) => {
		const wave = url.searchParams.get('wave') === 'T1' ? 'T1' : 'T0';
		const form = await readForm(request);
		if (!form) return fail(400, { message: 'Dit formulier kwam niet goed aan. Probeer het opnieuw.' });
		const result = await saveCoachItems(await db(), coachOf(locals), participantId(params.id), wave, form);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, 'Not found');
			return fail(400, {
				message: `Dit antwoord klopt niet: ${result.item ?? 'onbekend'}. Controleer het en probeer opnieuw.`
			});
		}
		return { coachItemsSaved: wave };
	},
	rung: async ({ request, params, locals }) => {
		const form = await parseForm(request, RungForm);
		if (!form.ok) return form.failure;
		if (!(await recordRung(await db(), coachOf(locals), participantId(params.id), form.data)))
			error(404, 'Not found');
		return { rungSaved: true };
	},
	newCode: async ({ params, locals, url }) => {
		const issued = await issuePairingCode(await db(), coachOf(locals), participantId(params.id));
		if (!issued) error(404, 'Not found');
		return { pairing: await pairingView(url.origin, issued) };
	},
	unpair: async ({ request, locals }) => {
		const form = await parseForm(request, UnpairForm);
		if (!form.ok) return form.failure;
		if (!(await unpairDevice(await db(), coachOf(locals), form.data.deviceId))) {
			return fail(404, { message: 'Dit apparaat hoort niet bij uw deelnemers.' });
		}
		return { unpaired: true };
	}
};
