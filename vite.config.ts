import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { TEST_V8_FLAGS } from './scripts/v8-flags.js';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	// Fewer, larger chunks (Rollup merges side-effect-free ones under 10 kB into a chunk loaded in like places): each
	// file costs a phone's main thread a request through the service worker on every open, whatever its size. Measured
	// (bench/light.js, issue 17; README): home 38 → 19 files, first question 45 → 27; repeat/offline open at CPU 4x
	// 4–12 % faster, first-visit TBT somewhat higher (longer script tasks), first question's JavaScript +2.3 kB.
	build: { rollupOptions: { output: { experimentalMinChunkSize: 10_000 } } },
	resolve: {
		// Dexie's package entry wraps its UMD build (CommonJS interop, no tree-shaking); its own ES module build is the
		// same code, 1.5 KB gzip less on every participant screen (issue 17). Opstap loads Dexie from one module only
		// (src/lib/offline/db.ts), so the entry's guard against two copies is not needed.
		alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }]
	},
	test: {
		// Vitest would run one file at a time on a 2-core machine (cores - 1). Each browser file starts its own server
		// on its own port and data directory, so two run side by side; a third only made them fight over the CPU (measured
		// on 2 cores: 3 workers took as long as 2 and timed out under load).
		maxWorkers: 2,
		// The forked workers (component, browser) get the tests' V8 flags too; threads share the runner's (scripts/test.js).
		poolOptions: { threads: { isolate: false }, forks: { execArgv: TEST_V8_FLAGS } },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts'],
					// One set of loaded modules per worker, not per file: most of these files' time was loading the
					// server's modules, Drizzle and PGlite again (measured: 222 s → 91 s for the project on 2 cores).
					// tests/helpers/each-file.ts puts back what a file changes of the process. Whether a pool starts a
					// worker per file is the root's setting per pool (poolOptions.threads above), so this project has
					// the threads pool to itself, and runs before the others (groupOrder), never beside them.
					pool: 'threads',
					isolate: false,
					sequence: { groupOrder: 0 },
					setupFiles: ['tests/helpers/each-file.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'component',
					environment: 'jsdom',
					sequence: { groupOrder: 1 },
					include: ['tests/component/**/*.test.ts'],
					setupFiles: ['tests/component/setup.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					environment: 'node',
					include: ['tests/browser/**/*.test.ts'],
					sequence: { groupOrder: 1 },
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// Vitest's 1 s default is a guess about a machine's speed: on a loaded 2-core runner an import or a
					// sync can take several seconds. A condition that never comes still fails, after 20 s.
					expect: { poll: { timeout: 20_000, interval: 100 } }
				}
			}
		]
	}
});
