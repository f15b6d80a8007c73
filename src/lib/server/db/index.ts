import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';
import { noteDatabaseError, noteDatabaseUp } from './availability';
import { lockDataDir } from './lock';

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface OpenOptions {
	/** postgres://… — when set, node-postgres is used; otherwise embedded PGlite. */
	url?: string;
	/** PGlite data directory; `memory` for an in-memory database (tests). */
	dataDir?: string | 'memory';
	migrationsFolder?: string;
	/**
	 * PGlite only: start from this dump of a data directory (PGlite's dumpDataDir) instead of an empty one. Creating a
	 * database is most of PGlite's start (about 3 s, against 1 s from a dump); the tests open dozens.
	 */
	startFrom?: Blob;
}

const MIGRATION_LOCK = 4_711_001; // pg_advisory_lock key: two servers starting together migrate one after the other

/** Opens the database and applies the migrations in ./migrations (the same SQL on both engines). */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	const migrationsFolder = options.migrationsFolder ?? resolve(process.env.MIGRATIONS_DIR ?? 'migrations');
	if (options.url) {
		const pool = new pg.Pool({
			connectionString: options.url,
			max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
			// While the server cannot be reached a request fails (503) after this long instead of hanging; it also
			// bounds the wait for a free connection when all are busy.
			connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
			// Notice a connection that died silently (a NAT or firewall dropping it) instead of waiting on it.
			keepAlive: true,
			// No JIT compilation: the caseload's many small indexed subqueries add up to a planner cost above JIT's
			// threshold, and compiling them took ~1 s for a query that runs in tens of ms (bench/caseload.ts).
			options: '-c jit=off'
		});
		// PostgreSQL ends connections (restart, failover, a pooler's idle timeout, pg_terminate_backend). Without a
		// listener, an idle client's 'error' is an unhandled 'error' event that ends the process; a client that is
		// checked out (a transaction) has no listener of the pool at all. Both are reported once per outage; the pool
		// drops the dead client and connects anew on the next query.
		const live = new Set<pg.PoolClient>();
		const onError = (error: Error) => {
			if (!noteDatabaseError(error, 'connection')) console.error('database connection:', error);
		};
		pool.on('error', onError);
		pool.on('connect', (client) => {
			live.add(client);
			client.on('error', () => {}); // reported by the pool's listener (idle) or by the query that failed
			client.once('end', () => live.delete(client));
			noteDatabaseUp();
		});
		const db = drizzlePg(pool, { schema });
		const client = await pool.connect();
		try {
			await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
			await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
			client.release();
		}
		return {
			db: db as unknown as Db,
			kind: 'postgres',
			async close() {
				// pool.end() resolves before its connections have closed; wait for them, so that the database can be
				// dropped (tests) or the process exit without a connection ending under it.
				const ended = [...live].map((client) => new Promise((done) => client.once('end', done)));
				await pool.end();
				await Promise.all(ended);
			}
		};
	}
	const dir = options.dataDir ?? 'memory';
	if (dir !== 'memory') mkdirSync(dir, { recursive: true });
	const release = dir === 'memory' ? () => {} : lockDataDir(dir);
	try {
		const client = new PGlite({
			...(dir === 'memory' ? {} : { dataDir: dir }),
			...(options.startFrom ? { loadDataDir: options.startFrom } : {})
		});
		await client.waitReady; // PGlite's start runs queries of its own: they must not wait in our line
		takeTurns(client);
		const db = drizzlePglite(client, { schema });
		await migratePglite(db, { migrationsFolder });
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			close: async () => {
				try {
					await client.close();
				} finally {
					release();
				}
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

/**
 * PGlite runs in this thread and answers one query at a time. Its own queue runs the waiting queries back to back in
 * promise callbacks, so with many requests waiting the event loop does not turn for seconds: no socket is read, no
 * connection accepted, and when it finally turns the timers come first, so the keep-alive timeout closes connections
 * whose next request was already waiting unread (the resets under load). Here the queries queue in our own line and
 * each one waits for a turn of the event loop first: requests are read and queued while the database works, and
 * the database stays as busy as before. A transaction is one place in the line (its queries run inside it).
 */
function takeTurns(client: PGlite): void {
	let tail: Promise<unknown> = Promise.resolve();
	const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
	const inLine = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
		((...args: A): Promise<R> => {
			// A query on the database itself from inside a transaction would wait for the transaction, which waits for
			// it: the whole server would hang. Refuse it at once, with the stack that says where.
			if (openTransaction.getStore()?.open) {
				return Promise.reject(
					new Error('a query outside its transaction, issued from inside it, would wait forever')
				);
			}
			const result = tail.then(nextTurn).then(() => run(...args));
			tail = result.catch(() => {});
			return result;
		}) as (...args: A) => Promise<R>;
	const transaction = client.transaction.bind(client);
	client.query = inLine(client.query.bind(client)) as PGlite['query'];
	client.exec = inLine(client.exec.bind(client)) as PGlite['exec'];
	client.transaction = inLine(((callback: Parameters<PGlite['transaction']>[0]) => {
		const state = { open: true };
		return openTransaction.run(state, () => transaction(callback)).finally(() => (state.open = false));
	}) as PGlite['transaction']);
}

/** Set while a PGlite transaction runs, for what it starts (see takeTurns). */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

let shared: Promise<Database> | undefined;

/** The server's one database, from the environment: DATABASE_URL, else PGlite under DATA_DIR (./data). */
export function getDatabase(): Promise<Database> {
	shared ??= openDatabase({
		url: process.env.DATABASE_URL || undefined,
		dataDir: resolve(process.env.DATA_DIR ?? 'data', 'pglite')
	});
	return shared;
}

export async function db(): Promise<Db> {
	return (await getDatabase()).db;
}
