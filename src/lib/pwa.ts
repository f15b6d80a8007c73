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

/**
 * Whether the service worker showed this page from its cache (stale-while-revalidate, src/service-worker.ts marks
 * it with a Server-Timing entry): its data may be older than the server's.
 */
export function shownFromCache(): boolean {
	const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
	return !!navigation?.serverTiming?.some((t) => t.name === 'opstap-cache');
}
