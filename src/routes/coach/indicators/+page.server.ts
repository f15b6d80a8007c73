import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { INDICATORS_FRESH_MS, keptIndicators } from '$lib/server/indicators/kept';
import { periodOf } from '$lib/server/indicators/period';
import { dutchFormat } from '$lib/time/amsterdam';

const TIME = dutchFormat({ hour: '2-digit', minute: '2-digit' });

export const load: PageServerLoad = async ({ locals, url }) => {
	const period = periodOf(url);
	const indicators = await keptIndicators(await db(), coachOf(locals), period.fromAt, period.toAt);
	if (!indicators) refuse('forbidden');
	return {
		period: { from: period.from, to: period.to },
		countedAt: TIME.format(indicators.countedAt),
		freshMinutes: INDICATORS_FRESH_MS / 60_000,
		indicators
	};
};
