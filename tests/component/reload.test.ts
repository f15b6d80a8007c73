import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// SvelteKit's client in a page: invalidateAll() reloads the page's data, and cancels a navigation under way;
// `navigating.complete` is that navigation's promise (null when none). The test plays both as SvelteKit documents them.
// When something reached the server is the real module's (src/lib/offline/reached.ts), on jsdom's localStorage.
const kit = vi.hoisted(() => ({
	invalidateAll: vi.fn(async () => {}),
	navigating: { complete: null as Promise<void> | null }
}));
vi.mock('$app/navigation', () => ({ invalidateAll: kit.invalidateAll }));
vi.mock('$app/state', () => ({ navigating: kit.navigating }));

const { noteNavigation, reloadWhileHere } = await import('../../src/lib/reload');
const { noteReached, REACHED_KEY } = await import('../../src/lib/offline/reached');

/** Moves the clock on, so that what follows is later than what came before. */
function later() {
	vi.setSystemTime(Date.now() + 1000);
}

function navigation() {
	let land!: () => void;
	let fail!: (error: Error) => void;
	const complete = new Promise<void>((resolve, reject) => ((land = resolve), (fail = reject)));
	kit.navigating.complete = complete;
	return {
		land: (path: string) => {
			history.pushState({}, '', path);
			kit.navigating.complete = null;
			land();
		},
		fail: (error: Error) => {
			kit.navigating.complete = null;
			fail(error);
		}
	};
}

describe('reloadWhileHere: a page loads its data again after a sync only while it is on screen', () => {
	beforeEach(() => {
		history.pushState({}, '', '/questions');
		kit.invalidateAll.mockClear();
		kit.navigating.complete = null;
		// The list was opened; then its sync sent something.
		vi.useFakeTimers({ toFake: ['Date'] });
		later();
		noteNavigation();
		later();
		noteReached();
	});
	afterEach(() => vi.useRealTimers());

	it('reloads the page that is still shown', async () => {
		const reload = reloadWhileHere();
		await reload();
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
	});

	it('leaves a page alone that the participant has opened since (a grid being ticked)', async () => {
		const reload = reloadWhileHere();
		history.pushState({}, '', '/questions/a1/welzijn');
		await reload();
		expect(kit.invalidateAll).not.toHaveBeenCalled();
	});

	it('does not cancel a tap on a card whose page is still loading, and lets that page bring its own data', async () => {
		const reload = reloadWhileHere();
		const tap = navigation(); // the address still says /questions until the module's data has come
		const reloading = reload();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(kit.invalidateAll).not.toHaveBeenCalled();
		tap.land('/questions/a1/welzijn');
		await reloading;
		expect(kit.invalidateAll).not.toHaveBeenCalled();
		expect(location.pathname).toBe('/questions/a1/welzijn');
	});

	it('reloads after a navigation that did not leave the page (it failed, or only the query changed)', async () => {
		const reload = reloadWhileHere();
		const tap = navigation();
		const reloading = reload();
		tap.fail(new Error('navigation aborted'));
		await reloading;
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
	});

	it('leaves the page alone when nothing reached the server since its data was asked for, and reloads once', async () => {
		const reload = reloadWhileHere();
		expect(await reload()).toBe(true);
		later();
		expect(await reload()).toBe(false);
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
		later();
		noteNavigation(); // another page opened after the send: its data has it
		expect(await reloadWhileHere()()).toBe(false);
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
	});

	it("reloads when another screen's send ended while this page loaded, though its own sync sent nothing", async () => {
		// "Send to my coach" on the module, then back to the list at once: the list's data was asked for while that
		// send was under way, and its own sync found nothing left to send.
		later();
		noteNavigation();
		later();
		noteReached(); // the module's send reaches the server
		const reload = reloadWhileHere(); // the list mounts
		expect(await reload()).toBe(true);
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
	});

	it('reloads when the page before this document heard back from the server after this one was asked for', async () => {
		// A reload while the old page's send is out: the old page hears back and empties the outbox before it goes, so
		// this page has nothing to send. Only the time written in localStorage tells it (another document's memory is gone).
		later();
		noteNavigation();
		later();
		localStorage.setItem(REACHED_KEY, String(Date.now()));
		expect(await reloadWhileHere()()).toBe(true);
		expect(kit.invalidateAll).toHaveBeenCalledTimes(1);
	});

	it('keeps the latest time when another tab wrote an earlier one, and reads a later one written by another tab', async () => {
		later();
		noteReached();
		const mine = Number(localStorage.getItem(REACHED_KEY));
		noteReached(mine - 5000); // a reply handled late, from an earlier send
		expect(Number(localStorage.getItem(REACHED_KEY))).toBe(mine);
		later();
		noteNavigation();
		later();
		expect(await reloadWhileHere()()).toBe(false);
		localStorage.setItem(REACHED_KEY, String(Date.now() + 1));
		expect(await reloadWhileHere()()).toBe(true);
	});
});
