// Consent per purpose on a real built server (issue 16): asked after pairing, one purpose per screen; "talk to my
// coach first" holds the questionnaires back until the coach records the talk; a "no" to the team lead hides the
// participant from the team lead; changed and withdrawn in settings, in Arabic and Tigrinya; axe-clean at 390×844.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE,
	screenshot
} from '../helpers/browser';

async function fits(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	expect(await axeViolations(page)).toEqual([]);
}

describe('consent per purpose: given, withdrawn and enforced', () => {
	let server: RunningServer;
	let browser: Browser;
	let phone: Page;
	let fatmaId = '';

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('asks each purpose on its own screen right after pairing, before anything else', async () => {
		phone = await pairPhone(
			await browser.newContext({ ...PHONE, ...NO_WORKER }),
			server.origin,
			server.printedCode(),
			{
				consent: false
			}
		);
		await phone.locator('section.consent[data-step=coaching]').waitFor();
		// Fatma reads Turkish (the demo): in Turkish first, then in Dutch.
		expect(await phone.getByRole('heading', { level: 1 }).textContent()).toContain('Koçundan yardım');
		await chooseLanguage(phone, server.origin, 'nl', 'Nederlands', '/consent');
		expect(await phone.getByRole('heading', { level: 1 }).textContent()).toContain('Hulp van je coach');
		expect(await phone.locator('text=Vraag 1 van 3').count()).toBe(1);
		// What it means in short points, each with its picture and its own speaker, not a wall of text (issue 12 §4).
		const points = phone.locator('section.consent ul.points li');
		expect(await points.count()).toBe(4);
		for (const point of await points.all()) {
			expect(await point.locator(':scope > .pictogram').count()).toBe(1);
			expect(await point.locator('button.speak').count()).toBe(1);
		}
		expect(await points.first().textContent()).toContain('ziet je coach');
		await fits(phone);
		await screenshot(phone, 'nl-consent-coaching');
		// Home is not reachable before every purpose is answered.
		await phone.goto(`${server.origin}/`);
		await phone.waitForURL(/\/consent\?step=coaching/);

		await phone.locator('button[data-choice=talkFirst]').click();
		await phone.locator('section.consent[data-step=team]').waitFor();
		// True to what the team lead really sees.
		expect(await phone.locator('section.consent').textContent()).toContain(
			'je verstuurde antwoorden, je berichten en je afspraken'
		);
		await fits(phone);
		await screenshot(phone, 'nl-consent-team');
		await phone.locator('button[data-choice=withdrawn]').click();
		await phone.locator('section.consent[data-step=research]').waitFor();
		await fits(phone);
		await phone.locator('button[data-choice=withdrawn]').click();
		await phone.waitForURL(/\/\?paired=1$/);
	});

	it('"talk to my coach first": the questions wait, and the coach sees it on the caseload', async () => {
		await phone.goto(`${server.origin}/questions`);
		await phone.locator('.waiting').waitFor();
		expect(await phone.locator('.cards a').count()).toBe(0);
		await fits(phone);
		await screenshot(phone, 'nl-questions-waiting');

		const lotte = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		const row = lotte.locator('tr', { hasText: 'Fatma' });
		expect(await row.locator('[data-signal="talkFirst"]').textContent()).toContain('Wil eerst met u praten');
		await row.getByRole('link', { name: 'Fatma' }).click();
		await lotte.waitForURL(/\/coach\/participants\//);
		fatmaId = lotte.url().split('/').pop()!;
		expect(await lotte.locator('dd[data-purpose=team]').textContent()).toBe('Nee');
		await lotte.getByRole('button', { name: /We hebben gepraat/ }).click();
		await expect
			.poll(() => lotte.locator('dd[data-purpose=coaching]').textContent(), { timeout: 20_000 })
			.toBe('U hebt gepraat');
		await lotte.goto(`${server.origin}/coach`);
		expect(await lotte.locator('tr', { hasText: 'Fatma' }).locator('[data-signal="talkFirst"]').count()).toBe(
			0
		);
		expect(await axeViolations(lotte)).toEqual([]);
		await lotte.context().close();

		// The questions open; the research module stays away (no to research), the old consent module is gone.
		await phone.reload();
		await expect.poll(() => phone.locator('.cards a').count(), { timeout: 20_000 }).toBeGreaterThan(3);
		expect(await phone.locator('.cards a[href$="/trust"]').count()).toBe(0);
		expect(await phone.locator('.cards a[href$="/welcome"]').count()).toBe(0);
	});

	it('"no" to the team lead: the team lead does not see Fatma', async () => {
		const karim = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		expect(await karim.locator('tr', { hasText: 'Fatma' }).count()).toBe(0);
		const page = await karim.goto(`${server.origin}/coach/participants/${fatmaId}`);
		expect(page?.status()).toBe(404);
		await karim.context().close();
	});

	it('changes and withdraws consent in settings, in Arabic; the history keeps every decision', async () => {
		await chooseLanguage(phone, server.origin, 'ar', 'العربية', '/settings');
		await phone.locator('a[href="/settings/privacy"]').click();
		await phone.waitForURL(/\/settings\/privacy$/);
		expect(await phone.locator('li[data-purpose=research]').getAttribute('data-decision')).toBe('withdrawn');
		// "Lotte looked at your answers": from the audit log, in plain words.
		expect(await phone.locator('.seen li[data-seen=file]').first().textContent()).toContain('Lotte de Vries');
		await fits(phone);
		await screenshot(phone, 'ar-consent-settings');

		await phone.locator('li[data-purpose=research] a').click();
		await phone.locator('section.consent[data-step=research]').waitFor();
		expect(await phone.getAttribute('html', 'dir')).toBe('rtl');
		await fits(phone);
		await screenshot(phone, 'ar-consent-research');
		await phone.locator('button[data-choice=given]').click();
		await phone.waitForURL(/\/settings\/privacy\?saved=research/);
		expect(await phone.locator('li[data-purpose=research]').getAttribute('data-decision')).toBe('given');
		expect(await phone.locator('section[aria-labelledby=history] li').count()).toBe(5);

		// With research consent the research questions are there; withdrawn, they are gone again.
		await phone.goto(`${server.origin}/questions`);
		await expect.poll(() => phone.locator('.cards a[href$="/trust"]').count(), { timeout: 20_000 }).toBe(1);
		await phone.goto(`${server.origin}/consent?step=research&from=settings`);
		await phone.locator('button[data-choice=withdrawn]').click();
		await phone.waitForURL(/\/settings\/privacy\?saved=research/);
		await phone.goto(`${server.origin}/questions`);
		await expect.poll(() => phone.locator('.cards a[href$="/trust"]').count(), { timeout: 20_000 }).toBe(0);
	});

	it('reads the same in Tigrinya', async () => {
		await chooseLanguage(phone, server.origin, 'ti', 'ትግርኛ', '/settings/privacy');
		expect(await phone.getByRole('heading', { level: 1 }).textContent()).toContain('ፍቓደይ');
		await fits(phone);
		await screenshot(phone, 'ti-consent-settings');
		await phone.goto(`${server.origin}/consent?step=team&from=settings`);
		await fits(phone);
		await screenshot(phone, 'ti-consent-team');
	});

	it('"my data": what Opstap holds, in pictures with counts, and all of it as a zip readable in Tigrinya', async () => {
		await phone.goto(`${server.origin}/settings/privacy`);
		await phone.locator('a[href="/settings/my-data"]').click();
		await phone.waitForURL(/\/settings\/my-data$/);
		const consent = Number(await phone.locator('li[data-kind=consent]').getAttribute('data-count'));
		expect(consent).toBeGreaterThanOrEqual(5);
		// Every line has its picture and its speaker.
		expect(await phone.locator('.kinds li > .pictogram').count()).toBe(9);
		expect(await phone.locator('.kinds li button.speak').count()).toBe(9);
		await fits(phone);
		await screenshot(phone, 'ti-my-data');

		const [download] = await Promise.all([
			phone.waitForEvent('download'),
			phone.locator('a[href="/settings/my-data/download"]').click()
		]);
		expect(download.suggestedFilename()).toMatch(/^opstap-mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
		const zip = unzipSync(readFileSync((await download.path())!));
		const data = JSON.parse(strFromU8(zip['data.json']!));
		expect(data.person.name).toContain('Fatma');
		expect(data.consent).toHaveLength(consent);
		const page = strFromU8(zip['mijn-gegevens.html']!);
		expect(page).toContain('<html lang="ti" dir="ltr">');
		expect(page).toMatch(/[\u1200-\u137F]/);
		// Opened from the phone's files, the page reads well at phone size too.
		const reader = await phone.context().newPage();
		await reader.setContent(page);
		expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		await reader.screenshot({ path: 'test-results/screens/ti-my-data-page.png', fullPage: true });
		await reader.close();
	});

	it('the privacy officer sees who looked at Fatma’s data and that she took it, filters and downloads it', async () => {
		const ineke = await coachLogin(browser, server.origin, 'fg@demo.opstap.nl');
		await ineke.setViewportSize({ width: 1366, height: 768 });
		await ineke.waitForURL(/\/coach\/audit$/);
		await ineke.getByLabel('Deelnemer (naam of nummer)').fill('Fatma');
		await ineke.getByRole('button', { name: 'Toon' }).click();
		await ineke.waitForURL(/participant=Fatma/);
		const rows = ineke.locator('tbody tr');
		const lines = await rows.allTextContents();
		expect(
			lines.some((l) => l.includes('Lotte de Vries') && l.includes('bekeek de gegevens van een deelnemer'))
		).toBe(true);
		expect(
			lines.some((l) => l.includes('Fatma (deelnemer)') && l.includes('downloadde de eigen gegevens'))
		).toBe(true);
		expect(lines.every((l) => l.includes('Fatma'))).toBe(true);
		expect(await axeViolations(ineke)).toEqual([]);
		expect(await ineke.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		await screenshot(ineke, 'coach-audit');
		const csv = await ineke.request.get(
			`${server.origin}${await ineke.getByRole('link', { name: 'Downloaden (CSV)' }).getAttribute('href')}`
		);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = await csv.text();
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(lines.length + 1);
		expect(text).toContain('Lotte de Vries');
		// Looking was written down too; a coach may not look at all.
		await ineke.goto(`${server.origin}/coach/audit?action=audit.exported`);
		expect(await rows.count()).toBe(1);
		await ineke.context().close();
		const lotte = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		expect((await lotte.goto(`${server.origin}/coach/audit`))?.status()).toBe(403);
		await lotte.context().close();
	});
});
