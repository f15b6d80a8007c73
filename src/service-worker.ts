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
/** There only when this version's static routes were taken (see the install handler). */
const ROUTED = `${CACHES.routed}${version}`;

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
				// Kept as an (empty) cache rather than in memory: the browser may stop this worker between its install and
				// its activation, which a person's "refresh" can come days after.
				() => caches.open(ROUTED).then(() => undefined),
				// A rule this browser does not take costs speed only: never the update itself.
				() => undefined
			)
	);
});

const router = new Router();

/** One copy per page: "/?paired=1" and "/" are the same home screen, "?item=…" the same module page. */
function pageKey(request: Request): string {
	const url = new URL(request.url);
	url.search = '';
	return url.href;
}
const withoutQuery = { cacheKeyWillBeUsed: async ({ request }: { request: Request }) => pageKey(request) };

/**
 * A server that answers with an error is treated like no network: Opstap down behind the municipality's proxy (a 502
 * from it), or its database away (a 503), shows the copy kept on the phone, and the error page only when there is none.
 * Workbox's NetworkFirst falls back to the cache only when the fetch itself fails; a navigation's preloaded response
 * skips the fetch hooks, so this looks at the answer about to be given.
 */
function keptCopyOnServerError(cacheName: string) {
	return {
		handlerWillRespond: async ({ request, response }: { request: Request; response: Response }) => {
			if (response.status < 500) return response;
			return (await (await caches.open(cacheName)).match(pageKey(request))) ?? response;
		}
	};
}

// One activity's page and its data (the list carries only what it shows): fresh when there is a network, else the
// copy kept when it was opened, or fetched because the participant asked for it (the list page asks for those).
// A cache of their own, so that browsing many activities never pushes the home screen out of the pages' cache.
const ACTIVITY = /^\/activities\/[0-9a-f-]{36}(\/__data\.json)?$/;
const activityPages = new NetworkFirst({
	cacheName: ACTIVITIES,
	networkTimeoutSeconds: 6,
	// 2–12 KB each (a fetched one carries the page's texts too): the last hundred is plenty, and about a megabyte.
	plugins: [withoutQuery, keptCopyOnServerError(ACTIVITIES), new ExpirationPlugin({ maxEntries: 100 })]
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
const pages = new NetworkFirst({
	cacheName: PAGES,
	networkTimeoutSeconds: 6,
	plugins: [withoutQuery, keptCopyOnServerError(PAGES), new ExpirationPlugin({ maxEntries: 50 })]
});
router.registerRoute(
	new Route(
		({ request, url, sameOrigin }) =>
			sameOrigin &&
			request.method === 'GET' &&
			!url.pathname.startsWith('/coach') &&
			(request.mode === 'navigate' ||
				(request.headers.get('accept') ?? '').includes('text/html') ||
				url.pathname.endsWith('/__data.json')),
		pages
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

const assets = new CacheFirst({ cacheName: ASSETS, plugins: [new ExpirationPlugin({ maxEntries: 30 })] });
router.registerRoute(
	new Route(
		({ url, sameOrigin }) =>
			sameOrigin && (url.pathname.startsWith('/fonts/') || url.pathname.startsWith('/themes/')),
		assets
	)
);

/**
 * What the previous version kept for offline use, fetched again for this one: its pages (home, plan, appointments,
 * messages), the activities opened, and the font of the participant's language. Those caches are per version, as a
 * kept page names the previous version's scripts, which leave the precache when this version takes over; without this
 * a participant who updated and then opened Opstap without a network got the browser's offline error, and Tigrinya
 * came out as empty boxes on a cheap phone without an Ethiopic font. An install happens only online, and before the
 * person taps "refresh": what cannot be fetched now is fetched again when next opened online, as on a first visit.
 */
const CARRIED = [
	{ prefix: CACHES.pages, current: PAGES, strategy: pages },
	{ prefix: CACHES.activities, current: ACTIVITIES, strategy: activityPages },
	{ prefix: CACHES.assets, current: ASSETS, strategy: assets }
];
async function carryOver(event: ExtendableEvent) {
	const names = await caches.keys();
	const wanted: { url: string; strategy: NetworkFirst | CacheFirst }[] = [];
	for (const { prefix, current, strategy } of CARRIED)
		for (const name of names.filter((n) => n.startsWith(prefix) && n !== current))
			for (const request of await (await caches.open(name)).keys())
				wanted.push({ url: request.url, strategy });
	// Home first: it is what opens the app. A few at a time, not a hundred requests at once on a slow connection.
	wanted.sort((a, b) => Number(new URL(b.url).pathname === '/') - Number(new URL(a.url).pathname === '/'));
	const next = wanted.values();
	const worker = async () => {
		for (const { url, strategy } of next) {
			const request = new Request(url, {
				headers: { accept: url.endsWith('/__data.json') ? '*/*' : 'text/html' }
			});
			// One that fails (gone, a participant since unpaired) is simply not carried.
			await strategy.handle({ event, request }).catch(() => undefined);
		}
	};
	await Promise.all(Array.from({ length: 4 }, worker));
}
sw.addEventListener('install', (event) => event.waitUntil(carryOver(event)));

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
	// Said either way, as the setting outlives a version.
	const preload = sw.registration.navigationPreload as NavigationPreloadManager | undefined; // Safari < 15.4
	if (preload)
		event.waitUntil(caches.has(ROUTED).then((routed) => (routed ? preload.enable() : preload.disable())));
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
									k.startsWith(CACHES.activities) ||
									k.startsWith(CACHES.routed)) &&
								![PAGES, ASSETS, ACTIVITIES, ROUTED].includes(k)
						)
						.map((k) => caches.delete(k))
				)
			)
	);
});

// The first install takes control at once, so the first visit already fills the caches.
// Later versions wait for the person to tap "refresh" (SKIP_WAITING).
clientsClaim();
