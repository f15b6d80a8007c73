import type { LocalAnswer, OfflineDb } from './db';
import type { FlushResult } from './outbox';
import { answersOf, countAll, countWaitingFiles, openStored } from './raw';
import { createRetrySchedule, type RetrySchedule } from './retry';

/** Flushes in one sync at most: an outbox that keeps filling while it is sent waits for the next trigger. */
const MAX_ROUNDS = 3;
const REFILL_WAIT_MS = 1000;

/** What waits on the phone: entries, files not uploaded yet, and entries the server refused for good. */
interface Counts {
	pending: number;
	files: number;
	refused: number;
}

/** Why a sync is asked for: only the network coming back skips the back-off (it was the reason to wait). */
export type SyncTrigger = 'user' | 'retry' | 'online';

/**
 * The phone's one offline store and its sync, shared by all screens: the sync state is shown as a pictogram (all
 * sent / waiting to send / no network), with the number of entries the server refused for good. Sends when
 * something is given, when the network comes back, and after a failure again with back-off (./retry.ts): 2 s
 * doubling to 5 minutes with jitter, or the server's Retry-After.
 *
 * Dexie loads on the first write or send (store()); until then a screen reads what it needs straight from
 * IndexedDB (./raw.ts), so opening a question or the home screen does not wait for it (issue 17).
 */
class OfflineSync {
	pending = $state(0);
	/** Entries the server refused for good: kept on the phone and shown, never sent again. */
	refused = $state(0);
	/** 'unknown' until the outbox was counted: a freshly opened screen must not say "all sent" while answers wait. */
	state = $state<'unknown' | 'sent' | 'waiting' | 'offline'>('unknown');
	private db: Promise<OfflineDb> | null = null;
	private opened: OfflineDb | null = null;
	private raw: Promise<IDBDatabase | null | 'other-version'> | null = null;
	private flusher: (() => Promise<FlushResult>) | null = null;
	private schedule: RetrySchedule = createRetrySchedule();
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** The failed flush the back-off has counted: syncs that joined it get the same result, and count it once. */
	private countedFailure: FlushResult | null = null;
	private listening = false;
	/** Entries queued on this page so far, and counts a sync applied: to tell a count that is already old. */
	private queuedSerial = 0;
	private countedSerial = 0;

	/** The store, through Dexie (loaded on first use), for writing and sending. */
	store(): Promise<OfflineDb> {
		this.listen();
		this.db ??= (async () => {
			const [{ openOfflineDb }, { createFlusher, onQueued }] = await Promise.all([
				import('./db'),
				import('./outbox')
			]);
			const db = openOfflineDb();
			this.flusher = createFlusher(db);
			this.opened = db;
			onQueued(db, () => this.queued());
			void db.rejected.count().then((n) => (this.refused = n));
			return db;
		})();
		return this.db;
	}

	private listen(): void {
		if (this.listening || typeof window === 'undefined') return;
		this.listening = true;
		window.addEventListener('online', () => void this.sync('online'));
	}

	/**
	 * Reads without Dexie while Dexie has not been needed: `fromRaw` on the database as it is, `empty` when nothing is
	 * stored on this phone yet; through Dexie once it is loaded, or when the database is not at this version.
	 */
	private async read<T>(
		fromRaw: (db: IDBDatabase) => Promise<T>,
		fromDexie: (db: OfflineDb) => Promise<T>,
		empty: T
	): Promise<T> {
		if (!this.opened) {
			this.raw ??= openStored();
			const raw = await this.raw;
			if (raw === null) {
				this.raw = null; // made later by Dexie: look again next time
				return empty;
			}
			if (raw !== 'other-version') {
				try {
					return await fromRaw(raw);
				} catch {
					// Closed under us (another tab's Dexie upgraded the database): Dexie reads it from now on.
					this.raw = Promise.resolve('other-version');
				}
			}
		}
		return fromDexie(await this.store());
	}

	/** The answers this phone kept for one questionnaire (given here, perhaps not sent yet). */
	localAnswers(assignmentId: string): Promise<LocalAnswer[]> {
		return this.read(
			(db) => answersOf<LocalAnswer>(db, assignmentId),
			async (db) => (await import('./outbox')).localAnswers(db, assignmentId),
			[]
		);
	}

