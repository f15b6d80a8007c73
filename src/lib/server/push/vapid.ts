import webpush from 'web-push';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { settings } from '../db/schema';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
	subject: string;
}

let cached: Promise<VapidKeys> | null = null;

/** The subject push services may use to reach the operator: VAPID_SUBJECT, else a mailto: at the public host. */
function subject(): string {
	if (process.env.VAPID_SUBJECT) return process.env.VAPID_SUBJECT;
	let host = 'localhost';
	try {
		host = new URL(process.env.ORIGIN ?? 'http://localhost').hostname;
	} catch {
		// keep localhost
	}
	return `mailto:beheer@${host}`;
}

async function load(db: Db): Promise<VapidKeys> {
	if (process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY) {
		return {
			publicKey: process.env.VAPID_PUBLIC_KEY,
			privateKey: process.env.VAPID_PRIVATE_KEY,
			subject: subject()
		};
	}
	const read = async () => {
		const rows = await db.select().from(settings).where(eq(settings.key, 'vapid'));
		return rows[0] ? (JSON.parse(rows[0].value) as { publicKey: string; privateKey: string }) : null;
	};
	let keys = await read();
	if (!keys) {
		// Two servers starting together may both generate: the first insert wins and both read it back.
		const fresh = webpush.generateVAPIDKeys();
		await db
			.insert(settings)
			.values({ key: 'vapid', value: JSON.stringify(fresh) })
			.onConflictDoNothing();
		keys = (await read())!;
	}
	return { ...keys, subject: subject() };
}

/**
 * The server's VAPID key pair: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, or generated on first start and kept in the
 * database (a new pair would orphan every phone's subscription).
 */
export function vapidKeys(db: Db): Promise<VapidKeys> {
	cached ??= load(db).catch((e) => {
		cached = null;
		throw e;
	});
	return cached;
}

/** For tests that open several databases in one process. */
export function forgetVapidKeys(): void {
	cached = null;
}
