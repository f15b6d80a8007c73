import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/coach/caseload';

export const load: PageServerLoad = async ({ locals }) => ({
	caseload: await listCaseload(await db(), locals.coach!)
});
