import type { Db } from '../db';
import { municipalityOf } from '../organisations';

/**
 * Why a trajectory ends: the list a coach chooses from. A municipality sets its own (settings); these are used until
 * it does. Worded for the coach (Dutch), and counted as worded by the indicators.
 */
export const DEFAULT_CLOSURE_REASONS: readonly string[] = [
	'Betaald werk gevonden',
	'Vrijwilligerswerk of dagbesteding gevonden',
	'Naar school of een opleiding',
	'Doelen bereikt',
	'Andere hulp past beter (zorg, schuldhulp)',
	'Verhuisd naar een andere gemeente',
	'Uitkering gestopt',
	'Wil zelf stoppen',
	'Geen contact meer',
	'Anders'
];

/** How many reasons a municipality may set, and how long one may be. */
export const CLOSURE_REASONS_MAX = 30;
export const CLOSURE_REASON_LENGTH = 80;

/** The reasons of the municipality above this team. */
export async function closureReasons(db: Db, teamId: string): Promise<string[]> {
	const municipality = await municipalityOf(db, teamId);
	const own = municipality?.closureReasons;
	return own?.length ? own : [...DEFAULT_CLOSURE_REASONS];
}

/** A textarea's lines as a reason list: trimmed, no empty lines, no doubles; null when a line is too long or too many. */
export function reasonsFromLines(text: string): string[] | null {
	const lines = [...new Set(text.split(/\r?\n/).map((l) => l.trim()))].filter(Boolean);
	if (lines.length > CLOSURE_REASONS_MAX || lines.some((l) => l.length > CLOSURE_REASON_LENGTH)) return null;
	return lines;
}
