import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	axeViolations,
	launchChromium,
	PHONE,
	screenshot,
	waitForServiceWorker,
	answerConsent
} from '../helpers/browser';

/**
 * The foundation end to end, against the built app at phone size: a coach adds a participant, the participant
 * pairs a phone with the code, sees the home in Dutch, Arabic and Tigrinya, and opens it again with the server gone.
 */
describe('Opstap on a phone', () => {
	let server: RunningServer;
	let browser: Browser;
	let coach: BrowserContext;
	let phone: BrowserContext;
	let coachPage: Page;
	let phonePage: Page;
	let code = '';
	const cspErrors: string[] = [];

	const watch = (page: Page) =>
		page.on('console', (message) => {
			if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
				cspErrors.push(message.text());
		});

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		coach = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		phone = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
		coachPage = await coach.newPage();
		phonePage = await phone.newPage();
		watch(coachPage);
		watch(phonePage);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('prints the demo login and a pairing code at start', () => {
		expect(server.output()).toContain('lotte@demo.opstap.nl');
		expect(server.printedCode()).toMatch(/^\d{4} \d{4}$/);
	});

	it('a coach logs in and adds a participant, and gets a code and a QR code', async () => {
		await coachPage.goto(`${server.origin}/coach`);
		await coachPage.waitForURL(/\/coach\/login/);
		expect(await axeViolations(coachPage)).toEqual([]);

		await coachPage.getByLabel('E-mailadres').fill('lotte@demo.opstap.nl');
		await coachPage.getByLabel('Wachtwoord').fill('wrong password');
		await coachPage.getByRole('button', { name: 'Inloggen' }).click();
		await expect.poll(() => coachPage.getByRole('alert').textContent()).toContain('klopt niet');

		await coachPage.getByLabel('Wachtwoord').fill('opstap-demo-2026');
		await coachPage.getByRole('button', { name: 'Inloggen' }).click();
		await coachPage.waitForURL(`${server.origin}/coach`);
		await coachPage.getByRole('heading', { name: 'Mijn deelnemers' }).waitFor();
		const names = await coachPage.locator('tbody td:first-child').allTextContents();
		expect(names).toEqual(['Fatma', 'Henk', 'Hodan', 'Samira', 'Yonas']);
		expect(await axeViolations(coachPage)).toEqual([]);

		const cookies = await coach.cookies();
		const session = cookies.find((c) => c.name === 'opstap_coach');
		expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

		await coachPage.getByRole('link', { name: '+ Deelnemer toevoegen' }).click();
		await coachPage.getByLabel(/^Naam/).fill('Amal');
		await coachPage.getByLabel('Taal van de deelnemer').selectOption('nl');
		await coachPage.getByRole('button', { name: 'Toevoegen en koppelcode maken' }).click();
		const codeText = await coachPage.getByTestId('pairing-code').textContent();
		expect(codeText).toMatch(/^\d{4} \d{4}$/);
		code = codeText!.replace(' ', '');
		expect(await coachPage.locator('.qr svg').count()).toBe(1);
		expect(await axeViolations(coachPage)).toEqual([]);
		await screenshot(coachPage, 'coach-new-participant');
	});

	it('a wrong code gets a kind message with a pictogram and the tries left', async () => {
		await phonePage.goto(`${server.origin}/`);
		await phonePage.getByRole('link', { name: 'Ik heb een code' }).click();
		await phonePage.waitForURL(/\/pair$/);
		for (const digit of '12345678') await phonePage.getByRole('button', { name: digit, exact: true }).click();
		await phonePage.getByRole('button', { name: 'Koppelen', exact: true }).click();
		const alert = phonePage.getByRole('alert');
		await expect.poll(() => alert.textContent()).toContain('Deze code werkt niet');
		expect(await alert.textContent()).toContain('Je kunt het nog 19 keer proberen');
		expect(await alert.locator('[data-pictogram="not-found"]').count()).toBe(1);
		// Every sentence of the message has its speaker (shown as unavailable here: headless Chromium has no voices).
		expect(await alert.locator('button.speak').count()).toBe(2);
		expect(await axeViolations(phonePage)).toEqual([]);
		await screenshot(phonePage, 'nl-pair-wrong-code');
	});

	it('the participant pairs with the digit pad and sees the home in Dutch', async () => {
		await phonePage.getByLabel('Code van 8 cijfers').fill('');
		for (const digit of code) await phonePage.getByRole('button', { name: digit, exact: true }).click();
		await phonePage.getByRole('button', { name: 'Koppelen', exact: true }).click();
		// First what Opstap may do with what Amal shares, one purpose per screen (issue 16).
		await phonePage.waitForURL(/\/consent/);
		await answerConsent(phonePage, { coaching: 'given', team: 'given', research: 'given' });
		await phonePage.waitForURL(/\/\?paired=1$/);
		await phonePage.getByRole('heading', { name: 'Hallo Amal' }).waitFor();
		for (const tile of ['Mijn vragen', 'Mijn afspraken', 'Activiteiten', 'Mijn coach']) {
			expect(await phonePage.getByRole('link', { name: tile }).isVisible()).toBe(true);
		}
		expect(await phonePage.getAttribute('html', 'lang')).toBe('nl');
		expect(await phonePage.getAttribute('html', 'dir')).toBe('ltr');
		const device = (await phone.cookies()).find((c) => c.name === 'opstap_device');
		expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
		expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 86_400_000);
		expect(await axeViolations(phonePage)).toEqual([]);
		await screenshot(phonePage, 'nl-home');
	});

	it('the pairing code cannot be used a second time', async () => {
		const other = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
		const page = await other.newPage();
		await page.goto(`${server.origin}/pair?code=${code}`);
		await page.getByRole('heading', { name: 'Deze telefoon koppelen?' }).waitFor();
		await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('Deze code werkt niet');
		await other.close();
	});

	it('switches to Arabic: right to left, Arabic font only, and remembered', async () => {
		await phonePage.getByRole('link', { name: /^Taal/ }).click();
		await phonePage.getByRole('heading', { name: 'Kies je taal' }).waitFor();
		expect(await axeViolations(phonePage)).toEqual([]);
		await screenshot(phonePage, 'language-picker');

		const fonts: string[] = [];
		phonePage.on('request', (r) => {
			if (r.url().includes('/fonts/')) fonts.push(new URL(r.url()).pathname);
		});
		await phonePage.getByRole('button', { name: 'العربية', exact: true }).click();
		await phonePage.waitForURL(`${server.origin}/`);
		await phonePage.waitForFunction(() => document.documentElement?.lang === 'ar');
		expect(await phonePage.getAttribute('html', 'dir')).toBe('rtl');
		await phonePage.reload();
		await phonePage.waitForLoadState('networkidle');
		expect(await phonePage.getAttribute('html', 'lang')).toBe('ar');
		expect(fonts.some((f) => f.includes('arabic'))).toBe(true);
		// No whole font of another script: the language page's own names ("ትግርኛ", "Українська") come in small subsets
		// of just their letters (scripts/fonts.js).
		expect(fonts.some((f) => /noto-sans-(ethiopic|cyrillic)/.test(f))).toBe(false);
		// The tiles sit right to left: the first tile is on the right.
		const boxes = await Promise.all(
			(await phonePage.locator('.tiles a').all()).slice(0, 2).map((tile) => tile.boundingBox())
		);
		expect(boxes[0]!.x).toBeGreaterThan(boxes[1]!.x);
		expect(await axeViolations(phonePage)).toEqual([]);
		await screenshot(phonePage, 'ar-home');
	});

	it('shows Tigrinya in Ethiopic script', async () => {
		await phonePage.goto(`${server.origin}/language?returnTo=%2F`);
		await phonePage.getByRole('button', { name: 'ትግርኛ', exact: true }).click();
		await phonePage.waitForFunction(() => document.documentElement?.lang === 'ti');
		await phonePage.waitForLoadState('networkidle');
		const greeting = await phonePage.getByRole('heading', { level: 1 }).textContent();
		expect(greeting).toMatch(/[\u1200-\u137F]/);
		expect(greeting).toContain('Amal');
		expect(await axeViolations(phonePage)).toEqual([]);
		await screenshot(phonePage, 'ti-home');
		await phonePage.goto(`${server.origin}/questions`);
		await screenshot(phonePage, 'ti-coming-soon');
		expect(await axeViolations(phonePage)).toEqual([]);
	});

	it('opens the home again with the network off and the server stopped', async () => {
		await phonePage.goto(`${server.origin}/language?returnTo=%2F`);
		await phonePage.getByRole('button', { name: 'العربية', exact: true }).click();
		await phonePage.waitForFunction(() => document.documentElement?.lang === 'ar');
		// Wait until the service worker controls the page, then load once more so the worker has seen it.
		await waitForServiceWorker(phonePage);
		await phonePage.waitForLoadState('networkidle');
		// The page is asked for from the network while the worker starts (navigation preload): the reload carries its
		// header, which only the browser sets.
		const cdp = await phone.newCDPSession(phonePage);
		await cdp.send('Network.enable');
		const preloads: string[] = [];
		cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
			if (
				Object.keys(event.headers).some((name) => name.toLowerCase() === 'service-worker-navigation-preload')
			)
				preloads.push(String(event.headers[':path'] ?? event.requestId));
		});
		await phonePage.reload();
		await phonePage.waitForLoadState('networkidle');
		await cdp.detach();
		expect(preloads.length).toBeGreaterThan(0);
		const greetingOnline = await phonePage.getByRole('heading', { level: 1 }).textContent();

		await server.stop();
		await phone.setOffline(true);
		await phonePage.reload();
		expect(await phonePage.getByRole('heading', { level: 1 }).textContent()).toBe(greetingOnline);
		expect(await phonePage.getAttribute('html', 'dir')).toBe('rtl');
		await phonePage.waitForFunction(() => !!document.querySelector('.offline'));
		await screenshot(phonePage, 'ar-home-offline');
		// The app's built files came straight from the precache, without a round through the worker's fetch handler
		// (its static routes, src/service-worker.ts), and the app started from them.
		await phonePage.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
		// Chromium's names (the specification's: workerMatchedRouterSource, workerFinalRouterSource): the rule that
		// matched, and where the response really came from (a precache miss would fall back to the network).
		const sources = await phonePage.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.filter((e) => new URL(e.name).pathname.startsWith('/_app/immutable/'))
				.map((e) => {
					const timing = e as PerformanceResourceTiming & Record<string, string | undefined>;
					const matched = timing.workerMatchedSourceType ?? timing.workerMatchedRouterSource;
					const final = timing.workerFinalSourceType ?? timing.workerFinalRouterSource;
					return `${matched}/${final}`;
				})
		);
		expect(sources.length).toBeGreaterThan(10);
		expect(new Set(sources)).toEqual(new Set(['cache/cache']));

		// Back online after a server restart: still paired, nothing lost.
		await server.restart();
		await phone.setOffline(false);
		await phonePage.reload();
		expect(await phonePage.getByRole('heading', { level: 1 }).textContent()).toBe(greetingOnline);
	});

	it('the coach unpairs the phone, and the phone is told so', async () => {
		// What the phone keeps of Amal: her home page for offline use (above), and spoken texts with her name.
		const kept = () =>
			phonePage.evaluate(async () => {
				const names = await caches.keys();
				const home = await caches.match('/');
				return {
					home: home ? (await home.text()).includes('Amal') : false,
					store: (await indexedDB.databases()).some((d) => d.name === 'opstap'),
					built: names.some((n) => n.startsWith('workbox-precache'))
				};
			});
		expect(await kept()).toMatchObject({ home: true, built: true, store: true });
		// A link with "?unpaired" does not empty a paired phone.
		await phonePage.goto(`${server.origin}/?unpaired=1`);
		await phonePage.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
		expect(await kept()).toMatchObject({ home: true, store: true });
		await coachPage.goto(`${server.origin}/coach`);
		await coachPage.getByRole('link', { name: 'Amal' }).click();
		await coachPage.getByRole('button', { name: 'Ontkoppelen (telefoon kwijt)' }).click();
		await coachPage.getByText('Er is nog geen telefoon gekoppeld.').waitFor();
		await phonePage.goto(`${server.origin}/appointments`);
		await phonePage.waitForURL(/unpaired=1/);
		expect(await phonePage.getByRole('status').first().textContent()).toBeTruthy();
		expect(await phonePage.getByRole('link', { name: /.+/ }).count()).toBeGreaterThan(0);
		// Nothing of Amal stays on the phone: not her pages, not even offline, nor the offline store; the app itself
		// (its built files) stays.
		await expect.poll(async () => (await kept()).home).toBe(false);
		await expect.poll(async () => (await kept()).store).toBe(false);
		expect((await kept()).built).toBe(true);
	});

	it('bad input gets a clear 4xx, never a 500', async () => {
		const origin = server.origin;
		// A browser posting a form without JavaScript: the page comes back with the status of the failure.
		const form = { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
		const badLanguage = await fetch(`${origin}/language`, { method: 'POST', headers: form, body: 'lang=xx' });
		expect(badLanguage.status).toBe(400);
		// The same through the enhanced form (JSON): a failure with the reason per field.
		const badJson = await fetch(`${origin}/language`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: 'lang=xx'
		});
		const body = await badJson.json();
		expect(body).toMatchObject({ type: 'failure', status: 400 });
		expect(body.data).toContain('lang');

		const garbage = await fetch(`${origin}/pair`, {
			method: 'POST',
			headers: form,
			body: 'code=' + 'x'.repeat(5000)
		});
		expect(garbage.status).toBe(400);

		const crossSite = await fetch(`${origin}/pair`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'code=12345678'
		});
		expect(crossSite.status).toBe(403);

		// Not logged in: a browser asking for the page goes to the login page; anything else gets 401.
		const notAnId = await fetch(`${origin}/coach/participants/not-a-uuid`, {
			redirect: 'manual',
			headers: { accept: 'text/html' }
		});
		expect(notAnId.status).toBe(303);
		expect((await fetch(`${origin}/coach/participants/not-a-uuid`, { redirect: 'manual' })).status).toBe(401);

		const coachCookie = (await coach.cookies()).find((c) => c.name === 'opstap_coach')!;
		const asCoach = { cookie: `opstap_coach=${coachCookie.value}` };
		expect((await fetch(`${origin}/coach/participants/not-a-uuid`, { headers: asCoach })).status).toBe(404);
		const page = await fetch(`${origin}/coach/participants/00000000-0000-4000-8000-000000000000`, {
			headers: asCoach
		});
		expect(page.status).toBe(404);
		expect(await page.text()).not.toMatch(/at .*\.js:\d+/);

		const unknown = await fetch(`${origin}/does-not-exist`);
		expect(unknown.status).toBe(404);
	});

	it('sends the security headers and a CSP without unsafe-inline scripts, and nothing broke it', async () => {
		const response = await fetch(`${server.origin}/pair`);
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'nonce-/);
		expect(csp).not.toContain('unsafe-inline');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('permissions-policy')).toContain('geolocation=(self)');
		expect(response.headers.get('strict-transport-security')).toBeNull(); // plain http here
		expect(cspErrors).toEqual([]);
	});
});
