import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { answerConsent } from './consent';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The participant's phone. A walk that tests no offline use, push or caching adds NO_WORKER (see PAGE_WALK). */
export const PHONE = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

/**
 * For walks over many pages that test what a page shows, not what works offline: without the service worker (which
 * on every new phone fetches and caches the whole app, and sees every request) Chromium does a third less per page.
 */
export const NO_WORKER = { serviceWorkers: 'block' as const };

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
			// A fake microphone (a beep) for "say it instead", without asking for permission.
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream'
		]
	});
}

export interface AxeViolation {
	id: string;
	impact: string;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP still holds) for WCAG 2.1 A and AA. */
/**
 * The languages the "every language" walks run axe in: one of each script and direction (Latin, Arabic right to left,
 * Ethiopic). A page's structure, names, roles and colours are the same in every language; what differs per language
 * (the length of the words, a missing text, the direction, the lang attribute) the walks check in every language
 * without axe. Axe on every page in all nine languages took a third of the suite's time on 2 cores.
 */
export const AXE_LANGUAGES: readonly string[] = ['nl', 'ar', 'ti'];

/**
 * A page as a person sees it once it has loaded: its fonts in (widths depend on them). Quicker than "network idle"
 * (half a second of quiet after every page), which the every-language walks waited for on 150 pages.
 */
export async function settled(page: Page) {
	await page.waitForLoadState('load');
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export async function axeViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
		return result.violations;
	});
	return violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** True when nothing sticks out sideways: the page is no wider than the screen. */
