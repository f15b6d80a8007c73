import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	deliverPush,
	launchChromium,
	pairPhone,
	PHONE,
	screenshot,
	shownNotifications,
	subscribeToTestPush,
	waitForServiceWorker,
	waitUntilCached,
	outboxOf,
	noOverflow,
	allSent,
	syncLine
} from '../helpers/browser';

const ar = JSON.parse(readFileSync('locales/ar/checkins.json', 'utf8'));
const LANGUAGES = [
	['nl', 'Nederlands'],
	['ar', 'العربية'],
	['ti', 'ትግርኛ']
] as const;

describe('check-ins: a team plan, a push, an answer given offline, the signal on the caseload', () => {
	let server: RunningServer;
	let push: PushEndpoint;
	let browser: Browser;
	let phone: Page;
	let lead: Page;
	let coach: Page;
	let checkinId = '';

	beforeAll(async () => {
		push = await startPushEndpoint();
		server = await startBuiltServer({
			NODE_EXTRA_CA_CERTS: push.caFile,
			PUSH_SERVICE_HOSTS: push.host,
			PUSH_POLL_MS: '300'
		});
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
		await push?.close();
	});

	it('the team lead plans "the whole team, monthly": Fatma, the only one with a phone, gets the push in Arabic', async () => {
		// Fatma's phone, paired, with push on (the local test push service), in Arabic.
		phone = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
		await chooseLanguage(phone, server.origin, 'ar', 'العربية', '/');
		await waitForServiceWorker(phone);
		await subscribeToTestPush(phone, server.origin, push.subscribe());
		lead = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await lead.setViewportSize({ width: 1366, height: 768 });
		await lead.getByRole('link', { name: 'Hoe gaat het?' }).click();
		await lead.waitForURL(/\/coach\/checkins$/);
		expect(await axeViolations(lead)).toEqual([]);
		await lead.getByLabel('Voor wie').selectOption('team');
		await lead.getByLabel('Hoe vaak').selectOption('30');
		// The form proposes 09:00 today; at night that is still to come. Midnight has always passed: "now".
		await lead.locator('input[name="time"]').fill('00:00');
		await lead.getByRole('button', { name: 'Plannen' }).click();
		await lead.waitForURL(/planned=1/);
		expect(await lead.locator('[data-plan]').count()).toBe(1);
		expect(await lead.locator('[data-plan]').textContent()).toContain('het hele team');
		expect(await lead.locator('[data-plan]').textContent()).toContain('elke maand');
		expect(await noOverflow(lead)).toBe(true);
		expect(await axeViolations(lead)).toEqual([]);
		await screenshot(lead, 'coach-checkin-plans');

		await expect.poll(() => push.received.length, { timeout: 20_000 }).toBe(1);
		expect(push.refused).toEqual([]);
		const payload = push.received[0]!.payload as { title: string; url: string; lang: string; dir: string };
		expect(payload).toMatchObject({ title: ar.push.title, lang: 'ar', dir: 'rtl' });
		expect(payload.url).toMatch(/^\/checkin\/[0-9a-f-]{36}$/);
		checkinId = payload.url.split('/').pop()!;
		await deliverPush(phone, server.origin, payload);
		await expect.poll(() => shownNotifications(phone), { timeout: 10_000 }).toHaveLength(1);
		expect((await shownNotifications(phone))[0]).toMatchObject({
			title: ar.push.title,
			tag: `checkin-${checkinId}`
		});
	});

	it('the home card and both steps read well in Dutch, Arabic and Tigrinya, spoken, without overflow', async () => {
		for (const [lang, name] of LANGUAGES) {
			await chooseLanguage(phone, server.origin, lang, name, '/');
			const card = phone.locator(`[data-checkin="${checkinId}"]`);
			await card.waitFor();
			expect(await card.locator('.say button, button').count()).toBeGreaterThan(0);
			expect(await noOverflow(phone)).toBe(true);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-home-checkin`);

			await phone.goto(`${server.origin}/checkin/${checkinId}`);
			expect(await phone.locator('button[data-face]').count()).toBe(5);
			// Every face is named and has its own speaker.
			expect(await phone.locator('.face button.speak').count()).toBe(5);
			expect(await noOverflow(phone)).toBe(true);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-checkin-faces`);

			await phone.goto(`${server.origin}/checkin/${checkinId}?step=more&face=3`);
			expect(await phone.locator('input[name="changes"]').count()).toBe(6);
			expect(await noOverflow(phone)).toBe(true);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-checkin-more`);
		}
		if (LANGUAGES.at(-1)![0] === 'ti')
			expect(await phone.locator('legend').textContent()).toMatch(/[\u1200-\u137f]/);
	});

	it('Fatma answers with the network off; kept on the phone, it reaches the coach once, as a signal at the top', async () => {
		await chooseLanguage(phone, server.origin, 'ar', 'العربية', '/');
		await phone.goto(`${server.origin}/checkin/${checkinId}`);
		await waitUntilCached(phone, `/checkin/${checkinId}`);
		await phone.context().setOffline(true);

		await phone.locator('button[data-face="2"]').click();
		await phone.waitForURL(/step=more&face=2/);
		await phone.locator('label[for="change-money"]').click();
		await phone.locator('label[for="change-loneliness"]').click();
		await phone.locator('label[for="wants-contact"]').click();
		await phone.getByRole('button', { name: ar.more.send }).click();
		await phone.waitForURL(/step=thanks&contact=1/);
		await expect.poll(() => phone.locator('.thanks').textContent()).toContain(ar.thanksContact);
		await expect.poll(() => syncLine(phone)).toBe('offline');
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'ar-checkin-offline-thanks');
		const waiting = await outboxOf(phone);
		expect(waiting.map((e) => e.kind)).toEqual(['checkin', 'checkin']);

		// The coach has nothing yet.
		coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.setViewportSize({ width: 1366, height: 768 });
		expect(await coach.locator('.checkin-signals').count()).toBe(0);

		await phone.context().setOffline(false);
		await allSent(phone);
		expect(await outboxOf(phone)).toEqual([]);

		// Once: the same entries again (a reply that was lost) are "already", nothing new is stored.
		const again = await phone.request.post(`${server.origin}/api/sync`, {
			data: { entries: waiting.map(({ seq: _seq, ...entry }) => entry) },
			headers: { origin: server.origin }
		});
		expect(again.status()).toBe(200);
		expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
			'already',
			'already'
		]);

		await coach.reload();
		const signal = coach.locator('.checkin-signals li:has-text("Fatma")');
		await expect.poll(() => signal.count()).toBe(1);
		expect(await signal.textContent()).toContain('Wil contact');
		expect(await signal.textContent()).toContain('Slecht');
		// At the top: before the caseload's table.
		expect(
			await coach.evaluate(() => {
				const signals = document.querySelector('.checkin-signals')!;
				const table = document.querySelector('table')!;
				return !!(signals.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
			})
		).toBe(true);
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-caseload-checkin-signal');

		// The answers and the chart; looking at them clears the signal.
		await signal.locator('a').click();
		await coach.waitForURL(/\/checkins$/);
		const row = coach.locator(`tr[data-checkin="${checkinId}"]`);
		expect(await row.textContent()).toContain('Slecht');
		expect(await row.textContent()).toContain('geld, alleen zijn');
		expect(await row.textContent()).toContain('Wil contact');
		expect(await coach.locator('tr[data-checkin]').count()).toBe(1);
		expect(await coach.locator('svg.face-chart circle').count()).toBeGreaterThanOrEqual(1);
		expect(await coach.locator('svg.face-chart').getAttribute('aria-label')).toContain('Slecht');
		expect(await noOverflow(coach)).toBe(true);
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-participant-checkins');
		await coach.goto(`${server.origin}/coach`);
		expect(await coach.locator('.checkin-signals li:has-text("Fatma")').count()).toBe(0);

		// The phone's home has no card any more.
		await phone.goto(`${server.origin}/`);
		expect(await phone.locator('[data-checkin]').count()).toBe(0);
	});

	it('without JavaScript: a face is a plain form post, stored once however often it is sent', async () => {
		// Lotte asks Fatma once more, from Fatma's page.
		await coach.goto(`${server.origin}/coach`);
		await coach.getByRole('link', { name: 'Fatma' }).click();
		await coach.getByRole('link', { name: 'Alle antwoorden en check-ins plannen' }).click();
		await coach.getByLabel('Hoe vaak').selectOption('0');
		await coach.locator('input[name="time"]').fill('00:00');
		await coach.getByRole('button', { name: 'Plannen' }).click();
		await coach.waitForURL(/planned=1/);
		await expect.poll(() => push.received.length, { timeout: 20_000 }).toBe(2);
		const second = (push.received[1]!.payload as { url: string }).url;
		const form = { clientId: crypto.randomUUID(), step: 'face', face: '4' };
		for (let i = 0; i < 2; i++) {
			const response = await phone.request.post(`${server.origin}${second}?/answer`, {
				form,
				headers: { origin: server.origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
			expect(response.headers().location).toContain('step=more&face=4');
		}
		const bad = await phone.request.post(`${server.origin}${second}?/answer`, {
			form: { ...form, clientId: crypto.randomUUID(), face: '9' },
			headers: { origin: server.origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(bad.status()).toBe(400);
		await coach.reload();
		expect(await coach.locator('tr[data-checkin]').count()).toBe(2);
		expect(await coach.locator('tr[data-checkin]').first().textContent()).toContain('Goed');
	});

	it("the team lead's indicators: no count under 5 on the page or in the CSV, axe clean at 1366×768", async () => {
		await lead.goto(`${server.origin}/coach`);
		await lead.getByRole('link', { name: 'Indicatoren' }).click();
		await lead.waitForURL(/\/coach\/indicators$/);
		expect(await lead.locator('section[data-indicator] svg.rate-chart').count()).toBe(7);
		// When they were counted (a count is kept 10 minutes: server/indicators/kept.ts).
		await expect.poll(() => lead.locator('p.counted').textContent()).toMatch(/Geteld om \d\d:\d\d/);
		// Closures per reason: the municipality's reasons as columns.
		await lead
			.locator('section[data-indicator="closures"] th', { hasText: 'Betaald werk gevonden' })
			.first()
			.waitFor();
		const cells = await lead.locator('section[data-indicator] td').allTextContents();
		for (const cell of cells)
			expect(cell === '<5' || cell.endsWith('%') || Number(cell) >= 5, cell).toBe(true);
		expect(await noOverflow(lead)).toBe(true);
		expect(await axeViolations(lead)).toEqual([]);
		await screenshot(lead, 'coach-indicators');
		const csv = await lead.request.get(`${server.origin}/coach/indicators/export.csv`);
		expect(csv.status()).toBe(200);
		for (const line of (await csv.text()).trim().split('\r\n').slice(1)) {
			const value = line.split(',').at(-1)!;
			expect(value === '<5' || Number(value) >= 5, line).toBe(true);
		}
		// A coach has no indicators.
		expect((await coach.request.get(`${server.origin}/coach/indicators/export.csv`)).status()).toBe(403);
	});
});
