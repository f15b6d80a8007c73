import { sql } from 'drizzle-orm';
import type { Db } from '../db';

export interface Limit {
	/** How many attempts fit in one window. */
	max: number;
	windowMs: number;
}

export interface RateResult {
	allowed: boolean;
	remaining: number;
	retryAfterSeconds: number;
}

function windowStart(now: Date, windowMs: number): Date {
	return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one attempt for `key` and tells whether it is still within the limit. Stored in the database so it holds across restarts and processes. */
export async function hit(db: Db, key: string, limit: Limit, now = new Date()): Promise<RateResult> {
	const start = windowStart(now, limit.windowMs);
	const rows = await db.execute<{ count: number }>(sql`
		INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${start.toISOString()}, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
		RETURNING count`);
	const count = Number(rowsOf<{ count: number }>(rows)[0]?.count ?? 1);
	const retryAfterSeconds = Math.ceil((start.getTime() + limit.windowMs - now.getTime()) / 1000);
	return { allowed: count <= limit.max, remaining: Math.max(0, limit.max - count), retryAfterSeconds };
}

/** Looks without counting. */
export async function peek(db: Db, key: string, limit: Limit, now = new Date()): Promise<RateResult> {
	const start = windowStart(now, limit.windowMs);
	const rows = await db.execute<{ count: number }>(
		sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${start.toISOString()}`
	);
	const count = Number(rowsOf<{ count: number }>(rows)[0]?.count ?? 0);
	const retryAfterSeconds = Math.ceil((start.getTime() + limit.windowMs - now.getTime()) / 1000);
	return { allowed: count < limit.max, remaining: Math.max(0, limit.max - count), retryAfterSeconds };
}

/**
 * Takes back one attempt counted by `hit` with the same `now`: the attempt turned out not to be a failure.
 *
 * Limits count failures only, yet must hold against many guesses sent at once. So each attempt is counted before it is
 * checked (the database increments atomically, so a thousand parallel guesses cannot all slip under the limit), and
 * given back when it succeeds.
 */
export async function release(db: Db, key: string, limit: Limit, now = new Date()): Promise<void> {
	const start = windowStart(now, limit.windowMs);
	await db.execute(sql`
		UPDATE rate_limits SET count = GREATEST(count - 1, 0)
		WHERE key = ${key} AND window_start = ${start.toISOString()}`);
}

/** One counter of a set: the key and its window (keys that share a name get the window length appended). */
export interface Counter {
	key: string;
	limit: Limit;
}

/** `hit` on several counters; refused when any of them is over, with the longest wait of those that are. */
export async function hitAll(db: Db, counters: Counter[], now = new Date()): Promise<RateResult> {
	const results = [];
	for (const c of counters) results.push(await hit(db, c.key, c.limit, now));
	return combine(results);
}

export async function releaseAll(db: Db, counters: Counter[], now = new Date()): Promise<void> {
	for (const c of counters) await release(db, c.key, c.limit, now);
}

export async function peekAll(db: Db, counters: Counter[], now = new Date()): Promise<RateResult> {
	const results = [];
	for (const c of counters) results.push(await peek(db, c.key, c.limit, now));
	return combine(results);
}

function combine(results: RateResult[]): RateResult {
	const refused = results.filter((r) => !r.allowed);
	return {
		allowed: refused.length === 0,
		remaining: Math.min(...results.map((r) => r.remaining)),
		retryAfterSeconds: Math.max(0, ...refused.map((r) => r.retryAfterSeconds))
	};
}

/** Counters for several windows of one kind of attempt, e.g. a few a minute and a few more a quarter of an hour. */
export function tiers(key: string, limits: Limit[]): Counter[] {
	return limits.map((limit) => ({ key: `${key}@${limit.windowMs / 1000}s`, limit }));
}

/** Forget the attempts for a key. */
export async function reset(db: Db, key: string): Promise<void> {
	await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

export async function purgeOld(db: Db, olderThan: Date): Promise<void> {
	await db.execute(sql`DELETE FROM rate_limits WHERE window_start < ${olderThan.toISOString()}`);
}

/** node-postgres returns { rows }, PGlite returns { rows } too, but typed differently; one place to read them. */
export function rowsOf<T>(result: unknown): T[] {
	return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
