import { coachOf } from '$lib/server/access';
import { appointmentsOfParticipant } from '$lib/server/appointments/coach-view';
import { hasPush } from '$lib/server/push/subscriptions';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { setCaseStatus, viewParticipant } from '$lib/server/coach/caseload';
import { CASE_STATUS_LABELS, OPEN_CASE_STATUSES } from '$lib/server/coach/worklist';
import {
	aftercareDone,
	AftercareCheckForm,
	closeTrajectory,
	closureForm,
	finishAftercare,
	reopenTrajectory
} from '$lib/server/closure/closure';
import { closureReasons } from '$lib/server/closure/reasons';
import { closureForCoach } from '$lib/server/closure/view';
import { addNote, followUpDone, NoteForm } from '$lib/server/journal/notes';
import { timelineForCoach } from '$lib/server/journal/timeline';
import { JOURNAL_KINDS } from '$lib/server/journal/kinds';
import { failure } from '$lib/server/result';
import { amsterdamToday } from '$lib/time/amsterdam';
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
import { checkinHistory } from '$lib/server/checkins/coach-view';
import { consentState, markTalked } from '$lib/server/consent';
import { planForCoach } from '$lib/server/plan/views';
import { addGoal, addStep, closeGoal, markStepByCoach } from '$lib/server/plan/goals';
import { CloseGoalForm, GoalForm, StepDoneForm, StepForm } from '$lib/server/plan/form';
import { handOver, HandoverForm, handoverTargets } from '$lib/server/coach/handover';

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
	const coach = coachOf(locals);
	const id = participantId(params.id);
	// Not in this coach's caseload looks the same as not existing.
	const participant = await viewParticipant(database, coach, id);
	if (!participant) error(404, 'Not found');
	// Each section of the page is its own query: all at once.
	const [
		devices,
		appointments,
		push,
		questionnaires,
		ladder,
		overTime,
		T0,
		T1,
		activityInterest,
		timeline,
		checkins,
		consent,
		assignable,
		plan,
		targets,
		closure
	] = await Promise.all([
		devicesOf(database, coach, id),
		appointmentsOfParticipant(database, coach, id),
		hasPush(database, id),
		resultsForCoach(database, coach, id),
		ladderHistory(database, id),
		coachChanges(database, id),
		coachItemsForm(database, coach, id, 'T0'),
		coachItemsForm(database, coach, id, 'T1'),
		interestForCoach(database, coach, { participantId: id, includeHandled: true }),
		timelineForCoach(database, coach, id),
		checkinHistory(database, coach, id),
		consentState(database, id),
		assignableQuestionnaires(database),
		planForCoach(database, coach, id),
		handoverTargets(database, coach, id),
		closureForCoach(database, coach, id)
	]);
	return {
		participant,
		statuses: Object.fromEntries(OPEN_CASE_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]])),
		statusLabel: CASE_STATUS_LABELS[participant.caseStatus],
		devices: devices ?? [],
		appointments,
		push,
		checkins,
		questionnaires: questionnaires ?? [],
		assignable,
		ladder,
		overTime,
		coachItems: { T0, T1 },
		activityInterest,
		journal: { entries: timeline ?? [], kinds: JOURNAL_KINDS, today: amsterdamToday() },
		consent,
		plan: plan ?? { goals: [], wish: null },
		handoverTargets: targets,
		closure
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
const StatusForm = z.object({ status: z.enum(OPEN_CASE_STATUSES, 'Kies intake of actief.') });
const FollowUpForm = z.object({ noteId: z.uuid('Onbekende notitie.') });

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
	},
	note: async ({ request, params, locals }) => {
		const form = await parseForm(request, NoteForm);
		if (!form.ok) return form.failure;
		const added = await addNote(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!added.ok)
			return failure(added.reason, {
				message: added.reason === 'invalid' ? 'Deze datum bestaat niet.' : undefined
			});
		return { noteSaved: true };
	},
	followUpDone: async ({ request, params, locals }) => {
		const form = await parseForm(request, FollowUpForm);
		if (!form.ok) return form.failure;
		const done = await followUpDone(await db(), coachOf(locals), participantId(params.id), form.data.noteId);
		if (!done.ok) return failure(done.reason);
		return { followedUp: true };
	},
	status: async ({ request, params, locals }) => {
		const form = await parseForm(request, StatusForm);
		if (!form.ok) return form.failure;
		const set = await setCaseStatus(await db(), coachOf(locals), participantId(params.id), form.data.status);
		if (!set.ok)
			return failure(set.reason, {
				message:
					set.reason === 'conflict'
						? 'Dit traject is afgesloten. Open het eerst weer (onder "Afsluiten en nazorg").'
						: undefined
			});
		return { statusSaved: true };
	},
	/** Closing, aftercare calls, ending aftercare, reopening (issue 14 §5). */
	close: async ({ request, params, locals }) => {
		const database = await db();
		const coach = coachOf(locals);
		const form = await parseForm(
			request,
			closureForm(await closureReasons(database, coach.teamId), amsterdamToday())
		);
		if (!form.ok) return form.failure;
		const closed = await closeTrajectory(database, coach, participantId(params.id), form.data);
		if (!closed.ok)
			return failure(closed.reason, {
				message: closed.reason === 'conflict' ? 'Dit traject is al afgesloten.' : undefined
			});
		return { closed: closed.status, cancelled: closed.cancelled };
	},
	aftercareDone: async ({ request, params, locals }) => {
		const form = await parseForm(request, AftercareCheckForm);
		if (!form.ok) return form.failure;
		const done = await aftercareDone(
			await db(),
			coachOf(locals),
			participantId(params.id),
			form.data.checkId
		);
		if (!done.ok) return failure(done.reason);
		return { aftercareCalled: true };
	},
	finishAftercare: async ({ params, locals }) => {
		const done = await finishAftercare(await db(), coachOf(locals), participantId(params.id));
		if (!done.ok)
			return failure(done.reason, {
				message: done.reason === 'conflict' ? 'Dit traject is niet (meer) in nazorg.' : undefined
			});
		return { aftercareFinished: true };
	},
	reopen: async ({ params, locals }) => {
		const done = await reopenTrajectory(await db(), coachOf(locals), participantId(params.id));
		if (!done.ok)
			return failure(done.reason, {
				message: done.reason === 'conflict' ? 'Dit traject is open.' : undefined
			});
		return { reopened: true };
	},
	/** "Plan": a goal, a step, a step ticked (or not), a goal closed (issue 14 §3). */
	goal: async ({ request, params, locals }) => {
		const form = await parseForm(request, GoalForm);
		if (!form.ok) return form.failure;
		const added = await addGoal(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!added.ok)
			return failure(added.reason, {
				message:
					added.reason === 'conflict' ? 'Er staan al vijf doelen open: rond er eerst een af.' : undefined
			});
		return { planSaved: 'goal' };
	},
	step: async ({ request, params, locals }) => {
		const form = await parseForm(request, StepForm);
		if (!form.ok) return form.failure;
		const added = await addStep(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!added.ok)
			return failure(added.reason, {
				message:
					added.reason === 'conflict'
						? 'Bij dit doel kan geen stap meer bij: het is afgerond of heeft al twaalf stappen.'
						: undefined
			});
		return { planSaved: 'step' };
	},
	stepDone: async ({ request, params, locals }) => {
		const form = await parseForm(request, StepDoneForm);
		if (!form.ok) return form.failure;
		const marked = await markStepByCoach(
			await db(),
			coachOf(locals),
			participantId(params.id),
			form.data.stepId,
			form.data.done
		);
		if (!marked.ok) return failure(marked.reason);
		return { planSaved: 'stepDone' };
	},
	closeGoal: async ({ request, params, locals }) => {
		const form = await parseForm(request, CloseGoalForm);
		if (!form.ok) return form.failure;
		const closed = await closeGoal(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!closed.ok) return failure(closed.reason);
		return { planSaved: 'closeGoal' };
	},
	/** To a colleague, with a note; the list shows who went where (the coach may no longer see this page). */
	handover: async ({ request, params, locals }) => {
		const form = await parseForm(request, HandoverForm);
		if (!form.ok) return form.failure;
		const id = participantId(params.id);
		const done = await handOver(await db(), coachOf(locals), id, form.data);
		if (!done.ok)
			return failure(done.reason, {
				message: done.reason === 'invalid' ? 'Kies een collega uit het eigen team.' : undefined
			});
		redirect(303, `/coach?handedOver=${id}`);
	},
	/** The coach talked with a participant who wanted that first: their questionnaires open (issue 16). */
	talked: async ({ params, locals }) => {
		const result = await markTalked(await db(), coachOf(locals), participantId(params.id));
		if (!result.ok) return failure(result.reason);
		return { talked: true };
	}
};
