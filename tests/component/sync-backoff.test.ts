import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each wait drawn at the whole of its ceiling: 2 s after one failure, 4 s after two. Set before the store is made (it
// takes Math.random when the module loads).
const random = vi.hoisted(() => {
	const original = Math.random;
	Math.random = () => 1;
	return original;
});
import { offline } from '../../src/lib/offline/sync.svelte';
import { sendModule } from '../../src/lib/questions/local';

/**
 * The back-off after a failed send, with the real offline store and sync; the server (a 503 without Retry-After) is
 * played by `fetch`, held until the test answers it.
 */
const answers: (() => void)[] = [];
const fetchMock = vi.fn(
	() => new Promise<Response>((resolve) => answers.push(() => resolve(new Response('busy', { status: 503 }))))
);
vi.stubGlobal('fetch', fetchMock);

describe('the sync after a failed send', () => {
	afterAll(() => {
		offline.stop();
		vi.unstubAllGlobals();
		Math.random = random;
	});

	it('counts one failure once, however many screens were waiting for that send', async () => {
		await sendModule(await offline.store(), 'a1', 'start');
		// Two screens sync at once (the list and the sync line, say): one send, which both wait for.
		const first = offline.sync();
		const second = offline.sync();
		await vi.waitFor(() => expect(answers.length).toBe(1));
		// Both are on that one send before the server answers.
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(fetchMock).toHaveBeenCalledTimes(1);
		const answered = Date.now();
		answers.shift()!();
		expect((await first).state).toBe('error');
		expect((await second).state).toBe('error');
		expect(fetchMock).toHaveBeenCalledTimes(1);
		const wait = offline.retryAt - answered;
		expect(wait).toBeGreaterThanOrEqual(2_000);
		expect(wait).toBeLessThan(3_000);
	});
});
