import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { indicatorsFor } from '$lib/server/indicators/indicators';
import { periodOf } from '$lib/server/indicators/period';

export const load: PageServerLoad = async ({ locals, url }) => {
	const period = periodOf(url);
	const indicators = await indicatorsFor(await db(), coachOf(locals), period.fromAt, period.toAt);
	if (!indicators) refuse('forbidden');
	return { period: { from: period.from, to: period.to }, indicators };
};
