import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import { lastReached } from '$lib/offline/reached';

/**
 * When the open page's data was asked for (ms since epoch): the document's own request, then each navigation's and
 * each reload's. A page the service worker took from its cache (no network) is older than that; it has no server to
 * ask again anyway, and the network coming back starts a sync.
 */
let asked = typeof performance === 'undefined' ? 0 : performance.timeOrigin;

/** The participant's layout calls this as each navigation begins (beforeNavigate), before the next page's data comes. */
export function noteNavigation(): void {
	asked = Date.now();
}

/**
 * Loads the open page's data again when something reached the server since that data was asked for (this screen's
 * sync, one another screen or the page before this one finished while it loaded, or another tab's), but only while it
 * is still the page on screen. A sync takes a while on a slow phone: by then the participant may have opened another
 * page, and loading that one again under them would throw away what they were choosing (a grid's ticks, say).
 * Resolves to whether it did.
 */
export function reloadWhileHere(): () => Promise<boolean> {
	const path = location.pathname;
	return async () => {
		// Nothing reached the server since this page's data was asked for: that data is current. (A reply in the same
		// millisecond as the request counts as before it: a reload right after a sync would otherwise count it twice.)
		if (lastReached() <= asked) return false;
		// A tap on a link keeps the old address until the next page's data has come: reloading then would cancel that
		// navigation and leave the participant where they were. Let it land first; it brings its own data.
		if (navigating.complete) await navigating.complete.catch(() => {});
		if (location.pathname !== path) return false;
		asked = Date.now();
		await invalidateAll();
		return true;
	};
}
