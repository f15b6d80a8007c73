import { addDays, localDay, parseDay, zonedToInstant } from '$lib/time/zoned';
import { TIME_ZONE } from './kinds';

/** The Monday (YYYY-MM-DD, Amsterdam) of the week an instant falls in. */
export function mondayOf(instant: Date): string {
	const day = localDay(instant, TIME_ZONE);
	const p = parseDay(day);
	const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
	return addDays(day, -weekday);
}

/** The seven days of a week, and the instants it starts and ends (Amsterdam midnight, summer time included). */
export function weekRange(monday: string): { days: string[]; from: Date; to: Date } {
	const midnight = (day: string) => zonedToInstant({ ...parseDay(day), hour: 0, minute: 0 }, TIME_ZONE);
	const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
	return { days, from: midnight(monday), to: midnight(addDays(monday, 7)) };
}
