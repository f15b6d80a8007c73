/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';
import { cacheNames, clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { Route, Router } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CACHES } from '$lib/offline/caches';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Versioned cache names: a new build gets new caches and the old ones are removed on activate.
const PAGES = `${CACHES.pages}${version}`;
const ASSETS = `${CACHES.assets}${version}`;
const ACTIVITIES = `${CACHES.activities}${version}`;

// The app shell: every built file, the manifest, icons and pictograms. Fonts are not precached on purpose:
// a phone downloads only the font of its own language, and caches it when the page uses it.
precacheAndRoute(
	[...build, ...files.filter((f) => !f.startsWith('/fonts/') && !f.endsWith('.md'))].map((url) => ({
		url,
		revision: build.includes(url) ? null : version
	}))
);
cleanupOutdatedCaches();

/**
 * Routes the browser follows without starting or asking this worker (Chromium's static routing,
 * `InstallEvent.addRoutes`, Chrome 123+; elsewhere the fetch handler below does the same, only slower):
 * - the built files (content-hashed: a cached copy is always right) straight from Workbox's precache, which keeps a
 *   file without a revision under its own URL; one not there yet comes from the network. A question opens with some
 *   forty of them, and one at a time through the fetch handler was most of a repeat or offline open on a slow phone
 *   (issue 17);
 * - the API (sync, uploads, pairing) and the coach's workspace straight to the network: the worker has nothing to add
 *   to them, and a sync should not wait for a sleeping worker to start.
 */
interface StaticRoute {
	condition: { urlPattern: string };
	source: 'network' | { cacheName: string };
}
/** Whether this worker's routes were taken: without them the coach's pages do reach the fetch handler. */
let routed = false;
sw.addEventListener('install', (event) => {
	if (typeof InstallEvent === 'undefined' || !('addRoutes' in InstallEvent.prototype)) return;
	const install = event as ExtendableEvent & { addRoutes(rules: StaticRoute[]): Promise<void> };
	event.waitUntil(
		install
			.addRoutes([
				{ condition: { urlPattern: '/_app/immutable/*' }, source: { cacheName: cacheNames.precache } },
				{ condition: { urlPattern: '/api/*' }, source: 'network' },
				{ condition: { urlPattern: '/coach{/*}?' }, source: 'network' }
			])
			.then(
				() => void (routed = true),
				// A rule this browser does not take costs speed only: never the update itself.
				() => undefined
			)
	);
});

const router = new Router();

/** One copy per page: "/?paired=1" and "/" are the same home screen, "?item=…" the same module page. */
const withoutQuery = {
	cacheKeyWillBeUsed: async ({ request }: { request: Request }) => {
		const url = new URL(request.url);
		url.search = '';
		return url.href;
	}
};

// One activity's page and its data (the list carries only what it shows): fresh when there is a network, else the
// copy kept when it was opened, or fetched because the participant asked for it (the list page asks for those).
// A cache of their own, so that browsing many activities never pushes the home screen out of the pages' cache.
const ACTIVITY = /^\/activities\/[0-9a-f-]{36}(\/__data\.json)?$/;
const activityPages = new NetworkFirst({
	cacheName: ACTIVITIES,
	networkTimeoutSeconds: 6,
	// 2–12 KB each (a fetched one carries the page's texts too): the last hundred is plenty, and about a megabyte.
	plugins: [withoutQuery, new ExpirationPlugin({ maxEntries: 100 })]
});
router.registerRoute(
	new Route(
		({ request, url, sameOrigin }) => sameOrigin && request.method === 'GET' && ACTIVITY.test(url.pathname),
		async (options) => {
			try {
				return await activityPages.handle(options);
			} catch (error) {
				// Never opened and no network: to the kept list, which opens it from its kept data or says it is not on this
				// phone (rather than the browser's own offline error).
				const request = options.request;
				if (!(request instanceof Request) || request.mode !== 'navigate') throw error;
				const id = new URL(request.url).pathname.split('/')[2];
				const list = await (
					await caches.open(PAGES)
				).match(new URL('/activities', sw.location.origin).href, {
					// Kept from a navigation (Accept: text/html); the page may vary on it.
					ignoreVary: true
				});
				if (!list) throw error;
				return Response.redirect(new URL(`/activities?open=${id}`, sw.location.origin).href, 302);
			}
		}
	)
);

