import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Loads the open page's data again (after a sync sent something that changes it), but only while it is still the
 * page on screen. A sync takes a while on a slow phone: by then the participant may have opened another page, and
 * loading that one again under them would throw away what they were choosing (a grid's ticks, say).
 */
export function reloadWhileHere(): () => Promise<void> {
	const path = location.pathname;
	return async () => {
		// A tap on a link keeps the old address until the next page's data has come: reloading then would cancel that
		// navigation and leave the participant where they were. Let it land first; it brings its own data.
		if (navigating.complete) await navigating.complete.catch(() => {});
		if (location.pathname === path) await invalidateAll();
	};
}
