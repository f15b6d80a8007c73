// The admin's people (issue 14 §4), in Chromium at 1366×768 against the built server with the demo data: Mirjam adds
// a coach and passes on the one-time link; the new coach chooses a password through it and is logged in; switching
// the account off ends that session at once; a new password link works once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { axeViolations, coachLogin, launchChromium, NO_WORKER, screenshot } from '../helpers/browser';

const VIEW = { width: 1366, height: 768 };
const PASSWORD = 'een lang genoeg wachtwoord';

describe('staff: an admin adds a colleague, who sets a password through a one-time link', () => {
	let server: RunningServer;
	let browser: Browser;
	let admin: Page;
	let link = '';

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		admin = await coachLogin(browser, server.origin, 'beheer@demo.opstap.nl');
		await admin.setViewportSize(VIEW);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	/** A fresh browser, as the colleague on their own computer. */
	const colleague = async () => (await browser.newContext({ viewport: VIEW, ...NO_WORKER })).newPage();

	it('Mirjam adds Noor as a coach; bad input and a taken e-mail get a Dutch reason', async () => {
		await admin.getByRole('link', { name: 'Medewerkers' }).click();
		await admin.waitForURL(/\/coach\/staff$/);
		expect(await admin.locator('tr[data-person="lotte@demo.opstap.nl"]').count()).toBe(1);
		await admin.getByLabel('Naam').fill('Lotte');
		await admin.getByLabel('E-mailadres').fill('LOTTE@demo.opstap.nl');
		await admin.getByRole('button', { name: 'Toevoegen en link maken' }).click();
		await expect.poll(() => admin.getByRole('alert').textContent()).toContain('Er is al een account met');

		await admin.getByLabel('Naam').fill('Noor Bakker');
		await admin.getByLabel('E-mailadres').fill('noor@gemeente.nl');
		await admin.locator('form[action="?/add"] select[name="role"]').selectOption('coach');
		await admin.getByRole('button', { name: 'Toevoegen en link maken' }).click();
		await admin.locator('[data-link]').waitFor();
		link = await admin.getByLabel('Eenmalige link').inputValue();
		expect(link).toMatch(new RegExp(`^${server.origin}/coach/password/[A-Za-z0-9_-]{43}$`));
		await admin.locator('tr[data-person="noor@gemeente.nl"]').waitFor();
		expect(await admin.locator('tr[data-person="noor@gemeente.nl"]').textContent()).toContain('Uitgenodigd');
		expect(await axeViolations(admin)).toEqual([]);
		await screenshot(admin, 'coach-staff');
	});

	it('Noor chooses a password through the link and is logged in; the link works once', async () => {
		const noor = await colleague();
		await noor.goto(link);
		await noor.getByRole('heading', { name: 'Welkom, Noor Bakker' }).waitFor();
		await noor.getByLabel(/^Nieuw wachtwoord/).fill(PASSWORD);
		await noor.getByLabel('Nog een keer').fill(`${PASSWORD}?`);
		await noor.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
		await expect.poll(() => noor.getByRole('alert').textContent()).toContain('niet gelijk');
		expect(await axeViolations(noor)).toEqual([]);
		await noor.getByLabel(/^Nieuw wachtwoord/).fill(PASSWORD);
		await noor.getByLabel('Nog een keer').fill(PASSWORD);
		await noor.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
		await noor.waitForURL(/\/coach$/);
		await noor.getByRole('heading', { name: 'Mijn deelnemers' }).waitFor();
		// The same link again: it does not work any more.
		const again = await colleague();
		await again.goto(link);
		await again.locator('[data-link-gone]').waitFor();
		await again.context().close();

		// Switched off: Noor's open session ends at once.
		const row = admin.locator('tr[data-person="noor@gemeente.nl"]');
		await admin.reload();
		await row.getByRole('button', { name: 'Uitzetten' }).click();
		await expect.poll(() => row.getAttribute('data-active')).toBe('false');
		await noor.goto(`${server.origin}/coach`);
		await noor.waitForURL(/\/coach\/login/);

		// On again, and a new password link: Noor sets a new one and is in.
		await row.getByRole('button', { name: 'Weer aanzetten' }).click();
		await expect.poll(() => row.getAttribute('data-active')).toBe('true');
		await row.getByRole('button', { name: 'Nieuwe wachtwoordlink' }).click();
		await admin.locator('[data-link]').waitFor();
		const reset = await admin.getByLabel('Eenmalige link').inputValue();
		expect(reset).not.toBe(link);
		await noor.goto(reset);
		await noor.getByRole('heading', { name: 'Nieuw wachtwoord kiezen' }).waitFor();
		await noor.getByLabel(/^Nieuw wachtwoord/).fill(`${PASSWORD} 2`);
		await noor.getByLabel('Nog een keer').fill(`${PASSWORD} 2`);
		await noor.getByRole('button', { name: 'Wachtwoord opslaan en inloggen' }).click();
		await noor.waitForURL(/\/coach$/);
		await noor.context().close();
	});

	it('Mirjam sets the municipality: urgent number, scheme name, house style, reasons and retention', async () => {
		await admin.getByRole('link', { name: 'Gemeente' }).click();
		await admin.waitForURL(/\/coach\/municipality$/);
		await admin.getByRole('heading', { name: 'Gemeente Voorbeeld' }).waitFor();
		// The demo's settings as they are: its house style and its scheme.
		expect(await admin.getByLabel('Huisstijl op de telefoon').inputValue()).toBe('voorbeeld');
		expect(await admin.getByLabel(/Naam van de regeling/).inputValue()).toBe('Meedoen-pas');
		// A bad phone number gets a Dutch reason.
		await admin.getByLabel('Telefoonnummer').fill('bel de balie');
		await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await admin.getByText('Een telefoonnummer heeft alleen cijfers').waitFor();
		await admin.getByLabel('Telefoonnummer').fill('14 024');
		await admin.getByLabel(/Naam van de regeling/).fill('Ooievaarspas');
		await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await admin.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
		await admin.reload();
		expect(await admin.getByLabel(/Naam van de regeling/).inputValue()).toBe('Ooievaarspas');
		expect(await admin.getByLabel('Telefoonnummer').inputValue()).toBe('14 024');
		// Retention: every kind, messages included, in one form.
		const messages = admin.getByLabel(/^Berichten en hun bestanden/);
		expect(await messages.inputValue()).toBe('365');
		await messages.fill('180');
		await admin.getByRole('button', { name: 'Bewaar termijnen' }).click();
		await admin.locator('#retention ~ [role="status"], section [role="status"]').first().waitFor();
		await admin.reload();
		expect(await admin.getByLabel(/^Berichten en hun bestanden/).inputValue()).toBe('180');
		expect(await axeViolations(admin)).toEqual([]);
		await screenshot(admin, 'coach-municipality-settings');
		// The activity form names the municipality's own scheme.
		await admin.goto(`${server.origin}/coach/activities/new`);
		expect(await admin.locator('select[name="cost"] option[value="scheme"]').textContent()).toContain(
			'Ooievaarspas'
		);
	});
});
