import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import { offline } from '$lib/offline/sync.svelte';

/** How many sends (offline.sends) the open page's data had seen when it was asked for: at a navigation or a reload. */
let seen = 0;

/** The participant's layout calls this as each navigation begins (beforeNavigate), before the next page's data comes. */
export function noteNavigation(): void {
	seen = offline.sends;
}

/**
 * Loads the open page's data again when something reached the server since that data was asked for (this screen's
 * sync, or one another screen started that ended while this page loaded), but only while it is still the page on
 * screen. A sync takes a while on a slow phone: by then the participant may have opened another page, and loading that
 * one again under them would throw away what they were choosing (a grid's ticks, say). Resolves to whether it did.
 */
export function reloadWhileHere(
	/** Reload even when this page counted no send: a page that just opened cannot count a send the page before it
	 *  finished while this one's data was being asked for (its outbox entry is then gone, and nothing is sent here). */
	{ evenWithoutSends = false } = {}
): () => Promise<boolean> {
	const path = location.pathname;
	return async () => {
		// Nothing reached the server since this page's data was asked for: that data is current.
		if (!evenWithoutSends && offline.sends === seen) return false;
		// A tap on a link keeps the old address until the next page's data has come: reloading then would cancel that
		// navigation and leave the participant where they were. Let it land first; it brings its own data.
		if (navigating.complete) await navigating.complete.catch(() => {});
		if (location.pathname !== path) return false;
		seen = offline.sends;
		await invalidateAll();
		return true;
	};
}
