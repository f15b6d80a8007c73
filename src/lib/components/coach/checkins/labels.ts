import type { Change } from '$lib/checkins/kinds';
import { formatDay } from '$lib/time/format';

/** The coach workspace is Dutch: what participants answered, in the coach's words. */
export const FACE_LABELS = ['Heel slecht', 'Slecht', 'Gaat wel', 'Goed', 'Heel goed'];

export const CHANGE_LABELS: Record<Change, string> = {
	health: 'gezondheid',
	money: 'geld',
	home: 'wonen',
	family: 'familie',
	work: 'werk',
	loneliness: 'alleen zijn'
};

export const dayLabel = (d: Date | string) => formatDay(new Date(d), 'nl');

export function cadenceLabel(everyDays: number | null): string {
	if (!everyDays) return 'één keer';
	if (everyDays === 30) return 'elke maand';
	if (everyDays === 91) return 'elk kwartaal';
	return everyDays % 7 === 0 ? `elke ${everyDays / 7} weken` : `elke ${everyDays} dagen`;
}
