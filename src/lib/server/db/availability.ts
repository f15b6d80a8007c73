/**
 * Whether the database answers. PostgreSQL ends connections now and then (restart, failover, a pooler's idle
 * timeout, pg_terminate_backend); the server must stay up, answer 503 with Retry-After while the database cannot be
 * reached (phones keep their outbox and retry) and carry on by itself when it is back. This module recognises the
 * errors that mean "cannot reach the database" and keeps one up/down state, so an outage is logged once when it
 * starts and once when it ends, not once per request, connection or timer.
 */

/** What a client is told to wait before trying again (seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs that mean the connection, not the query, failed. Class 08 (connection exception) is matched whole. */
const SERVER_CODES = new Set([
	'57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now: starting up, in recovery
	'53300' // too_many_connections
]);

/** Node's socket and DNS errors. */
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'ENOTFOUND',
	'EAI_AGAIN'
]);

/** node-postgres says these in words, without a code. */
const MESSAGES = [
	/connection terminated/i, // "Connection terminated unexpectedly", "… due to connection timeout"
	/connection timeout/i,
	/timeout exceeded when trying to connect/i, // the pool's queue: every connection busy or unreachable
	/client has encountered a connection error/i,
	/client was closed and is not queryable/i,
	/cannot use a pool after calling end/i
];

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	cause?: unknown;
	errors?: unknown;
}

/** True when `error` (or what it wraps: Drizzle wraps the driver's error in `cause`) means the database is out of reach. */
export function isConnectionError(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 6) return false;
	const e = error as ErrorLike;
	if (typeof e.code === 'string') {
		if (SERVER_CODES.has(e.code) || SOCKET_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code)) return true;
	}
	if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
	// ECONNREFUSED on a name with several addresses arrives as an AggregateError.
	if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
	return isConnectionError(e.cause, depth + 1);
}

function describe(error: unknown): string {
	const e = error as ErrorLike | undefined;
	const inner = e?.cause as ErrorLike | undefined;
	const code = typeof e?.code === 'string' ? e.code : typeof inner?.code === 'string' ? inner.code : '';
	const message =
		(typeof inner?.message === 'string' && inner.message) ||
		(typeof e?.message === 'string' && e.message) ||
		String(error);
	return (code ? `${code} ` : '') + message.split('\n')[0]!.slice(0, 200);
}

let downSince: number | null = null;
let failures = 0;
let log: (line: string) => void = (line) => console.error(line);

/** Tests: where the transition lines go. */
export function setAvailabilityLog(to: (line: string) => void): void {
	log = to;
}

/** Is the database known to be unreachable right now (since the last failure, until the next good connection)? */
export function databaseIsDown(): boolean {
	return downSince !== null;
}

/**
 * Reports an error seen while talking to the database. A connection error marks the database down (logged on the
 * first one only) and returns true; anything else returns false and is the caller's to report.
 */
export function noteDatabaseError(error: unknown, where: string): boolean {
	if (!isConnectionError(error)) return false;
	failures++;
	if (downSince === null) {
		downSince = Date.now();
		log(
			`database unreachable (${where}): ${describe(error)}; answering 503 with Retry-After until it is back`
		);
	}
	return true;
}

/** Reports a good connection: logs the recovery if the database was down. */
export function noteDatabaseUp(): void {
	if (downSince === null) return;
	const seconds = ((Date.now() - downSince) / 1000).toFixed(1);
	log(`database reachable again after ${seconds} s (${failures} connection errors meanwhile)`);
	downSince = null;
	failures = 0;
}
