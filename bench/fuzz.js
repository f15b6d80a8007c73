// The fuzz of tests/browser/fuzz.test.ts at bench size: 10,000 seeded requests (BENCH_FUZZ_COUNT) over every page,
// endpoint and form action of the built app, as anonymous, a paired phone and logged-in coaches
// (tests/fuzz/generator.ts). Prints the failures (server errors, cross-site form posts let through) on stderr and,
// as its last line, a JSON summary: counts by status. BENCH_FUZZ_SEED=<n> repeats a run.
import { failureKinds, runFuzz, summary } from '../tests/fuzz/generator.ts';
import { startServer } from './server.js';

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
