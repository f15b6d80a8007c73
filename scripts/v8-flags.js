// The V8 flags the tests and the bench run Node with, for the test runner, its worker processes and the servers they
// start.
//
// V8 write-protects compiled code with the CPU's memory protection keys (PKU: recent Intel Xeon and AMD EPYC servers,
// so CI runners, rarely laptops). Its bookkeeping of those code pages races with PGlite's WebAssembly being compiled on
// several threads at once, and Node aborts with "Check failed: jit_page.has_value()" (nodejs/node#64500; it ended a CI
// run of ours in the first test file). The tests start many PGlite databases side by side, so they run without that
// protection. The server people run (`npm start`) keeps it. Node 20's V8 has neither the flag nor the race.
import { spawnSync } from 'node:child_process';

const v8Options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout ?? '';

/** @type {string[]} */
export const TEST_V8_FLAGS = /^\s*--memory-protection-keys\b/m.test(v8Options)
	? ['--no-memory-protection-keys']
	: [];
