import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in an embedded database's directory that says which process has it open. */
export const LOCK_FILE = 'opstap.pid';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists, under another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The directory is another running server's: a person's mistake (a second `npm start`), told in one line without a
 * stack trace (scripts/server.js prints errors of this name as their message alone).
 */
export class DataDirInUseError extends Error {
	override name = 'DataDirInUseError';
}

/**
 * Takes an embedded (PGlite) database's directory for this process. PGlite knows nothing of other processes: a second
 * server on the same directory (a second `npm start` in another terminal) wrote to it at the same time as the first,
 * which can corrupt it. Another live process's lock refuses the start with a clear message; one left by a process that
 * has ended (a crash, `kill -9`, a container restarted with the same process id) is taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
	const file = join(dir, LOCK_FILE);
	const mine = String(process.pid);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			writeFileSync(file, mine, { flag: 'wx' });
			return () => {
				try {
					if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
				} catch {
					// already gone
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		let holder: number;
		try {
			holder = Number(readFileSync(file, 'utf8').trim());
		} catch {
			continue; // removed meanwhile: try again
		}
		if (holder > 0 && holder !== process.pid && alive(holder))
			throw new DataDirInUseError(
				`The database in ${dir} is open in another Opstap (process ${holder}). Stop that one first, or give this one another DATA_DIR.`
			);
		try {
			unlinkSync(file);
		} catch {
			// another start took it over first: try again
		}
	}
	throw new Error(`Could not take the database in ${dir} (${file}).`);
}
