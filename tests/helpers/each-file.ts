// The unit and database files share their worker's loaded modules (vite.config.ts: `isolate: false`): loading the
// server's modules, Drizzle and PGlite once per worker instead of once per file more than halves their time. What a
// file changes of the process is put back after it, so that it cannot reach the next file in the same worker.
import { afterAll, vi } from 'vitest';

const environment = { ...process.env };

afterAll(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllEnvs();
	vi.unstubAllGlobals();
	for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
	Object.assign(process.env, environment);
});
