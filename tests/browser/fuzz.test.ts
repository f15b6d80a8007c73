import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { failureKinds, runFuzz, summary } from '../fuzz/generator';

/**
 * A bounded fuzz of the built server (tests/fuzz/generator.ts): 2,000 seeded requests over every page, endpoint and
 * form action, as anonymous, a paired phone and logged-in coaches. No answer may be a server error, and a form post
 * from another site must be refused. FUZZ_SEED=<n> repeats a run; FUZZ_COUNT=<n> changes its size.
 */
describe('fuzz', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startBuiltServer({ ADDRESS_HEADER: 'x-forwarded-for', BODY_SIZE_LIMIT: '512K' });
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
	});

	it('2,000 odd requests: no server error, cross-site form posts refused, nosniff everywhere', async () => {
		// A fixed seed by default, so the suite is the same every run; `npm run bench` (bench/fuzz.js) and FUZZ_SEED
		// explore others.
		const seed = Number(process.env.FUZZ_SEED ?? 20261125);
		console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} repeats this run)`);
		const result = await runFuzz({
			origin: server.origin,
			code: server.printedCode(),
			count: Number(process.env.FUZZ_COUNT ?? 2000),
			seed,
			log: (line) => console.log(line)
		});
		console.log(summary(result));
		for (const kind of failureKinds(result)) console.log(kind);
		const serverErrors = server
			.output()
			.split('\n')
			.filter((line) => /error/i.test(line))
			.slice(0, 20);
		if (result.failures.length) console.log(`server output:\n${serverErrors.join('\n')}`);
		expect(result.failures, `seed ${seed}`).toEqual([]);
		expect(result.withoutNosniff.slice(0, 5), `seed ${seed}`).toEqual([]);
		// Still up and answering.
		expect(
			(await fetch(`${server.origin}/coach/login`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status
		).toBe(200);
	}, 240_000);
});
