import { coachOf } from '$lib/server/access';
import { error, fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { participants } from '$lib/server/db/schema';
import { threadViewForCoach } from '$lib/server/messages/coach-view';
import { sendFromCoach } from '$lib/server/messages/sending';
import { setTrajectoryEnd } from '$lib/server/messages/settings';
import { parseForm, uuidParam, civilDate } from '$lib/server/validation';
import { MAX_TEXT_LENGTH } from '$lib/messages';

function participantId(raw: string): string {
	const parsed = uuidParam.safeParse(raw);
	if (!parsed.success) error(404, 'Not found');
	return parsed.data;
}

/** The conversation with one participant, beside their profile; opening it marks their messages read. */
export const load: PageServerLoad = async ({ params, locals, depends }) => {
	depends('messages:coach');
	const database = await db();
	const id = participantId(params.id);
	const thread = await threadViewForCoach(database, coachOf(locals), id);
	if (!thread) error(404, 'Not found');
	const [row] = await database
		.select({ endedAt: participants.trajectoryEndedAt })
		.from(participants)
		.where(eq(participants.id, id));
	return {
		...thread,
		trajectoryEndedAt: row?.endedAt?.toISOString().slice(0, 10) ?? null,
		// A fresh id per form: a double click or a resent post stores the reply once.
		clientId: randomUUID()
	};
};

const ReplyForm = z.object({
	clientId: z.uuid('Ververs de pagina en probeer het opnieuw.'),
	text: z
		.string()
		.trim()
		.min(1, 'Het bericht is leeg.')
		.max(MAX_TEXT_LENGTH, `Een bericht heeft hooguit ${MAX_TEXT_LENGTH} tekens.`)
});

const EndForm = z.object({
	endedAt: z
		.string()
		.optional()
		.transform((v) => v || null)
		.pipe(civilDate('Kies een geldige datum.').nullable())
});

export const actions: Actions = {
	reply: async ({ request, params, locals }) => {
		const form = await parseForm(request, ReplyForm);
		if (!form.ok) return form.failure;
		const result = await sendFromCoach(await db(), coachOf(locals), participantId(params.id), form.data);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, 'Not found');
			return fail(400, {
				message: result.reason === 'empty' ? 'Het bericht is leeg.' : 'Het bericht is te lang.'
			});
		}
		return { sent: true };
	},
	trajectory: async ({ request, params, locals }) => {
		const form = await parseForm(request, EndForm);
		if (!form.ok) return form.failure;
		const endedAt = form.data.endedAt ? new Date(`${form.data.endedAt}T12:00:00Z`) : null;
		if (!(await setTrajectoryEnd(await db(), coachOf(locals), participantId(params.id), endedAt)))
			error(404, 'Not found');
		return { trajectorySaved: true };
	}
};
