/**
 * Asks the service worker to keep these same-origin addresses for offline use (Workbox's CACHE_URLS message,
 * handled by the router's cache listener in src/service-worker.ts). Does nothing without a service worker.
 */
export async function keepOffline(
	urls: (string | [string, { headers: Record<string, string> }])[]
): Promise<void> {
	if (!urls.length || !('serviceWorker' in navigator)) return;
	// On a first visit the worker is still installing: wait until one is active (never resolves without one).
	const registration = await navigator.serviceWorker.ready;
	registration.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: urls } });
}
