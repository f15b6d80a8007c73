import webpush from 'web-push';
import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { noteDatabaseError } from '../db/availability';
import { participants, pushSubscriptions } from '../db/schema';
import { LANGUAGE_CODES, type LanguageCode } from '$lib/i18n/languages';
import { vapidKeys } from './vapid';
import { sendableSubscriptionsOf } from './subscriptions';
import { claimDue, completeJob, retryJob, type PushJob } from './queue';
import { rendererFor, type PushMessage } from './renderers';
// Every area's kinds of push register themselves on import.
import './kinds';

export interface WorkerOptions {
	now?: () => Date;
	batch?: number;
	leaseMs?: number;
	/** An https.Agent for the push services (tests: one that trusts a local test certificate). */
	agent?: Agent;
	/** How many pushes are sent at the same time. */
	concurrency?: number;
}

export interface RunResult {
	claimed: number;
	push: number;
	inApp: number;
	skipped: number;
	retried: number;
}

/** Push services want a topic of at most 32 base64url characters; one per job, so a resend replaces the first. */
function topicOf(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

async function languageOf(db: Db, participantId: string): Promise<LanguageCode> {
	const [row] = await db
		.select({ lang: participants.preferredLanguage })
		.from(participants)
		.where(eq(participants.id, participantId));
	const lang = row?.lang as LanguageCode | undefined;
	return lang && (LANGUAGE_CODES as readonly string[]).includes(lang) ? lang : 'nl';
}

/**
 * What one round looks up once, however many jobs need it: a participant's language and phones, and the message
 * of identical jobs (the reminders of one appointment render the same).
 */
interface RoundCache {
	languages: Map<string, Promise<LanguageCode>>;
	subscriptions: Map<string, Promise<(typeof pushSubscriptions.$inferSelect)[]>>;
	messages: Map<string, Promise<PushMessage | null>>;
	succeeded: Set<string>;
}

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
	let value = map.get(key);
	if (!value) map.set(key, (value = load()));
	return value;
}

async function sendJob(
	db: Db,
	job: PushJob,
	options: WorkerOptions,
	now: Date,
	cache: RoundCache
): Promise<keyof RunResult> {
	const render = rendererFor(job.kind);
	if (!render) {
		await retryJob(db, { ...job, attempts: 99 }, `no renderer for ${job.kind}`, now);
		return 'retried';
	}
	const lang = await cached(cache.languages, job.participantId, () => languageOf(db, job.participantId));
	const message = await cached(cache.messages, `${job.kind}|${lang}|${JSON.stringify(job.payload)}`, () =>
		render(db, job, lang, now)
	);
	if (!message) {
		await completeJob(db, job.id, 'skipped', now);
		return 'skipped';
	}
	const subscriptions = await cached(cache.subscriptions, job.participantId, () =>
		// Checked again at sending time: a stored endpoint that is not at an accepted push service is dropped.
		sendableSubscriptionsOf(db, job.participantId)
	);
	if (!subscriptions.length) {
		// No push on any phone: the app shows it on next open, and the coach sees "no push" for this participant.
		await completeJob(db, job.id, 'inApp', now);
		return 'inApp';
	}
	const keys = await vapidKeys(db);
	const { ttl = 24 * 3600, ...shown } = message;
	let delivered = 0;
	let lastError = '';
	for (const subscription of subscriptions) {
		try {
			await webpush.sendNotification(
				{ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
				JSON.stringify(shown),
				{
					vapidDetails: keys,
					TTL: Math.max(0, Math.round(ttl)),
					topic: topicOf(job.key),
					urgency: 'normal',
					timeout: 15_000,
					...(options.agent ? { agent: options.agent } : {})
				}
			);
			delivered++;
			if (!cache.succeeded.has(subscription.id)) {
				cache.succeeded.add(subscription.id);
				await db
					.update(pushSubscriptions)
					.set({ lastSuccessAt: now })
					.where(eq(pushSubscriptions.id, subscription.id));
			}
		} catch (error) {
			const status = (error as { statusCode?: number }).statusCode;
			if (status === 404 || status === 410) {
				// The phone unsubscribed or the subscription expired: it will never work again.
				await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
				const left = subscriptions.filter((s) => s.id !== subscription.id);
				cache.subscriptions.set(job.participantId, Promise.resolve(left));
			} else {
				lastError = status ? `push service answered ${status}` : String((error as Error).message ?? error);
			}
		}
	}
	if (delivered > 0) {
		await completeJob(db, job.id, 'push', now);
		return 'push';
	}
	if (!lastError) {
		// Every subscription was gone.
		await completeJob(db, job.id, 'inApp', now);
		return 'inApp';
	}
	await retryJob(db, job, lastError, now);
	return 'retried';
}

/** One round: claims the due jobs and sends them. Returns what happened, for tests and the benchmark. */
export async function runDueJobs(db: Db, options: WorkerOptions = {}): Promise<RunResult> {
	const now = (options.now ?? (() => new Date()))();
	const jobs = await claimDue(db, now, options.batch ?? 50, options.leaseMs ?? 120_000);
	const result: RunResult = { claimed: jobs.length, push: 0, inApp: 0, skipped: 0, retried: 0 };
	const cache: RoundCache = {
		languages: new Map(),
		subscriptions: new Map(),
		messages: new Map(),
		succeeded: new Set()
	};
	const queue = [...jobs];
	const lanes = Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
		for (let job = queue.shift(); job; job = queue.shift()) {
			try {
				result[await sendJob(db, job, options, now, cache)]++;
			} catch (error) {
				await retryJob(db, job, String((error as Error).message ?? error), now);
				result.retried++;
			}
		}
	});
	await Promise.all(lanes);
	return result;
}

/**
 * The background sender of one server process. Polls the queue; on shutdown it stops claiming, finishes what it
 * is sending. A job claimed by a process that died is taken again when its lease ends.
 */
export function startPushWorker(db: Db, options: WorkerOptions & { intervalMs?: number } = {}) {
	let stopped = false;
	let current: Promise<unknown> = Promise.resolve();
	const tick = async () => {
		if (stopped) return;
		try {
			for (;;) {
				const round = await runDueJobs(db, options);
				if (stopped || round.claimed < (options.batch ?? 50)) break;
			}
		} catch (error) {
			// The database out of reach: reported once per outage (db/availability.ts); the next tick tries again.
			if (!noteDatabaseError(error, 'push worker')) console.error('push worker:', error);
		}
	};
	let waiting = false;
	const timer = setInterval(() => {
		// At most one round waiting behind the current one: a slow round (the database out of reach, each query
		// waiting for its connection timeout) must not pile up rounds.
		if (waiting) return;
		waiting = true;
		current = current.then(() => {
			waiting = false;
			return tick();
		});
	}, options.intervalMs ?? 5_000);
	current = current.then(tick);
	return {
		/** Runs a round now (after "send a reminder now"), without waiting for the next tick. */
		poke() {
			current = current.then(tick);
			return current;
		},
		async stop() {
			stopped = true;
			clearInterval(timer);
			await current;
		}
	};
}
