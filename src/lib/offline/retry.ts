/**
 * When the phone tries the outbox again after a failure (no network, a 5xx, a 503 with Retry-After): exponential
 * back-off with jitter, so that 500 phones whose server was away do not all come back in the same second.
 * 2 s, 4 s, 8 s … up to 5 minutes, each drawn between half and the whole of it; a Retry-After from the server is
 * honoured (never earlier). Plain TypeScript: the clock and the dice are given, so tests need no timers.
 */
export interface RetryOptions {
	baseMs?: number;
	maxMs?: number;
	/** The server's Retry-After is honoured up to this long (a wrong header must not park the phone for days). */
	maxRetryAfterMs?: number;
	random?: () => number;
}

export function createRetrySchedule(options: RetryOptions = {}) {
	const { baseMs = 2_000, maxMs = 300_000, maxRetryAfterMs = 3_600_000, random = Math.random } = options;
	let failures = 0;
	let notBefore = 0;
	return {
		get failures() {
			return failures;
		},
		/** When the next automatic try may go (ms since epoch; 0: now). */
		get notBefore() {
			return notBefore;
		},
		mayTry(now: number): boolean {
			return now >= notBefore;
		},
		/** A try failed: returns how long to wait before the next. */
		failed(now: number, retryAfterMs?: number): number {
			failures++;
			const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
			let delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
			if (retryAfterMs !== undefined) delay = Math.max(delay, Math.min(retryAfterMs, maxRetryAfterMs));
			notBefore = now + delay;
			return delay;
		},
		/** A try got through (or the network just came back): start again from the shortest wait. */
		reset(): void {
			failures = 0;
			notBefore = 0;
		}
	};
}
export type RetrySchedule = ReturnType<typeof createRetrySchedule>;

/** Retry-After as seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
	if (!header) return undefined;
	const trimmed = header.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
