import type { Db } from '.';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query built once per database (or per transaction) and kept as a prepared statement under `name`: the hot
 * queries of every request (the phone's device, a sync batch) skip Drizzle's query building, and on PostgreSQL the
 * server parses and plans a named statement once per connection. The name must be unique per query text.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
	let byName = statements.get(db);
	if (!byName) {
		byName = new Map();
		statements.set(db, byName);
	}
	let statement = byName.get(name) as T | undefined;
	if (!statement) {
		statement = build(db);
		byName.set(name, statement);
	}
	return statement;
}
