/**
 * The offline store's Dexie version and its tables, in a module without Dexie: ./raw.ts reads a database at this
 * version directly. Raise SCHEMA_VERSION with every new db.version() in ./db.ts (tests/unit/outbox.test.ts checks).
 */
export const SCHEMA_VERSION = 4;
export const STORES = ['answers', 'outbox', 'rejected', 'attachments'] as const;
/** The phone's offline store (IndexedDB). */
export const DB_NAME = 'opstap';
