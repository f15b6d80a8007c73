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
import { parseForm, readForm, uuidParam, civilDate } from '$lib/server/validation';
import { COACH_QUICK_CODES, COACH_QUICK_MESSAGES, MAX_TEXT_LENGTH, MAX_VOICE_MS } from '$lib/messages';
import { serverT } from '$lib/server/i18n/resources';
import type { CoachSendRefusal } from '$lib/server/messages/sending';

/** The workspace is in Dutch: the coach picks a quick message by its Dutch text; the phone shows its own language. */
const nl = serverT('nl');

/** One wording per refusal, in Dutch for the coach. */
const REFUSED: Record<Exclude<CoachSendRefusal, 'not_found'>, string> = {
	empty: 'Het bericht is leeg.',
	tooLong: 'Het bericht is te lang.',
	unknownQuick: 'Kies een van de snelle berichten.',
	notAudio: 'Dit is geen geluidsopname. Neem het bericht opnieuw op.',
	voiceTooLong: `Een gesproken bericht duurt hoogstens ${MAX_VOICE_MS / 60_000} minuten.`
};

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
		quick: COACH_QUICK_CODES.map((code) => ({
			code,
			pictogram: COACH_QUICK_MESSAGES[code],
			dutch: nl(`messages:quick.${code}`)
		})),
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

const QuickForm = z.object({
	clientId: z.uuid('Ververs de pagina en probeer het opnieuw.'),
	quick: z.enum(COACH_QUICK_CODES, 'Kies een van de snelle berichten.')
});

const VoiceForm = z.object({
	clientId: z.uuid('Ververs de pagina en probeer het opnieuw.'),
	durationMs: z.coerce
		.number()
		.int()
		.min(0)
		.max(MAX_VOICE_MS + 1000, REFUSED.voiceTooLong)
});

/** A sent message, or the page's one answer to a refusal. */
function sent(result: Awaited<ReturnType<typeof sendFromCoach>>) {
	if (result.ok) return { sent: true };
	if (result.reason === 'not_found') error(404, 'Not found');
	return fail(400, { message: REFUSED[result.reason] });
}

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
		return sent(await sendFromCoach(await db(), coachOf(locals), participantId(params.id), form.data));
	},
	quick: async ({ request, params, locals }) => {
		const form = await parseForm(request, QuickForm);
		if (!form.ok) return form.failure;
		const draft = { kind: 'quick' as const, ...form.data };
		return sent(await sendFromCoach(await db(), coachOf(locals), participantId(params.id), draft));
	},
	/** A voice note recorded in the browser (the recorder posts it with its length). */
	voice: async ({ request, params, locals }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { message: 'De opname kwam niet goed aan. Probeer het opnieuw.' });
		const parsed = VoiceForm.safeParse({
			clientId: form.get('clientId'),
			durationMs: form.get('durationMs')
		});
		if (!parsed.success) return fail(400, { message: parsed.error.issues[0]!.message });
		const note = form.get('note');
		if (!(note instanceof File) || note.size === 0) return fail(400, { message: REFUSED.empty });
		const draft = {
			kind: 'voice' as const,
			...parsed.data,
			audio: new Uint8Array(await note.arrayBuffer())
		};
		return sent(await sendFromCoach(await db(), coachOf(locals), participantId(params.id), draft));
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
