import { z } from 'zod';
import { civilDate } from '../validation';
import { addDays, localDay, parseLocalDateTime } from '$lib/time/zoned';
import { TIME_ZONE } from '$lib/appointments/kinds';

/** A period as two days in Amsterdam, `to` included; default the last 90 days. Bad input falls back, never a 500. */
const periodQuery = z.object({ from: civilDate(), to: civilDate() }).refine((p) => p.from <= p.to);

export function periodOf(url: URL, now = new Date()) {
	const today = localDay(now, TIME_ZONE);
	const parsed = periodQuery.safeParse({
		from: url.searchParams.get('from') ?? addDays(today, -89),
		to: url.searchParams.get('to') ?? today
	});
	const days = parsed.success ? parsed.data : { from: addDays(today, -89), to: today };
	return {
		...days,
		fromAt: parseLocalDateTime(days.from, '00:00', TIME_ZONE)!,
		toAt: parseLocalDateTime(addDays(days.to, 1), '00:00', TIME_ZONE)!
	};
}
