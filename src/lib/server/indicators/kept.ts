import type { Db } from '../db';
import { noteDatabaseError } from '../db/availability';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { indicatorsFor, type Indicators } from './indicators';

/**
 * The indicators as the page and the CSV show them: counted at most every FRESH_MS per scope and period, and kept
 * for a while. A municipality's year is every check-in, rung, note and appointment of 50,000 people (about half a
 * second on two cores): counting it again for each view, each CSV and each colleague would make the page slow and
 * let a few policy officers load the database. Numbers a few minutes old are fine for a team's figures over months;
 * the page says when they were counted. Only suppressed counts are kept (no person's data), and only for someone
 * whose role and team give the same scope.
 */
export const INDICATORS_FRESH_MS = 10 * 60_000;
/** Older than fresh but younger than this: shown at once while they are counted again behind it. */
const KEPT_MS = 60 * 60_000;
const MAX_KEPT = 200;

interface Kept {
	countedAt: number;
	value: Indicators | null;
	/** A count under way (a first view, or a refresh behind a kept one): asked again, it is shared, not repeated. */
	counting?: Promise<Indicators | null>;
}

export interface KeptIndicators extends Indicators {
	countedAt: Date;
}

const kept = new Map<string, Kept>();

function count(db: Db, key: string, actor: CoachActor, from: Date, to: Date, now: () => Date) {
	const entry = kept.get(key);
	if (entry?.counting) return entry.counting;
	const counting: Promise<Indicators | null> = indicatorsFor(db, actor, from, to, now()).then(
		(value) => {
			kept.delete(key); // re-inserted last: the map's order is the eviction order
			kept.set(key, { countedAt: now().getTime(), value });
			while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
			return value;
		},
		(error) => {
			const stale = kept.get(key);
			if (stale && stale.counting === counting) delete stale.counting;
			if (stale && stale.countedAt > 0) {
				// A refresh behind kept figures failed (the database blinked): keep showing them.
				if (!noteDatabaseError(error, 'indicators')) console.error('indicators:', error);
				return stale.value;
			}
			kept.delete(key);
			throw error;
		}
	);
	kept.set(key, { countedAt: entry?.countedAt ?? 0, value: entry?.value ?? null, counting });
	return counting;
}

/** The indicators an actor may see for a period (null: not theirs to see), at most INDICATORS_FRESH_MS old. */
export async function keptIndicators(
	db: Db,
	actor: CoachActor,
	from: Date,
	to: Date,
	now: () => Date = () => new Date()
): Promise<KeptIndicators | null> {
	if (!can(actor, 'indicators.view')) return null;
	// The scope is the actor's role and team (server/indicators/indicators.ts, scopeOf).
	const key = `${actor.role}:${actor.teamId}:${from.toISOString()}:${to.toISOString()}`;
	const entry = kept.get(key);
	const age = entry && entry.countedAt > 0 ? now().getTime() - entry.countedAt : Infinity;
	if (age < INDICATORS_FRESH_MS) return withTime(entry!.value, entry!.countedAt);
	if (age < KEPT_MS) {
		// Shown as kept; the next view gets the new count.
		void count(db, key, actor, from, to, now).catch(() => {});
		return withTime(entry!.value, entry!.countedAt);
	}
	const value = await count(db, key, actor, from, to, now);
	return withTime(value, kept.get(key)?.countedAt ?? now().getTime());
}

function withTime(value: Indicators | null, countedAt: number): KeptIndicators | null {
	return value && { ...value, countedAt: new Date(countedAt) };
}

/** Forgets every kept count (tests that change the data between two views). */
export function forgetKeptIndicators() {
	kept.clear();
}