	private counts(): Promise<Counts> {
		return this.read(
			async (db) => ({
				pending: await countAll(db, 'outbox'),
				files: await countWaitingFiles(db),
				refused: await countAll(db, 'rejected')
			}),
			async (db) => ({
				pending: await db.outbox.count(),
				files: await db.attachments.where('uploaded').equals(0).count(),
				refused: await db.rejected.count()
			}),
			{ pending: 0, files: 0, refused: 0 }
		);
	}

	/**
	 * Something was just put in the outbox on this page: the line says so at once, before any count, so that it never
	 * shows "all sent" while an answer waits (it did, for the moment a sync took to count, between "send to my coach"
	 * and the flush). Without a network it keeps saying "no network", which also means waiting.
	 */
	private queued(): void {
		this.queuedSerial++;
		this.pending += 1;
		if (this.state !== 'offline') this.state = 'waiting';
	}

	/**
	 * Counts the outbox and hands the counts to `use` at once (in the same turn), counting again if something was
	 * queued while it was being counted: a count from before that entry would put the line back on "all sent".
	 */
	private async withFreshCounts<T>(use: (counts: Counts) => T): Promise<T> {
		for (;;) {
			const serial = this.queuedSerial;
			const counts = await this.counts();
			if (serial === this.queuedSerial) return use(counts);
		}
	}

	async sync(trigger: SyncTrigger = 'user'): Promise<FlushResult> {
		this.listen();
		let sent = 0;
		let rejected = 0;
		// A sync that joins a flush near its end gets that flush's result, while what it was asked for is still in the
		// outbox: a second round sends it rather than leave it for the next trigger (a few rounds at most).
		for (let round = 1; ; round++) {
			// Show at once that something waits; the flush may take a while on a slow network.
			const nothing = await this.withFreshCounts((before) => {
				this.countedSerial++;
				this.pending = before.pending;
				this.refused = before.refused;
				if (this.pending > 0 && (this.state === 'sent' || this.state === 'unknown')) this.state = 'waiting';
				if (before.pending > 0 || before.files > 0) return false;
				clearTimeout(this.timer);
				this.schedule.reset();
				this.state = 'sent';
				return true;
			});
			// Nothing to send (no entry, no file): no flush, and no Dexie to load for it.
			if (nothing) return { state: 'done', sent, rejected };
			if (trigger === 'online') this.schedule.reset();
			if (!this.schedule.mayTry(Date.now())) {
				// Backing off: the timer set at the failure will try; nothing is lost meanwhile.
				return { state: this.state === 'offline' ? 'offline' : 'error', sent, rejected };
			}
			await this.store();
			const result = await this.flusher!();
			sent += result.sent;
			rejected += result.rejected;
			if (result.state === 'done') {
				clearTimeout(this.timer);
				this.schedule.reset();
			} else if (result !== this.countedFailure) {
				this.countedFailure = result;
				clearTimeout(this.timer);
				const wait = this.schedule.failed(Date.now(), result.retryAfterMs);
				this.timer = setTimeout(() => void this.sync('retry'), wait);
			}
			const again = await this.withFreshCounts((after) => {
				this.countedSerial++;
				this.pending = after.pending;
				this.refused = after.refused;
				const left = result.state === 'done' && (after.pending > 0 || after.files > 0);
				if (left && round < MAX_ROUNDS) return true;
				// Still filling after a few rounds: the rest goes in a moment, not at the next tap or network change.
				if (left) {
					clearTimeout(this.timer); // another sync may have set one meanwhile: one retry, and stop() clears it
					this.timer = setTimeout(() => void this.sync('retry'), REFILL_WAIT_MS);
				}
				this.state = this.pending === 0 ? 'sent' : result.state === 'offline' ? 'offline' : 'waiting';
				return false;
			});
			if (!again) return { ...result, sent, rejected };
		}
	}

	/** When the next automatic try may go after a failure (ms since epoch; 0: now). */
	get retryAt(): number {
		return this.schedule.notBefore;
	}

	/** Counts what waits, for a screen that shows the state before (or without) a sync of its own. */
	async check(): Promise<void> {
		const counted = this.countedSerial;
		await this.withFreshCounts(({ pending, refused }) => {
			if (this.countedSerial !== counted) return; // a sync has counted meanwhile
			this.pending = pending;
			this.refused = refused;
			// An entry queued meanwhile has said "waiting" already (and is in this count); a sync's "no network" stays.
			if (this.state === 'unknown')
				this.state = pending === 0 ? 'sent' : navigator.onLine ? 'waiting' : 'offline';
		});
	}

	stop(): void {
		clearTimeout(this.timer);
	}
}

export const offline = new OfflineSync();
