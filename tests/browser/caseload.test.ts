// The coach's working list and contact journal (issue 14), in Chromium at 1366×768 against the built server with the
// demo data: search, filters and sort (also without JavaScript), a journal note whose follow-up day becomes a
// "follow-up due" signal, closing a trajectory, a team lead's coach filter, and two participants with the same name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	axeViolations,
	coachLogin,
	launchChromium,
	NO_WORKER,
	noOverflow,
	PHONE,
	screenshot
} from '../helpers/browser';
import { freshPostgresUrl } from '../helpers/db';
import { amsterdamToday } from '../../src/lib/time/amsterdam';

const COACH_VIEW = { width: 1366, height: 768 };

describe('the caseload as a working list, and the contact journal', () => {
	let server: RunningServer;
	let browser: Browser;
	let coach: Page;
	let postgres: Awaited<ReturnType<typeof freshPostgresUrl>> | undefined;

	const names = () => coach.locator('tbody tr td:first-child a').allTextContents();

	beforeAll(async () => {
		// On PostgreSQL when a test server is there (the caseload's queries are written for it), else embedded.
		postgres = process.env.TEST_DATABASE_URL ? await freshPostgresUrl() : undefined;
		server = await startBuiltServer(postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: '1' } : {});
		browser = await launchChromium();
		coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.setViewportSize(COACH_VIEW);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
		await postgres?.drop();
	});

	it('shows status, contact, appointments, questionnaire, rung and signals, and searches, filters and sorts', async () => {
		await coach.goto(`${server.origin}/coach`);
		expect(await names()).toEqual(['Fatma', 'Henk', 'Hodan', 'Samira', 'Yonas']);
		for (const column of [
			'Status',
			'Laatste contact',
			'Volgende afspraak',
			'Vragenlijst',
			'Trede',
			'Signalen'
		])
			await coach.getByRole('columnheader', { name: column }).waitFor();
		// Henk missed an appointment (demo data): a call signal.
		expect(await coach.locator('tr:has-text("Henk") [data-signal="noShow"]').count()).toBe(1);
		expect(await axeViolations(coach)).toEqual([]);
		expect(await noOverflow(coach)).toBe(true);
		await screenshot(coach, 'coach-caseload-worklist');
		// Participants' words in Tigrinya or Arabic have their fonts on coach pages too (no boxes).
		const families = await coach.evaluate(() => [...document.fonts].map((f) => f.family));
		expect(families.some((f) => f.includes('Noto Sans Ethiopic'))).toBe(true);
		expect(families.some((f) => f.includes('Noto Sans Arabic'))).toBe(true);

		await coach.getByRole('searchbox', { name: 'Zoeken' }).fill('hen');
		await coach.getByRole('button', { name: 'Toon' }).click();
		await coach.waitForURL(/q=hen/);
		await expect.poll(names).toEqual(['Henk']);

		await coach.getByRole('link', { name: 'Alles wissen' }).click();
		await coach.getByLabel('Signaal').selectOption('noShow');
		await coach.getByRole('button', { name: 'Toon' }).click();
		await coach.waitForURL(/signal=noShow/);
		await expect.poll(names).toEqual(['Henk']);
		// The download takes the same filters: a CSV with the stable id and the name of each row shown.
		const href = await coach.locator('a[data-export="caseload"]').getAttribute('href');
		expect(href).toContain('signal=noShow');
		const csv = await coach.request.get(`${server.origin}${href}`);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const rows = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows[0]).toMatch(/^participant_id,naam,/);
		expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['Henk']);
		expect(rows[1]).toMatch(/^[0-9a-f-]{36},Henk,/);

		await coach.goto(`${server.origin}/coach?sort=nextAppointment`);
		expect(await coach.getByLabel('Sorteren op').inputValue()).toBe('nextAppointment');
		const sorted = await names();
		expect([...sorted].sort()).toEqual(['Fatma', 'Henk', 'Hodan', 'Samira', 'Yonas']);
	});

	it('filters without JavaScript (a GET form)', async () => {
		const context = await browser.newContext({ viewport: COACH_VIEW, javaScriptEnabled: false });
		await context.addCookies(await coach.context().cookies());
		const page = await context.newPage();
		await page.goto(`${server.origin}/coach`);
		await page.getByRole('searchbox', { name: 'Zoeken' }).fill('sam');
		await page.getByRole('button', { name: 'Toon' }).click();
		await page.waitForURL(/q=sam/);
		expect(await page.locator('tbody tr td:first-child a').allTextContents()).toEqual(['Samira']);
		await context.close();
	});

	it('what is typed and chosen before the page has woken up stays when it does', async () => {
		// A slow connection: the page is there, its scripts are not yet. Svelte's hydration used to set each field back
		// to the page's data, so a search typed in that moment was lost (src/lib/typed-early.ts).
		const page = await coach.context().newPage();
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${server.origin}/coach`, { waitUntil: 'commit' });
		const search = page.getByRole('searchbox', { name: 'Zoeken' });
		await search.fill('sam');
		const sort = page.locator('select[name=sort]');
		const chosen = await sort.locator('option:not(:checked)').first().getAttribute('value');
		await sort.selectOption(chosen!);
		expect(await page.evaluate(() => performance.getEntriesByName('opstap:interactive').length)).toBe(0);
		release();
		await page.waitForFunction(() => performance.getEntriesByName('opstap:interactive').length > 0);
		expect(await search.inputValue()).toBe('sam');
		expect(await sort.inputValue()).toBe(chosen);
		// And it is what the form sends.
		await page.getByRole('button', { name: 'Toon' }).click();
		await page.waitForURL(/q=sam/);
		expect(await page.locator('tbody tr td:first-child a').allTextContents()).toEqual(['Samira']);
		await page.close();
	});

	it('a journal note with a follow-up day today becomes a signal, and goes when followed up', async () => {
		const today = amsterdamToday();
		await coach.goto(`${server.origin}/coach`);
		await coach.getByRole('link', { name: 'Hodan', exact: true }).click();
		await coach.getByRole('heading', { name: 'Journaal' }).waitFor();
		await coach.getByText('Contact vastleggen').click();
		await coach.getByLabel('Soort contact').selectOption('homeVisit');
		await coach.getByLabel('Duur (minuten)').fill('45');
		await coach.getByLabel('Notitie').fill('Thuis gesproken over het taalcafé op donderdag.');
		await coach.getByLabel('Opvolgen op (optioneel)').fill(today);
		await coach.getByRole('button', { name: 'Notitie opslaan' }).click();
		const note = coach.locator('.timeline li[data-source="note"]').first();
		await expect.poll(() => note.textContent()).toContain('Thuis gesproken over het taalcafé');
		expect(await note.textContent()).toContain('Huisbezoek');
		expect(await note.textContent()).toContain('45 min');
		expect(await axeViolations(coach)).toEqual([]);
		expect(await noOverflow(coach)).toBe(true);
		await screenshot(coach, 'coach-journal');

		await coach.goto(`${server.origin}/coach?signal=followUpDue`);
		await expect.poll(names).toEqual(['Hodan']);
		await coach.locator('[data-signal="followUpDue"]').click();
		await coach.waitForURL(/#journal/);
		await coach.getByRole('button', { name: 'Opgevolgd' }).click();
		await coach.getByText(/^Opgevolgd \(gepland op/).waitFor();
		await coach.goto(`${server.origin}/coach?signal=followUpDue`);
		await expect.poll(names).toEqual([]);
	});

	it("Hodan's record prints for the case system: her journal, appointments and ladder, A4, without the header", async () => {
		await coach.goto(`${server.origin}/coach`);
		await coach.getByRole('link', { name: 'Hodan', exact: true }).click();
		await coach.getByRole('link', { name: /^Dossier/ }).click();
		await coach.waitForURL(/\/record$/);
		const id = coach.url().split('/').at(-2);
		expect(await coach.locator('[data-id]').textContent()).toBe(id);
		for (const heading of [
			'Participatieladder',
			'Doelen en stappen',
			'Afspraken en aanwezigheid',
			'Vragenlijsten',
			'Journaal'
		])
			await coach.getByRole('heading', { name: heading, exact: true }).waitFor();
		// The home visit written above, with its duration.
		const journal = await coach.locator('ol.journal').textContent();
		expect(journal).toContain('Huisbezoek');
		expect(journal).toContain('Thuis gesproken over het taalcafé op donderdag.');
		expect(journal).toContain('45 min');
		expect(await axeViolations(coach)).toEqual([]);
		expect(await noOverflow(coach)).toBe(true);
		await screenshot(coach, 'coach-record');
		await coach.emulateMedia({ media: 'print' });
		expect(await coach.locator('.workspace > header').isVisible()).toBe(false);
		await coach.emulateMedia({ media: 'screen' });
		const pdf = (await coach.pdf({ format: 'A4' })).toString('latin1');
		expect(pdf.match(/\/Type\s*\/Page[^s]/g)!.length).toBeGreaterThanOrEqual(1);
	});

	it('an empty note is refused with a clear message, not a 500', async () => {
		await coach.goto(`${server.origin}/coach`);
		await coach.getByRole('link', { name: 'Hodan', exact: true }).click();
		await coach.getByText('Contact vastleggen').click();
		await coach.getByRole('button', { name: 'Notitie opslaan' }).click();
		await expect.poll(() => coach.getByRole('alert').first().textContent()).toContain('Schrijf kort');
	});

	it('a closed trajectory leaves the default list, and is found under "Afgesloten"', async () => {
		await coach.goto(`${server.origin}/coach`);
		await coach.getByRole('link', { name: 'Yonas', exact: true }).click();
		// The status select moves between intake and active only: closing asks why, and about aftercare.
		const select = coach.getByLabel('Status in de caseload');
		await select.waitFor();
		expect(await select.locator('option').evaluateAll((o) => o.map((e) => e.getAttribute('value')))).toEqual([
			'intake',
			'active'
		]);
		const closure = coach.locator('section.closure');
		await closure.locator('summary', { hasText: 'Traject afsluiten' }).click();
		await closure.getByLabel('Reden').selectOption('Verhuisd naar een andere gemeente');
		await closure.getByLabel('Nazorg').selectOption('0');
		await closure.getByRole('button', { name: 'Traject afsluiten' }).click();
		await closure.locator('[data-closure-status="closed"]').waitFor();
		expect(await coach.locator('.case-status').textContent()).toContain('Afgesloten');
		await coach.goto(`${server.origin}/coach`);
		expect(await names()).not.toContain('Yonas');
		await coach.locator('select[name="status"]').selectOption('closed');
		await coach.getByRole('button', { name: 'Toon' }).click();
		await coach.waitForURL(/status=closed/);
		await expect.poll(names).toEqual(['Yonas']);
	});

	it('adding a second "Fatma" warns first; the detail tells them apart in the list', async () => {
		await coach.goto(`${server.origin}/coach/participants/new`);
		await coach.getByLabel('Naam (zoals de deelnemer genoemd wil worden)').fill('fatma');
		await coach.getByRole('button', { name: 'Toevoegen en koppelcode maken' }).click();
		await expect
			.poll(() => coach.getByRole('alert').first().textContent())
			.toContain('Er is al iemand met de naam fatma');
		expect(await axeViolations(coach)).toEqual([]);
		await coach.getByLabel(/Kenmerk om uit elkaar te houden/).fill('Noord');
		await coach.getByRole('button', { name: 'Toch toevoegen en koppelcode maken' }).click();
		await coach.getByTestId('pairing-code').waitFor();
		await coach.goto(`${server.origin}/coach?q=fatma`);
		await expect.poll(names).toHaveLength(2);
		const details = await coach.getByTestId('name-detail').allTextContents();
		expect(details).toHaveLength(2);
		expect(details).toContain('Noord');
	});

	it('a team lead filters the team by coach', async () => {
		const lead = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await lead.setViewportSize(COACH_VIEW);
		const options = await lead.getByLabel('Coach').locator('option').allTextContents();
		expect(options).toContain('Lotte de Vries');
		await lead.getByLabel('Coach').selectOption({ label: 'Lotte de Vries' });
		await lead.getByRole('button', { name: 'Toon' }).click();
		await lead.waitForURL(/coach=/);
		const rows = await lead.locator('tbody tr td:nth-child(4)').allTextContents();
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows)).toEqual(new Set(['Lotte de Vries']));
		expect(await axeViolations(lead)).toEqual([]);
		expect(await noOverflow(lead)).toBe(true);
		await lead.context().close();
	});

	it('pairing letters: one A4 each in the participant’s language and Dutch, with a code that pairs a phone', async () => {
		await coach.goto(`${server.origin}/coach/letters`);
		const row = (name: string) => coach.locator('tbody tr', { hasText: name }).first();
		// Nobody has a phone yet in the demo: all ticked. Letters for Yonas (Tigrinya) and Samira (Arabic) only.
		for (const box of await coach.locator('tbody input[type=checkbox]').all()) await box.uncheck();
		await row('Yonas').locator('input[type=checkbox]').check();
		await row('Samira').locator('input[type=checkbox]').check();
		expect(await axeViolations(coach)).toEqual([]);
		// Bad input: a clear message, what was chosen stays.
		await coach.getByLabel('Code geldig (dagen)').fill('90');
		await coach.evaluate(() => document.querySelector('input[name=days]')!.removeAttribute('max'));
		await coach.getByRole('button', { name: 'Brieven maken' }).click();
		await coach.getByRole('alert').waitFor();
		expect(await coach.getByRole('alert').textContent()).toContain('Hoogstens 60 dagen');
		await coach.getByLabel('Code geldig (dagen)').fill('30');
		await coach.getByRole('button', { name: 'Brieven maken' }).click();
		await coach.locator('article.letter').first().waitFor();
		const letters = coach.locator('article.letter');
		expect(await letters.count()).toBe(2);
		const yonas = letters.filter({ hasText: 'Yonas' });
		expect(await yonas.locator('section[lang=ti]').count()).toBe(1);
		expect(await yonas.locator('section[lang=nl]').textContent()).toContain('De code werkt tot');
		expect(await letters.filter({ hasText: 'Samira' }).locator('section[lang=ar][dir=rtl]').count()).toBe(1);
		expect(await yonas.locator('.qr svg').count()).toBe(1);
		const code = (await yonas.locator('.code').textContent())!.replace(/\s/g, '');
		expect(code).toMatch(/^\d{8}$/);
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-pairing-letters');
		// Printed: one A4 page per letter, the workspace's header and buttons left off.
		await coach.emulateMedia({ media: 'print' });
		expect(await coach.locator('.workspace > header').isVisible()).toBe(false);
		const pdf = (await coach.pdf({ format: 'A4', printBackground: true })).toString('latin1');
		await coach.setViewportSize({ width: 680, height: 1000 });
		await screenshot(coach, 'coach-pairing-letters-print');
		await coach.setViewportSize(COACH_VIEW);
		expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
		await coach.emulateMedia({ media: 'screen' });

		// The code on Yonas's letter pairs his phone; the list then says so.
		const phone = await (await browser.newContext({ ...PHONE, ...NO_WORKER })).newPage();
		await phone.goto(`${server.origin}/pair?code=${code}`);
		await phone.locator('form button[type=submit]').click();
		await phone.waitForURL(/\/consent/);
		await phone.context().close();
		await coach.goto(`${server.origin}/coach/letters`);
		expect(await row('Yonas').getAttribute('data-paired')).toBe('true');
		expect(await row('Yonas').locator('input[type=checkbox]').isChecked()).toBe(false);
		expect(await row('Samira').textContent()).toContain('geldig tot');
	});
});
