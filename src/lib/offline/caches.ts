/**
 * The service worker's caches (src/service-worker.ts), named here once: the worker fills and cleans them, and the
 * phone forgets its participant's ones when the coach has unpaired it (./forget.ts).
 */
export const CACHES = {
	/** Participant pages and their data, for offline use; versioned with the app. */
	pages: 'opstap-pages-',
	/** The activities catalogue and the details opened; versioned with the app. */
	activities: 'opstap-activities-',
	/** Fonts and themes; versioned with the app. */
	assets: 'opstap-assets-',
	/** Spoken texts and recorded clips (content-hashed; they outlive an app version). */
	voice: 'opstap-voice',
	/** Activity photos (content-hashed). */
	photos: 'opstap-photos',
	/** An empty marker: this version's static routes were taken, so navigation preload may be on. */
	routed: 'opstap-routed-'
} as const;

/**
 * What this phone keeps of its participant in Cache Storage: their pages (plan, appointments, messages), the activity
 * pages they opened (drawn for them), and spoken texts, whose addresses carry the words read out (names, places).
 */
export function isPersonalCache(name: string): boolean {
	return name.startsWith(CACHES.pages) || name.startsWith(CACHES.activities) || name === CACHES.voice;
}
