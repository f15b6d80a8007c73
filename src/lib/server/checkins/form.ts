import { z } from 'zod';
import { fail } from '@sveltejs/kit';
import { civilDate } from '../validation';
import { parseLocalDateTime } from '$lib/time/zoned';
import { TIME_ZONE } from '$lib/appointments/kinds';
import type { Reason } from '../result';
import { messageOf, statusOf } from '../result';

/** How often, as the coach picks it: days between rounds (0: once). */
export const CADENCES = [
	{ days: 0, label: 'Eén keer' },
	{ days: 14, label: 'Elke 2 weken' },
	{ days: 28, label: 'Elke 4 weken' },
	{ days: 30, label: 'Elke maand' },
	{ days: 91, label: 'Elk kwartaal' }
] as const;

/** The plan form (a participant's page and the team's page share it). A start in the past means: now. */
export const planForm = z.object({
	date: civilDate('Kies een geldige datum.'),
	time: z.string().regex(/^\d{2}:\d{2}$/, 'Kies een tijd.'),
	every: z.coerce.number().refine((d) => CADENCES.some((c) => c.days === d), 'Kies hoe vaak.'),
	scope: z.enum(['participant', 'coach', 'team']).default('participant'),
	coachId: z
		.uuid()
		.optional()
		.or(z.literal('').transform(() => undefined))
});

export function startOf(form: z.infer<typeof planForm>, now = new Date()): Date | null {
	const at = parseLocalDateTime(form.date, form.time, TIME_ZONE);
	if (!at) return null;
	return at < now ? now : at;
}

/** A refusal of the plans module as a form answer. */
export function planFailure(reason: Reason) {
	return fail(statusOf(reason), {
		invalid: {
			form:
				reason === 'invalid'
					? 'Zo vaak kan niet: de tijd tussen twee keer moet langer zijn dan de tijd tot "stil".'
					: messageOf(reason)
		}
	});
}
