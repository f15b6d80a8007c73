import { dev } from '$app/environment';

/**
 * The service worker's registration, and a new version of Opstap waiting for the person: registered once by the root
 * layout, shown by the layout of the page (UpdatePrompt.svelte; the participant's with its speaker).
 */
export const appUpdate = $state({ waiting: false });
let apply = () => {};

/** Takes the waiting version now and reloads the page with it (the person's tap on "refresh"). */
export function applyUpdate(): void {
	apply();
}

/** Registers the service worker; returns what cancels it when the page goes before workbox-window has loaded. */
export function registerWorker(): () => void {
	if (dev || !('serviceWorker' in navigator)) return () => {};
	let cancelled = false;
	void import('workbox-window').then(({ Workbox }) => {
		if (cancelled) return;
		const wb = new Workbox('/service-worker.js');
		// A new version waits until the person says so: never reload under someone who is typing.
		wb.addEventListener('waiting', () => {
			appUpdate.waiting = true;
			apply = () => {
				wb.addEventListener('controlling', () => window.location.reload());
				wb.messageSkipWaiting();
			};
		});
		// The page and its files were fetched before the worker ran: hand their addresses to it,
		// so this page also opens without a network next time.
		const cacheCurrentPage = () => {
			const resources = performance
				.getEntriesByType('resource')
				.map((entry) => entry.name)
				.filter((name) => name.startsWith(location.origin) && !name.includes('/__data.json'));
			void wb.messageSW({
				type: 'CACHE_URLS',
				payload: { urlsToCache: [[location.href, { headers: { accept: 'text/html' } }], ...resources] }
			});
		};
		wb.addEventListener('activated', (event) => {
			if (!event.isUpdate) cacheCurrentPage();
		});
		wb.register()
			.then(() => {
				if (navigator.serviceWorker.controller) cacheCurrentPage();
			})
			// A browser that refuses service workers (a private window, a managed phone) still has Opstap online;
			// it only cannot open it offline. Not an error for the page.
			.catch(() => {});
	});
	return () => {
		cancelled = true;
	};
}
