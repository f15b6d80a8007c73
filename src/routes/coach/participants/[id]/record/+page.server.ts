import { coachOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { uuidParam } from '$lib/server/validation';
import { participantRecord } from '$lib/server/coach/record';
import { JOURNAL_KINDS } from '$lib/server/journal/kinds';
import { CASE_STATUS_LABELS } from '$lib/server/coach/worklist';

/** The participant's record, print-ready (A4), for the municipality's case system. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const id = uuidParam.safeParse(params.id);
	if (!id.success) error(404, 'Not found');
	const record = await participantRecord(await db(), coachOf(locals), id.data);
	if (!record) error(404, 'Not found');
	return { record, kinds: JOURNAL_KINDS, statuses: CASE_STATUS_LABELS };
};
