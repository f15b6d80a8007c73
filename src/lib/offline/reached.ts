/**
 * When something from this phone last reached the server, kept for every page and tab of Opstap (localStorage).
 * A page compares it with when its own data was asked for (src/lib/reload.ts). A count in memory could not see a send
 * that the page before finished while this one loaded: after a reload the old page can still receive the server's
 * reply and take the entry out of the outbox, and the new page then has nothing to send, and a copy from before it.
 */
export const REACHED_KEY = 'opstap.reached';

/** This page's own latest, for a phone whose browser refuses localStorage (the page then counts only its own). */
let here = 0;

function stored(): number {
	try {
		return Number(localStorage.getItem(REACHED_KEY)) || 0;
	} catch {
		return 0;
	}
}

/** The server has just answered for entries it took: called before they leave the outbox. */
export function noteReached(at = Date.now()): void {
	here = Math.max(here, at);
	try {
		// Another tab may have written a later time meanwhile: keep the latest.
		localStorage.setItem(REACHED_KEY, String(Math.max(here, stored())));
	} catch {
		// Private mode or a full store: this page's own count still works.
	}
}

/** When something last reached the server from this phone (ms since epoch; 0: never seen). */
export function lastReached(): number {
	return Math.max(here, stored());
}
