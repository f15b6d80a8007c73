import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { settings } from '../db/schema';

const cache = new WeakMap<Db, string>();

/**
 * The server secret that keys pairing-code hashes. From OPSTAP_SECRET, or generated once and kept in the
 * database so that codes handed out before a restart still work.
 */
export async function serverSecret(db: Db): Promise<string> {
	const fromEnv = process.env.OPSTAP_SECRET;
	if (fromEnv) return fromEnv;
	const cached = cache.get(db);
	if (cached) return cached;
	await db
		.insert(settings)
		.values({ key: 'server_secret', value: randomBytes(32).toString('base64url') })
		.onConflictDoNothing();
	const [row] = await db.select().from(settings).where(eq(settings.key, 'server_secret'));
	if (!row) throw new Error('server secret missing');
	cache.set(db, row.value);
	return row.value;
}
