import { openOfflineDb, type OfflineDb } from './db';
import { createFlusher, pendingCount, rejectedCount, type FlushResult } from './outbox';
import { createRetrySchedule, type RetrySchedule } from './retry';

/** Why a sync is asked for: only the network coming back skips the back-off (it was the reason to wait). */
export type SyncTrigger = 'user' | 'retry' | 'online';

/**
 * The phone's one offline store and its sync, shared by all screens: the sync state is shown as a pictogram (all
 * sent / waiting to send / no network), with the number of entries the server refused for good. Sends when
 * something is given, when the network comes back, and after a failure again with back-off (./retry.ts): 2 s
 * doubling to 5 minutes with jitter, or the server's Retry-After.
 */
class OfflineSync {
	pending = $state(0);
	/** Entries the server refused for good: kept on the phone and shown, never sent again. */
	refused = $state(0);
	/** 'unknown' until the outbox was counted: a freshly opened screen must not say "all sent" while answers wait. */
	state = $state<'unknown' | 'sent' | 'waiting' | 'offline'>('unknown');
	private db: OfflineDb | null = null;
	private flusher: (() => Promise<FlushResult>) | null = null;
	private schedule: RetrySchedule = createRetrySchedule();
	private timer: ReturnType<typeof setTimeout> | undefined;

	get store(): OfflineDb {
		if (!this.db) {
			this.db = openOfflineDb();
			this.flusher = createFlusher(this.db);
			window.addEventListener('online', () => void this.sync('online'));
			void rejectedCount(this.db).then((n) => (this.refused = n));
		}
		return this.db;
	}

	async sync(trigger: SyncTrigger = 'user'): Promise<FlushResult> {
		const db = this.store;
		// Show at once that something waits; the flush may take a while on a slow network.
		this.pending = await pendingCount(db);
		if (this.pending > 0 && (this.state === 'sent' || this.state === 'unknown')) this.state = 'waiting';
		if (trigger === 'online') this.schedule.reset();
		if (!this.schedule.mayTry(Date.now())) {
			// Backing off: the timer set at the failure will try; nothing is lost meanwhile.
			return { state: this.state === 'offline' ? 'offline' : 'error', sent: 0, rejected: 0 };
		}
		const result = await this.flusher!();
		clearTimeout(this.timer);
		if (result.state === 'done') this.schedule.reset();
		else {
			const wait = this.schedule.failed(Date.now(), result.retryAfterMs);
			this.timer = setTimeout(() => void this.sync('retry'), wait);
		}
		this.pending = await pendingCount(db);
		this.refused = await rejectedCount(db);
		this.state = this.pending === 0 ? 'sent' : result.state === 'offline' ? 'offline' : 'waiting';
		return result;
	}

	/** Counts what waits, for a screen that shows the state before (or without) a sync of its own. */
	async check(): Promise<void> {
		const waiting = await pendingCount(this.store);
		if (this.state !== 'unknown') return; // a sync has said it meanwhile
		this.pending = waiting;
		this.state = waiting === 0 ? 'sent' : navigator.onLine ? 'waiting' : 'offline';
	}

	stop(): void {
		clearTimeout(this.timer);
	}
}

export const offline = new OfflineSync();