// Pages and their data: fresh from the network when there is one, else the last copy seen.
// After a first visit, the participant's home opens with no network.
router.registerRoute(
	new Route(
		({ request, url, sameOrigin }) =>
			sameOrigin &&
			request.method === 'GET' &&
			!url.pathname.startsWith('/coach') &&
			(request.mode === 'navigate' ||
				(request.headers.get('accept') ?? '').includes('text/html') ||
				url.pathname.endsWith('/__data.json')),
		new NetworkFirst({
			cacheName: PAGES,
			networkTimeoutSeconds: 6,
			plugins: [withoutQuery, new ExpirationPlugin({ maxEntries: 50 })]
		})
	)
);

// Recorded clips have their content hash in the URL (?v=), so a cached copy is always right.
router.registerRoute(
	new Route(
		({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/voice/'),
		// Not versioned with the app: a clip stays valid across app updates (its URL changes when it changes).
		new CacheFirst({ cacheName: CACHES.voice, plugins: [new ExpirationPlugin({ maxEntries: 500 })] })
	)
);

// Activity photos have their content hash in the URL (?v=) too: seen once, shown offline.
router.registerRoute(
	new Route(
		({ url, sameOrigin }) =>
			sameOrigin && url.pathname.startsWith('/activities/photo/') && url.searchParams.has('v'),
		new CacheFirst({ cacheName: CACHES.photos, plugins: [new ExpirationPlugin({ maxEntries: 200 })] })
	)
);

router.registerRoute(
	new Route(
		({ url, sameOrigin }) =>
			sameOrigin && (url.pathname.startsWith('/fonts/') || url.pathname.startsWith('/themes/')),
		new CacheFirst({ cacheName: ASSETS, plugins: [new ExpirationPlugin({ maxEntries: 30 })] })
	)
);

router.addFetchListener();
// Lets the page hand over what it loaded before this worker was running (see UpdatePrompt.svelte).
router.addCacheListener();

/**
 * A push from the server (a reminder, a new message): the text is already in the participant's language. The tag
 * makes a second copy of the same push replace the first, so a resend never shows twice.
 */
sw.addEventListener('push', (event) => {
	let message: {
		title?: string;
		body?: string;
		icon?: string;
		url?: string;
		tag?: string;
		lang?: string;
		dir?: string;
	};
	try {
		message = event.data?.json() ?? {};
	} catch {
		message = { body: event.data?.text() };
	}
	event.waitUntil(
		sw.registration.showNotification(message.title ?? 'Opstap', {
			body: message.body ?? '',
			icon: message.icon ?? '/icons/icon-192.png',
			tag: message.tag,
			lang: message.lang,
			dir: message.dir === 'rtl' ? 'rtl' : message.dir === 'ltr' ? 'ltr' : 'auto',
			data: { url: message.url ?? '/' }
		})
	);
});

/** Tapping it opens what it is about, in the open app if there is one. */
sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const target = new URL(
		(event.notification.data as { url?: string } | null)?.url ?? '/',
		sw.location.origin
	);
	if (target.origin !== sw.location.origin) return;
	event.waitUntil(
		(async () => {
			const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
			for (const client of windows) {
				if (new URL(client.url).origin === target.origin && 'navigate' in client) {
					await client.focus();
					await client.navigate(target.href);
					return;
				}
			}
			await sw.clients.openWindow(target.href);
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	// A page is asked for from the network while this worker starts, not after (navigation preload): Workbox's
	// NetworkFirst below takes that response. Only with the static routes taken: they keep the coach's pages away from
	// this worker, which does not answer them; else each would be fetched twice (the preload, then the browser's own).
	// Said either way, as the setting outlives a version (a worker restarted since its install also says off).
	const preload = sw.registration.navigationPreload as NavigationPreloadManager | undefined; // Safari < 15.4
	if (preload) event.waitUntil(routed ? preload.enable() : preload.disable());
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter(
							(k) =>
								(k.startsWith(CACHES.pages) ||
									k.startsWith(CACHES.assets) ||
									k.startsWith(CACHES.activities)) &&
								![PAGES, ASSETS, ACTIVITIES].includes(k)
						)
						.map((k) => caches.delete(k))
				)
			)
	);
});

// The first install takes control at once, so the first visit already fills the caches.
// Later versions wait for the person to tap "refresh" (SKIP_WAITING).
clientsClaim();
