import { participantOf } from '$lib/server/access';
import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { moduleForParticipant } from '$lib/server/survey/participant-view';
import { applySync } from '$lib/server/survey/sync';
import { surveyTextsShowing } from '$lib/server/survey/texts';
import { pageNamespaces } from '$lib/server/i18n/resources';
import { readForm, uuidParam } from '$lib/server/validation';
import { definitionForModule, formToAnswer, type Item } from '$lib/survey';
import { HiddenItemError, openModule } from '$lib/survey/client';

async function load_module(locals: App.Locals, params: { assignment: string; module: string }) {
	const participant = participantOf(locals);
	if (!uuidParam.safeParse(params.assignment).success) error(404, 'Not found');
	const found = await moduleForParticipant(await db(), participant.id, params.assignment, params.module);
	if (!found) error(404, 'Not found');
	return found;
}

// Does not read the ?item= of the URL: moving between questions needs no server, so it also works offline.
// Carries the module being answered and its texts in one language, not the whole questionnaire (issue 17).
export const load: PageServerLoad = async ({ locals, params }) => {
	const found = await load_module(locals, params);
	const definition = definitionForModule(found.definition, found.moduleId);
	const { namespaces, textLanguages } = surveyTextsShowing(locals.lang, [found.definition], definition);
	return {
		...found,
		definition,
		namespaces: found.plan ? { ...namespaces, ...pageNamespaces(locals.lang, 'plan') } : namespaces,
		textLanguages
	};
};

/** Without JavaScript each screen is a plain form: the answer goes straight to the server, then the next question. */
export const actions: Actions = {
	answer: async ({ request, locals, params, url }) => {
		const found = await load_module(locals, params);
		const form = (await readForm(request)) ?? new FormData();
		const itemId = String(form.get('itemId') ?? '');
		const item: Item | undefined = found.definition.modules
			.find((m) => m.id === found.moduleId)
			?.items.find((i) => i.id === itemId);
		if (!item) return fail(400, { itemId, reason: 'unknown item' as const });
		const parsed = formToAnswer(item, form);
		if (!parsed.ok) return fail(400, { itemId, reason: parsed.reason });
		const outcome = openModule(found.definition, found.moduleId, found.answers).answer(itemId, parsed.answer);
		if (!outcome.ok)
			return fail(400, {
				itemId,
				reason:
					outcome.error instanceof HiddenItemError
						? ('hidden' as const)
						: outcome.error.detail.code === 'outOfRange'
							? ('outOfRange' as const)
							: ('invalid' as const)
			});
		const answeredAt = new Date().toISOString();
		// The answer and the follow-up answers it took back, as the phone's outbox would send them (none for a note).
		const results = outcome.changes.length
			? await applySync(
					await db(),
					participantOf(locals).id,
					outcome.changes.map((change) => ({
						kind: 'answer' as const,
						clientId: randomUUID(),
						assignmentId: found.assignmentId,
						moduleId: found.moduleId,
						itemId: change.itemId,
						value: change.value,
						answeredAt,
						language: locals.lang,
						version: found.definition.version,
						mode: found.mode
					}))
				)
			: [];
		if (results.some((r) => r.status === 'rejected'))
			return fail(400, { itemId, reason: 'invalid' as const });
		redirect(303, `${url.pathname}?item=${outcome.next ?? 'review'}`);
	},
	submit: async ({ locals, params, url }) => {
		const found = await load_module(locals, params);
		await applySync(await db(), participantOf(locals).id, [
			{
				kind: 'submit',
				clientId: randomUUID(),
				assignmentId: found.assignmentId,
				moduleId: found.moduleId,
				submittedAt: new Date().toISOString()
			}
		]);
		redirect(303, `${url.pathname}?item=sent`);
	}
};
