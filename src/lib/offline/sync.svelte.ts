import { openOfflineDb, type OfflineDb } from './db';
import { createFlusher, pendingCount, type FlushResult } from './outbox';

/**
 * The phone's one offline store and its sync, shared by all questionnaire screens: the sync state is shown as a
 * pictogram (all sent / waiting to send / no network). Sends when an answer is given, when the network comes
 * back, and every half minute while something waits.
 */
class OfflineSync {
	pending = $state(0);
	state = $state<'sent' | 'waiting' | 'offline'>('sent');
	private db: OfflineDb | null = null;
	private flusher: (() => Promise<FlushResult>) | null = null;
	private timer: ReturnType<typeof setInterval> | undefined;

	get store(): OfflineDb {
		if (!this.db) {
			this.db = openOfflineDb();
			this.flusher = createFlusher(this.db);
			window.addEventListener('online', () => void this.sync());
			this.timer = setInterval(() => {
				if (this.pending > 0) void this.sync();
			}, 30_000);
		}
		return this.db;
	}

	async sync(): Promise<FlushResult> {
		const db = this.store;
		// Show at once that something waits; the flush may take a while on a slow network.
		this.pending = await pendingCount(db);
		if (this.pending > 0 && this.state === 'sent') this.state = 'waiting';
		const result = await this.flusher!();
		this.pending = await pendingCount(db);
		this.state = this.pending === 0 ? 'sent' : result.state === 'offline' ? 'offline' : 'waiting';
		return result;
	}

	stop(): void {
		clearInterval(this.timer);
	}
}

export const offline = new OfflineSync();
