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

/** Forget the attempts for a key (after a successful login). */
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
