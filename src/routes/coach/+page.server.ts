import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/coach/caseload';

export const load: PageServerLoad = async ({ locals }) => {
	// A translator has no caseload: their work is the voice studio.
	if (locals.coach!.role === 'translator') redirect(303, '/coach/voice');
	if (locals.coach!.role === 'admin') redirect(303, '/coach/questionnaires');
	return { caseload: await listCaseload(await db(), locals.coach!) };
};
