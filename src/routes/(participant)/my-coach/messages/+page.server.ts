import { participantOf } from '$lib/server/access';
import { fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { pageNamespaces, serverT } from '$lib/server/i18n/resources';
import { sendFromParticipant } from '$lib/server/messages/sending';
import { threadForParticipant } from '$lib/server/messages/threads';
import { QUICK_CODES } from '$lib/messages';
import { readForm } from '$lib/server/validation';

function requireParticipant(locals: App.Locals) {
	const participant = participantOf(locals);
	return participant;
}

/** The conversation; showing it marks the coach's messages read. */
export const load: PageServerLoad = async ({ locals, depends }) => {
	const participant = requireParticipant(locals);
	depends('messages:thread');
	const thread = await threadForParticipant(await db(), participant.id);
	return {
		messages: thread.map((m) => ({
			id: m.id,
			clientId: m.clientId,
			sender: m.sender,
			kind: m.kind,
			body: m.body,
			quick: m.quick,
			attachmentId: m.attachmentId,
			durationMs: m.durationMs,
			auto: m.auto,
			sentAt: m.sentAt.toISOString(),
			readAt: m.readAt?.toISOString() ?? null
		})),
		namespaces: pageNamespaces(locals.lang, 'messages')
	};
};

const SendForm = z.object({
	clientId: z.uuid().optional(),
	text: z.string().max(10_000).optional(),
	quick: z.enum(QUICK_CODES as [string, ...string[]]).optional()
});

/**
 * Without JavaScript (or before it has loaded) a message is a plain form post, stored at once. With JavaScript the
 * page keeps it in the outbox instead and never posts here.
 */
export const actions: Actions = {
	send: async ({ request, locals }) => {
		const participant = requireParticipant(locals);
		const t = serverT(locals.lang);
		const form = await readForm(request);
		if (!form) return fail(400, { problem: t('messages:problems.empty') });
		const parsed = SendForm.safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { problem: t('messages:problems.unknownQuick') });
		const { quick, text, clientId } = parsed.data;
		const result = await sendFromParticipant(await db(), participant.id, {
			clientId: clientId ?? randomUUID(),
			at: new Date(),
			data: quick ? { kind: 'quick', quick } : { kind: 'text', text: text ?? '' }
		});
		if (result.status === 'rejected') {
			const key = ['empty', 'tooLong', 'unknownQuick'].includes(result.reason) ? result.reason : 'rejected';
			return fail(400, { problem: t(`messages:problems.${key}`), text });
		}
		redirect(303, '/my-coach/messages');
	}
};
