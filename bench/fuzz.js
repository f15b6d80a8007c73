// The fuzz of tests/browser/fuzz.test.ts at bench size: 10,000 seeded requests (BENCH_FUZZ_COUNT) over every page,
// endpoint and form action of the built app, as anonymous, a paired phone and logged-in coaches
// (tests/fuzz/generator.ts). Prints the failures (server errors, cross-site form posts let through) on stderr and,
// as its last line, a JSON summary: counts by status. BENCH_FUZZ_SEED=<n> repeats a run.
import { registerHooks } from 'node:module';
import { startServer } from './server.js';

// The generator is TypeScript written for Vite (relative imports without extension): Node 24 strips the types,
// this hook adds the `.ts` (as in bench/survey-engine.js).
registerHooks({
	resolve(specifier, context, nextResolve) {
		const fromTypeScript = (context.parentURL ?? '').endsWith('.ts');
		if (fromTypeScript && specifier.startsWith('.') && !/\.[a-z]+$/i.test(specifier)) {
			return nextResolve(`${specifier}.ts`, context);
		}
		return nextResolve(specifier, context);
	}
});
const { failureKinds, runFuzz, summary } = await import('../tests/fuzz/generator.ts');

const count = Number(process.env.BENCH_FUZZ_COUNT ?? 10_000);
const seed = Number(process.env.BENCH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for' });
try {
	const result = await runFuzz({
		origin: server.origin,
		code: server.code(),
		count,
		seed,
		log: (line) => console.error(line)
	});
	console.error(summary(result));
	for (const kind of failureKinds(result)) console.error(kind);
	console.log(
		JSON.stringify({
			seed,
			requests: result.count,
			seconds: Math.round(result.ms / 100) / 10,
			byStatus: result.byStatus,
			failures: result.failures.length,
			serverErrors: Object.entries(result.byStatus)
				.filter(([status]) => status.startsWith('5'))
				.reduce((n, [, count]) => n + count, 0),
			withoutNosniff: result.withoutNosniff.length
		})
	);
} finally {
	await server.stop();
}
