import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startBuiltServer, type RunningServer } from '../helpers/server';
import {
	chooseLanguage,
	launchChromium,
	pairPhone,
	PHONE,
	screenshot,
	waitForServiceWorker
} from '../helpers/browser';

/**
 * A new version of Opstap reaches a phone that uses it offline. The server is the same build behind a small proxy that,
 * once told so, hands out the service worker with another version: to the phone that is an app update (a new worker,
 * new caches), as after a deploy. What the phone kept for offline use must still open when the new version has taken
 * over, while the server is down.
 */
describe('an app update on a phone used offline', () => {
	let server: RunningServer;
	let proxy: Server;
	let origin = '';
	let browser: Browser;
	let phone: BrowserContext;
	let page: Page;
	let updated = false;
	let oldVersion = '';

	beforeAll(async () => {
		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		// The server believes the proxy's address is its own (forms check where they were posted from).
		server = await startBuiltServer({ ORIGIN: origin });
		const target = new URL(server.origin);
		proxy = createServer((incoming, outgoing) => {
			const rewrite = updated && incoming.url?.startsWith('/service-worker.js');
			const headers = { ...incoming.headers };
			// The script is rewritten as text: not sent compressed.
			if (rewrite) delete headers['accept-encoding'];
			const forward = request(
				{ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers },
				(answer) => {
					if (!rewrite) {
						outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(outgoing);
						return;
					}
					const chunks: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => chunks.push(chunk));
					answer.on('end', () => {
						const script = Buffer.concat(chunks).toString();
						oldVersion = /"(\d{10,})"/.exec(script)?.[1] ?? '';
						const next = script.replaceAll(`"${oldVersion}"`, `"${Number(oldVersion) + 1}"`);
						const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(next)) };
						delete headers['content-encoding'];
						delete headers.etag;
						outgoing.writeHead(answer.statusCode ?? 502, headers);
						outgoing.end(next);
					});
				}
			);
			forward.on('error', () => {
				outgoing.statusCode = 502;
				outgoing.end();
			});
			incoming.pipe(forward);
		});
		await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
		browser = await launchChromium();
		phone = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
	});

	afterAll(async () => {
		await browser?.close();
		proxy?.closeAllConnections();
		await new Promise((resolve) => proxy?.close(resolve));
		await server?.stop();
		server?.cleanup();
	});

	const cached = () =>
		page.evaluate(async () => {
			const all: Record<string, string[]> = {};
			for (const name of await caches.keys())
				all[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
			return all;
		});

	it('home, the plan and the Tigrinya font still open without the server after the new version takes over', async () => {
		page = await pairPhone(phone, origin, server.printedCode());
		await waitForServiceWorker(page);
		// Tigrinya: a cheap phone has no Ethiopic font of its own, so the one Opstap sends must stay for offline use.
		await chooseLanguage(page, origin, 'ti', 'ትግርኛ');
		await page.goto(`${origin}/plan`);
		await page.waitForLoadState('networkidle');
		await page.goto(`${origin}/`);
		await page.waitForLoadState('networkidle');
		const home = await page.getByRole('heading', { level: 1 }).textContent();
		const before = await cached();
		const pagesBefore = Object.keys(before).find((n) => n.startsWith('opstap-pages-'))!;
		expect(before[pagesBefore]).toEqual(expect.arrayContaining(['/', '/plan']));
		expect(
			Object.values(before)
				.flat()
				.some((p) => p.includes('ethiopic'))
		).toBe(true);

		// A deploy: the next check finds a new worker, which installs and waits for the participant.
		updated = true;
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
		const banner = page.locator('.update[role=status]');
		await banner.waitFor({ timeout: 30_000 });
		// Said aloud on a tap, as every text a participant sees (here by the server's voice: the machine has none).
		await expect
			.poll(() => banner.locator('button.speak[data-key="update.available"]').getAttribute('data-source'))
			.not.toBe('none');
		// The button to tap carries the update picture, for someone who cannot read its word.
		expect(await banner.locator('button.button [data-pictogram="update"]').count()).toBe(1);
		await screenshot(page, 'ti-update-available');
		// It stays in sight, but never covers the page: scrolled to the end, the last card is above it.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		const bannerBox = (await banner.boundingBox())!;
		const mainBox = (await page.locator('main').boundingBox())!;
		expect(mainBox.y + mainBox.height).toBeLessThanOrEqual(bannerBox.y);
		expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
		await page.screenshot({ path: 'test-results/screens/ti-update-available-end.png' }); // what the phone shows there
		// The participant does not tap "refresh" but closes Opstap, and opens it again later while the server is down:
		// the new version takes over as it opens, and drops the previous version's caches. The proxy answers 502 then,
		// as a municipality's gateway would. (A blank tab first: Playwright's newPage in a context left without pages
		// can wait forever.)
		// The browser may stop a waiting worker at any time (the tap can come days later): it must still know, when it
		// takes over, that its static routes were taken and navigation preload can stay on.
		const cdp = await phone.newCDPSession(page);
		await cdp.send('ServiceWorker.enable');
		await cdp.send('ServiceWorker.stopAllWorkers');
		await cdp.detach();
		const closed = page;
		page = await phone.newPage();
		await closed.close();
		await server.stop();
		// Until the address is taken (here and below): Playwright's wait for "load" on a page whose worker was restarted
		// and took over can miss the event (seen as a goto that never returned, with the page complete and every file
		// loaded).
		await page.goto(`${origin}/`, { waitUntil: 'commit' });
		await page.getByRole('heading', { level: 1 }).waitFor();
		expect(oldVersion).not.toBe('');
		await expect
			.poll(() =>
				page.evaluate(async (version) => {
					const registration = await navigator.serviceWorker.getRegistration();
					const old = (await caches.keys()).filter((n) => n.includes(version));
					return !registration?.waiting && !registration?.installing && old.length === 0;
				}, oldVersion)
			)
			.toBe(true);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(home);
		// Opened once more: now from this version's caches only. (Not with Playwright's offline switch too: after the
		// worker restart above, its reload then never returned. The offline open itself is foundation.test.ts's.)
		await page.reload({ waitUntil: 'commit' });
		await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(home);
		expect(await page.getAttribute('html', 'lang')).toBe('ti');
		const after = await cached();
		const pagesAfter = Object.keys(after).find((n) => n.startsWith('opstap-pages-'))!;
		expect(pagesAfter).not.toBe(pagesBefore);
		expect(after[pagesAfter]).toEqual(expect.arrayContaining(['/', '/plan']));
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.ready).navigationPreload.getState())
		).toMatchObject({ enabled: true });
		// The Ethiopic font is drawn, not the phone's fallback.
		expect(
			await page.evaluate(async () => {
				await document.fonts.ready;
				return [...document.fonts].some((f) => /ethiopic/i.test(f.family) && f.status === 'loaded');
			})
		).toBe(true);
		await page.goto(`${origin}/plan`, { waitUntil: 'commit' });
		await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe(home);
		await screenshot(page, 'ti-plan-after-update');
	});
});
