import { can, coachOf } from '$lib/server/access';
import { failure } from '$lib/server/result';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { assignableQuestionnaires } from '$lib/server/survey/definitions';
import { assignToGroup } from '$lib/server/survey/assign-group';
import { teamCoaches } from '$lib/server/coach/worklist';
import { parseForm } from '$lib/server/validation';

/** A questionnaire ready for a group at a named moment: the own participants, or (a team lead) a coach's or the team's. */
export const load: PageServerLoad = async ({ locals }) => {
	const coach = coachOf(locals);
	const database = await db();
	const [instruments, team] = await Promise.all([
		assignableQuestionnaires(database),
		can(coach, 'questionnaires.assignGroup') ? teamCoaches(database, coach) : Promise.resolve([])
	]);
	return {
		instruments: instruments.map(({ id, title }) => ({ id, title })),
		team,
		self: coach.id,
		groupPlanner: can(coach, 'questionnaires.assignGroup')
	};
};

const GroupForm = z.object({
	questionnaireId: z
		.string('Kies een vragenlijst.')
		.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Kies een vragenlijst.'),
	moment: z
		.string('Geef het moment een naam, bijvoorbeeld "3 maanden".')
		.trim()
		.min(1, 'Geef het moment een naam, bijvoorbeeld "3 maanden".')
		.max(60, 'Hoogstens 60 tekens.'),
	scope: z.enum(['mine', 'coach', 'team'], 'Kies voor wie.'),
	coachId: z.uuid('Kies een coach.').optional()
});

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await parseForm(request, GroupForm);
		if (!form.ok) return form.failure;
		if (form.data.scope === 'coach' && !form.data.coachId)
			return failure('invalid', { message: 'Kies een coach.', invalid: { coachId: 'Kies een coach.' } });
		const result = await assignToGroup(await db(), coachOf(locals), form.data);
		if (!result.ok)
			return failure(result.reason, {
				message: result.reason === 'not_found' ? 'Deze vragenlijst of coach bestaat niet.' : undefined
			});
		return { assigned: result.assigned, already: result.already, moment: form.data.moment };
	}
};