export function noOverflow(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Gives some answer on whatever question is on screen (the first card, face or number) and goes to the next. */
export async function answerScreen(page: Page) {
	const form = page.locator('form[action="?/answer"]');
	const radios = form.locator('input[type=radio]');
	const boxes = form.locator('input[type=checkbox]');
	if (await radios.count())
		await form.locator(`label[for="${await radios.first().getAttribute('id')}"]`).click();
	else if (await boxes.count())
		await form.locator(`label[for="${await boxes.first().getAttribute('id')}"]`).click();
	else if (await form.locator('input[inputmode=numeric]').count())
		await form.locator('input[inputmode=numeric]').fill('2');
	else if (await form.locator('input[type=date]').count())
		await form.locator('input[type=date]').fill('2020-01-01');
	else if (await form.locator('textarea').count()) await form.locator('textarea').fill('Koken met de buren');
	const before = page.url();
	await form.locator('button[type=submit]:not([name])').click();
	await page.waitForURL((url) => url.toString() !== before);
}

export async function screenshot(page: Page, name: string) {
	mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/**
 * Pairs a new phone (this context) with a code, as a participant would with the link from the QR code, and says yes
 * on each consent screen that follows (issue 16), ending on the home screen; `{ consent: false }` stops on the first
 * consent screen instead.
 */
export async function pairPhone(
	context: BrowserContext,
	origin: string,
	code: string,
	options: { consent?: boolean } = {}
): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${origin}/pair?code=${code.replace(' ', '')}`);
	await page.locator('form button[type=submit]').click();
	await page.waitForURL(/\/consent/);
	if (options.consent !== false)
		await answerConsent(page, { coaching: 'given', team: 'given', research: 'given' });
	return page;
}

/** Answering the consent screens lives in consent.ts (no vitest there), shared with the benches. */
export { answerConsent };

/** Picks a language on the language screen (by its name in its own script) and waits for the page in it. */
export async function chooseLanguage(page: Page, origin: string, lang: string, name: string, returnTo = '/') {
	await page.goto(`${origin}/language?returnTo=${encodeURIComponent(returnTo)}`);
	// The chosen language's button also says "chosen" (its tick): match the name at the start.
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	await page.getByRole('button', { name: new RegExp(`^${escaped}(\\s|$)`) }).click();
	// While the chosen language's page loads there is a moment without a document element: wait through it.
	await page.waitForFunction((l) => document.documentElement?.lang === l, lang);
	await page.waitForURL((url) => url.pathname === returnTo.split('?')[0]);
}

/** Logs in to the coach workspace in a fresh desktop-sized page. */
export async function coachLogin(browser: Browser, origin: string, email: string): Promise<Page> {
	// The workspace works without the service worker (it is the participant's offline app): a coach's browser in the
	// tests runs without it, which halves what Chromium does per page.
	const page = await (
		await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: 'block' })
	).newPage();
	await page.goto(`${origin}/coach/login`);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill('opstap-demo-2026');
	// Wait for the server's answer to the form, so a refused login fails here with what the server said instead of a
	// timeout on the address. Whether the post left the browser at all is tracked too: a click that never became a
	// post (seen rarely on a loaded machine) is sent once more, a post the server never answers fails as such.
	const isLogin = (r: { method(): string; url(): string }) =>
		r.method() === 'POST' && new URL(r.url()).pathname === '/coach/login';
	let posted = false;
	page.on('request', (r) => {
		if (isLogin(r)) posted = true;
	});
	const answered = (timeout: number) => page.waitForResponse((r) => isLogin(r.request()), { timeout });
	let waiting = answered(15_000);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	let answer = await waiting.catch(() => null);
	if (!answer && !posted) {
		console.warn(`coachLogin(${email}): the click sent no form; submitting it again`);
		waiting = answered(30_000);
		await page.locator('form').evaluate((form: HTMLFormElement) => form.requestSubmit());
		answer = await waiting.catch(() => null);
	}
	if (!answer)
		throw new Error(`login as ${email}: ${posted ? 'the server did not answer' : 'no form was sent'}`);
	if (answer.status() >= 400) throw new Error(`login as ${email}: ${answer.status()} ${await answer.text()}`);
	const body = answer.status() === 200 ? await answer.text().catch(() => '') : '';
	if (body.includes('"type":"failure"')) throw new Error(`login as ${email} refused: ${body.slice(0, 300)}`);
	await page.waitForURL((url) => !url.pathname.endsWith('/login'));
	// A click on a login button that was not yet hydrated posts the plain form, and the workspace then opens as a new
	// document: text typed into it before Svelte hydrates can be set back to the page's value (seen on a loaded machine,
	// an audit filter sent empty). Wait for the root layout to mount, as a person waits for the page to settle.
	await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
	return page;
}

/** Waits until the service worker controls the page, then loads it once more so the worker has seen it. */
export async function waitForServiceWorker(page: Page) {
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 })
		.toBe(true);
	await page.reload();
}

/** Waits until some cache of the service worker holds an address containing `fragment`. */
export async function waitUntilCached(page: Page, fragment: string) {
	await expect
		.poll(
			() =>
				page.evaluate(async (part) => {
					for (const name of await caches.keys()) {
						const keys = await (await caches.open(name)).keys();
						if (keys.some((r) => r.url.includes(part))) return true;
					}
					return false;
				}, fragment),
			{ timeout: 15_000 }
		)
		.toBe(true);
}

/**
 * Hands a push to the page's service worker the way a push service would (DevTools' ServiceWorker.deliverPushMessage:
 * headless Chromium has no push service), with permission to show notifications.
 */
export async function deliverPush(page: Page, origin: string, payload: unknown) {
	const context = page.context();
	await context.grantPermissions(['notifications'], { origin });
	// The push goes to a worker that is activated (a phone's push service only holds subscriptions of one).
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const mine = registrations.find(
				(r: { scopeURL: string; isDeleted?: boolean }) => r.scopeURL.startsWith(origin) && !r.isDeleted
			);
			if (mine) resolve(mine.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	const id = await registrationId;
	const deliver = () =>
		cdp.send('ServiceWorker.deliverPushMessage', {
			origin,
			registrationId: id,
			data: JSON.stringify(payload)
		});
	await deliver();
	// A push service delivers again when the worker did not take it (Chromium drops a push that arrives while
	// the permission just granted is still reaching the worker); one more try, then the caller's check decides.
	const shown = async () => (await shownNotifications(page)).length > 0;
	for (let waited = 0; waited < 5_000 && !(await shown()); waited += 250) {
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	if (!(await shown())) await deliver();
	await cdp.detach();
}

/** The notifications the page's service worker is showing. */
export function shownNotifications(page: Page) {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return (await registration.getNotifications()).map((n) => ({
			title: n.title,
			body: n.body,
			lang: n.lang,
			dir: n.dir,
			tag: n.tag,
			data: n.data as unknown
		}));
	});
}

/** Points this phone's push subscription at a test push service (through the app's own API). */
export async function subscribeToTestPush(
	page: Page,
	origin: string,
	subscription: { endpoint: string; keys: object }
) {
	const response = await page.request.post(`${origin}/api/push/subscription`, {
		data: subscription,
		headers: { origin }
	});
	expect(response.status()).toBe(201);
}

/** The entries in one store of the phone's offline store (Dexie's "opstap" database), read without the app's code. */
function storeOf<T>(page: Page, store: 'outbox' | 'rejected') {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('opstap');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction(name).objectStore(name).getAll();
					all.onsuccess = () => resolve(all.result as T[]);
					all.onerror = () => reject(all.error);
				};
			}),
		store
	);
}

/** The entries waiting in the phone's outbox. */
export function outboxOf(page: Page) {
	return storeOf<{ kind: string; seq?: number; clientId?: string; data?: Record<string, unknown> }>(
		page,
		'outbox'
	);
}

/** The entries the server refused for good, kind and reason: they leave the outbox too, so "all sent" holds. */
export async function refusedOf(page: Page) {
	const refused = await storeOf<{ entry: { kind: string }; reason: string }>(page, 'rejected');
	return refused.map((r) => `${r.entry.kind}: ${r.reason}`);
}

/** What the phone's sync line says: 'unknown' (not counted yet), 'waiting', 'offline' or 'sent'. */
export function syncLine(page: Page) {
	return page.locator('[data-sync]').getAttribute('data-sync');
}

/**
 * Waits until the phone's sync line says "all sent": the line says "waiting" from the moment something is queued,
 * so this means the server has it.
 */
export async function allSent(page: Page, timeout = 20_000) {
	await expect.poll(() => syncLine(page), { timeout }).toBe('sent');
}
