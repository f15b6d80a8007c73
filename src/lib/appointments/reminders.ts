import { addDays, localDay, parseDay, zonedToInstant } from '$lib/time/zoned';
import { TIME_ZONE } from './kinds';

/** The evening before, at this hour: late enough to have the day's plans, early enough to arrange a babysitter. */
export const DAY_BEFORE_HOUR = 18;

export interface ReminderSettings {
	remindDayBefore: boolean;
	/** null: no reminder on the day. */
	remindHoursBefore: number | null;
}

export interface PlannedReminder {
	/** Stable per appointment time: moving the appointment gives new keys, so old reminders are never reused. */
	key: string;
	kind: 'dayBefore' | 'hoursBefore';
	at: Date;
}

/**
 * When to remind a participant of an appointment: the evening before at DAY_BEFORE_HOUR (Amsterdam time) and a few
 * hours before. Reminders whose moment has passed are left out, and so is the evening reminder when the appointment
 * was made after it or when it would come less than 6 hours before the other one (twice in one evening is nagging).
 */
export function plannedReminders(
	appointmentId: string,
	startsAt: Date,
	settings: ReminderSettings,
	now: Date
): PlannedReminder[] {
	const out: PlannedReminder[] = [];
	const stamp = startsAt.toISOString();
	const hoursAt =
		settings.remindHoursBefore !== null && settings.remindHoursBefore > 0
			? new Date(startsAt.getTime() - settings.remindHoursBefore * 3_600_000)
			: null;
	if (settings.remindDayBefore) {
		const eve = parseDay(addDays(localDay(startsAt, TIME_ZONE), -1));
		const at = zonedToInstant({ ...eve, hour: DAY_BEFORE_HOUR, minute: 0 }, TIME_ZONE);
		const tooClose = hoursAt && hoursAt.getTime() - at.getTime() < 6 * 3_600_000;
		if (at > now && !tooClose)
			out.push({ key: `reminder:${appointmentId}:dayBefore:${stamp}`, kind: 'dayBefore', at });
	}
	if (hoursAt && hoursAt > now) {
		out.push({ key: `reminder:${appointmentId}:hoursBefore:${stamp}`, kind: 'hoursBefore', at: hoursAt });
	}
	return out;
}
