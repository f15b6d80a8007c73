import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { LOCK_FILE } from '../../src/lib/server/db/lock';

describe('the embedded database directory is one server’s at a time', () => {
	const root = mkdtempSync(join(tmpdir(), 'opstap-lock-'));
	const dir = join(root, 'pglite');
	const lock = join(dir, LOCK_FILE);
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('is taken by a new database and given back when it closes', async () => {
		const db = await openDatabase({ dataDir: dir });
		expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
		await db.close();
		expect(existsSync(lock)).toBe(false);
	});

	it('refuses a second server while the first lives, and takes over from one that has ended', async () => {
		// Another running process holds it (as a first `npm start` in another terminal would).
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		await new Promise((resolve) => other.once('spawn', resolve));
		writeFileSync(lock, String(other.pid));
		await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
			`is open in another Opstap (process ${other.pid})`
		);
		expect(readFileSync(lock, 'utf8')).toBe(String(other.pid));
		// It ended without giving it back (a crash, kill -9).
		other.kill('SIGKILL');
		await new Promise((resolve) => other.once('exit', resolve));
		const db = await openDatabase({ dataDir: dir });
		expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
		await db.close();
	});
});
