import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/lib/server/db';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it when the server answers). */
export const ENGINES: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

/**
 * The one engine a long browser walk runs on: PostgreSQL (what a municipality deploys) when TEST_DATABASE_URL is set,
 * else PGlite. The database tests run every query on both engines, and the other browser files run on PGlite, so a
 * walk on both would only double the suite's time on a 2-core runner.
 */
export const WALK_ENGINES: ('pglite' | 'postgres')[] = [ENGINES.at(-1)!];

/**
 * A dump of an empty, migrated PGlite database, shared by the test files of a run: creating a PGlite database takes
 * about 3 s of CPU and starting from a dump 1 s, and the database tests open some forty. Keyed by the migrations, made
 * under a name of its own and renamed into place, so two files making it at once both read a whole one. openDatabase
 * still runs the migrations on it (none left to apply), as it would on any existing database.
 */
let migratedDump: Promise<Blob> | undefined;
function emptyMigratedPglite(): Promise<Blob> {
	migratedDump ??= (async () => {
		const hash = createHash('sha256');
		for (const file of readdirSync('migrations', { recursive: true, withFileTypes: true }))
			if (file.isFile()) hash.update(file.name).update(readFileSync(join(file.parentPath, file.name)));
		const path = join(tmpdir(), `opstap-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
		if (!existsSync(path)) {
			const client = new PGlite();
			await migrate(drizzle(client), { migrationsFolder: 'migrations' });
			const dump = await client.dumpDataDir('none');
			await client.close();
			const making = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
			writeFileSync(making, new Uint8Array(await dump.arrayBuffer()));
			renameSync(making, path);
		}
		return new Blob([readFileSync(path)]);
	})();
	return migratedDump;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server, dropped on close. */
export async function freshDatabase(engine: 'pglite' | 'postgres', dataDir?: string): Promise<Database> {
	if (engine === 'pglite')
		return dataDir
			? openDatabase({ dataDir })
			: openDatabase({ dataDir: 'memory', startFrom: await emptyMigratedPglite() });
	const postgres = await freshPostgresUrl();
	const database = await openDatabase({ url: postgres.url });
	let closed = false;
	return {
		...database,
		async close() {
			// Close first, then drop: database.close() returns once the pool's connections have really ended (a
			// connection still open when DROP … WITH (FORCE) ends it was an unhandled 'terminating connection due to
			// administrator command'). The drop happens even when closing failed, and only once.
			if (closed) return;
			closed = true;
			try {
				await database.close();
			} finally {
				await postgres.drop();
			}
		}
	};
}

/** An empty database on the PostgreSQL server of TEST_DATABASE_URL, for a server process to use; drop it after. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL!;
	const name = `opstap_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	admin.on('error', () => {}); // a failing query rejects; nothing else may go unhandled
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const cleanup = new pg.Client({ connectionString: adminUrl });
			cleanup.on('error', () => {});
			await cleanup.connect();
			try {
				// WITH (FORCE) ends connections left open (a server process killed hard); clients opened through
				// openDatabase have an 'error' listener, so that is logged, not an unhandled error.
				await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await cleanup.end();
			}
		}
	};
}
