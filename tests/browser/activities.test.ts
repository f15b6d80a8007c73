import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	AXE_LANGUAGES,
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE,
	screenshot,
	waitForServiceWorker,
	waitUntilCached
} from '../helpers/browser';
import { LANGUAGES } from '../../src/lib/i18n/languages';
import so from '../../locales/so/activities.json';

const BAD_CSV = [
	'id;category;title;description;start;duration',
	'ok-1;buurtgym;Bewegen in het park;Rustig bewegen.;2026-09-01 10:00;60',
	'no-title;buurtgym;;Zonder titel;2026-09-01 10:00;60',
	'bad-time;buurtgym;Slechte tijd;Te laat;2026-09-01 25:00;60',
	'bad-cat;paardrijden;Paardrijden;Onbekend;2026-09-01 10:00;60',
	'script;buurtgym;Script;Hallo <script>alert(1)</script>;2026-09-01 10:00;60'
].join('\n');

/** A fresh pairing code for the demo participant (each start prints one; the coach can make another). */
let newCode: () => Promise<string>;

describe('a participant in Somali finds a free activity this week and asks to go with the coach, offline first', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let activityId = '';

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		newCode = async () => {
			await server.restart();
			return server.printedCode();
		};
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('sees the activities by pictogram in Somali, and the page is kept for offline use', async () => {
		page = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
		await chooseLanguage(page, server.origin, 'so', 'Soomaali', '/activities');
		await page.waitForURL(/\/activities$/);
		await page.locator('h1').getByText('Hawlaha').waitFor();
		expect(await page.locator('.categories li').count()).toBe(16);
		expect(Number(await page.locator('.found').getAttribute('data-count'))).toBeGreaterThan(30);
		await waitForServiceWorker(page);
		await waitUntilCached(page, '/activities');
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'so-activities');
	});

	it('the list carries no details: an activity opens online with its own data, and stays on the phone', async () => {
		await page.goto(`${server.origin}/activities?when=week&free=1`);
		const card = page.locator('.list article').first();
		activityId = (await card.getAttribute('data-activity'))!;
		await card.locator('a').first().click();
		await page.waitForURL(new RegExp(`/activities/${activityId}$`));
		await page.locator('.detail .description').waitFor();
		const description = (await page.locator('.detail [data-field="description"]').textContent())!;
		const address = (await page.locator('.detail section').nth(1).locator('span[lang="nl"]').textContent())!;
		expect(description.length).toBeGreaterThan(10);
		// The list's own data: titles and what the filters need, not the description or the address.
		const list = await page.evaluate(() => fetch('/activities/__data.json').then((r) => r.text()));
		expect(list).toContain(activityId);
		for (const long of [description, address.replace(/ \(.*\)$/, '')])
			expect(list).not.toContain(JSON.stringify(long).slice(1, -1));
		await waitUntilCached(page, `/activities/${activityId}/__data.json`);
		await page.goto(`${server.origin}/activities`);
		await page.locator('.list article').first().waitFor();
	});

	it('filters "this week" + "free" on the phone with the network off', async () => {
		await page.context().setOffline(true);
		await page.reload();
		await page.locator('h1').getByText('Hawlaha').waitFor();
		const all = Number(await page.locator('.found').getAttribute('data-count'));
		await page.locator('[data-filter="week"]').click();
		await page.locator('[data-filter="free"]').click();
		await expect.poll(() => page.url()).toMatch(/\?when=week&free=1$/);
		const count = Number(await page.locator('.found').getAttribute('data-count'));
		expect(count).toBeGreaterThan(3);
		expect(count).toBeLessThan(all);
		// Every card is free (no coin or pass icon) and its next date is within seven days.
		expect(
			await page.locator('.list [data-pictogram="act-price"], .list [data-pictogram="act-scheme"]').count()
		).toBe(0);
		const cards = await page.locator('.list article').count();
		expect(cards).toBe(Math.min(count, 12));
		expect(await page.locator('.list [data-pictogram="act-free"]').count()).toBe(cards);
		const times = await page
			.locator('.list time')
			.evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
		for (const t of times) expect(Date.parse(t) - Date.now()).toBeLessThan(7 * 86_400_000);
		// In Somali (from the texts when the browser has no Somali date names), never English or Dutch.
		const days = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)
			.map((d) => so.dates[d])
			.join('|');
		for (const text of await page.locator('.list time').allTextContents()) {
			expect(text).toMatch(new RegExp(`^(${days})`));
		}
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'so-activities-week-free');
	});

	it('offline, an activity never opened says it is not on the phone, in Somali, picture first', async () => {
		const ids = await page
			.locator('.list article')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-activity')!));
		const never = ids.find((id) => id !== activityId)!;
		await page.locator(`.list article[data-activity="${never}"] a`).first().click();
		await page.locator(`[data-offline-activity="${never}"]`).waitFor();
		expect(page.url()).toMatch(new RegExp(`/activities/${never}$`));
		expect(await page.locator('[data-offline-activity] [data-pictogram="offline"]').count()).toBe(1);
		expect(await page.locator('[data-offline-activity] h1').textContent()).toContain(so.offline.title);
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'so-activity-not-offline');
		await page.locator('.detail-view > a.back').click();
		await page.locator('.list article').first().waitFor();
	});

	it('opens an activity opened before and asks to go together with the coach, still offline: saved on the phone', async () => {
		const card = page.locator(`.list article[data-activity="${activityId}"]`);
		await card.locator('a').first().click();
		await page.waitForURL(new RegExp(`/activities/${activityId}$`));
		await page.locator('.detail').waitFor();
		await page.locator('button[data-kind="together"]').click();
		await page.locator('.state[data-pending="1"]').waitFor();
		expect(await page.locator('.state').textContent()).toContain('Waa la kaydiyay');
		expect(await page.locator('button[data-kind="together"]').getAttribute('aria-pressed')).toBe('true');
		// Asking again does not queue a second request.
		await page.locator('button[data-kind="together"]').click();
		const queued = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const open = indexedDB.open('opstap');
					open.onsuccess = () => {
						const count = open.result.transaction('outbox').objectStore('outbox').count();
						count.onsuccess = () => resolve(count.result);
					};
				})
		);
		expect(queued).toBe(1);
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'so-activity-asked-offline');
	});

	it('sends it once when the network is back, even after the server restarted', async () => {
		await server.restart();
		await page.context().setOffline(false);
		await page.locator('.state[data-pending="0"]').waitFor({ timeout: 40_000 });
		expect(await page.locator('.state').textContent()).toContain(so.request.sent);
		// Back to the list, and open the page fresh from the server: the request is known there.
		await page.goto(`${server.origin}/activities/${activityId}`);
		expect(await page.locator('button[data-kind="together"]').getAttribute('aria-pressed')).toBe('true');
	});

	it('an activity asked for is fetched onto another phone of the participant, and opens there offline', async () => {
		const phone = await pairPhone(await browser.newContext(PHONE), server.origin, await newCode());
		await phone.goto(`${server.origin}/activities`);
		await waitForServiceWorker(phone);
		await waitUntilCached(phone, '/activities');
		// Never opened on this phone: fetched because it was asked for.
		await waitUntilCached(phone, `/activities/${activityId}/__data.json`);
		const never = (
			await phone
				.locator('.list article')
				.evaluateAll((els) => els.map((e) => e.getAttribute('data-activity')!))
		).find((id) => id !== activityId)!;
		await phone.context().setOffline(true);
		// Straight to its address, offline: the kept list opens it from its kept data.
		await phone.goto(`${server.origin}/activities/${activityId}`);
		await phone.locator(`.detail[data-activity="${activityId}"] .description`).waitFor();
		expect(await phone.locator('button[data-kind="together"]').getAttribute('aria-pressed')).toBe('true');
		// Another one, never opened nor asked for: not on this phone, said so instead of the browser's error.
		await phone.goto(`${server.origin}/activities/${never}`);
		await phone.locator(`[data-offline-activity="${never}"]`).waitFor();
		await phone.locator('.detail-view > a.back').click();
		await phone.locator('.list article').first().waitFor();
		await phone.context().close();
	});

	it('the coach sees the request once, linked to the participant and to planning an appointment', async () => {
		const coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.goto(`${server.origin}/coach/activities/interest`);
		const rows = coach.locator(`tr[data-kind="together"]`);
		expect(await rows.count()).toBe(1);
		expect(await rows.first().locator('td').first().textContent()).toContain('Fatma');
		const plan = rows.first().getByRole('link', { name: 'Samen gaan plannen' });
		expect(await plan.getAttribute('href')).toMatch(
			new RegExp(
				`^/coach/participants/[0-9a-f-]{36}/appointments/new\\?type=activity&activity=${activityId}$`
			)
		);
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-activity-interest');
		await rows.first().getByRole('link', { name: 'Fatma' }).click();
		await coach.locator(`tr[data-kind="together"]`).waitFor();
		// Another coach's team lead sees it too; a translator has no activities workspace.
		await coach.goto(`${server.origin}/coach/activities`);
		expect(await coach.locator('tbody tr').count()).toBeGreaterThanOrEqual(40);
		expect(await axeViolations(coach)).toEqual([]);
	});

	it('a CSV with bad rows: each bad row with its reason, nothing imported, text shown escaped', async () => {
		const coach = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await coach.goto(`${server.origin}/coach/activities`);
		const before = await coach.locator('tbody tr').count();
		await coach.goto(`${server.origin}/coach/activities/import`);
		await coach.locator('form[action="?/check"] input[type=file]').setInputFiles({
			name: 'activiteiten.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(BAD_CSV)
		});
		await coach.getByRole('button', { name: /Controleren/ }).click();
		await coach.locator('table.rejected').waitFor();
		const reasons = await coach.locator('table.rejected tbody tr').allTextContents();
		expect(reasons).toHaveLength(4);
		expect(reasons[0]).toContain('titel: ontbreekt');
		expect(reasons[1]).toContain('25:00');
		expect(reasons[2]).toContain('paardrijden');
		expect(reasons[3]).toContain('HTML of een script');
		expect(await coach.getByRole('button', { name: 'Nu importeren' }).count()).toBe(0);
		expect(
			await coach.evaluate(() => document.querySelectorAll('script:not([src]):not([type])').length)
		).toBeLessThanOrEqual(1);
		expect(await axeViolations(coach)).toEqual([]);
		await coach.goto(`${server.origin}/coach/activities`);
		expect(await coach.locator('tbody tr').count()).toBe(before);
	});

	it('the activity form: a schedule picker, languages by name, the place from the postcode; without JavaScript', async () => {
		const coach = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		// The demo's buurtgym on Tuesdays and Fridays shows as "every week" with those days ticked.
		await coach.goto(`${server.origin}/coach/activities`);
		await coach.getByRole('link', { name: 'Buurtgym in het park' }).click();
		expect(await coach.getByLabel('Elke week, of om de paar weken').isChecked()).toBe(true);
		expect(await coach.getByLabel('dinsdag', { exact: true }).isChecked()).toBe(true);
		expect(await coach.getByLabel('vrijdag', { exact: true }).isChecked()).toBe(true);
		expect(await coach.getByLabel('maandag', { exact: true }).isChecked()).toBe(false);
		expect(await axeViolations(coach)).toEqual([]);

		// A new one, posted as a plain form (no JavaScript in this context).
		const plain = await (
			await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } })
		).newPage();
		await plain.context().addCookies(await coach.context().cookies());
		await plain.goto(`${server.origin}/coach/activities/new`);
		await plain.getByLabel(/^Titel \(eenvoudig Nederlands\)/).fill('Wandelen langs de Waal');
		await plain.getByLabel('Eerste keer').fill('2026-09-07');
		await plain.getByLabel('Hoe laat').fill('10:00');
		await plain.getByLabel('Elke maand op een vaste dag, bijvoorbeeld de tweede dinsdag').check();
		await plain.locator('select[name="nth"]').selectOption('-1');
		await plain.locator('select[name="weekday"]').selectOption('SA');
		await plain.getByLabel(/^Postcode/).fill('6663 AB');
		await plain.getByRole('checkbox', { name: 'Arabisch' }).check();
		await plain.getByLabel(/^Andere talen/).fill('Duits, Koerdisch');
		await plain.getByRole('button', { name: 'Bewaren' }).click();
		await plain.getByRole('status').filter({ hasText: 'Bewaard.' }).waitFor();
		expect(
			await plain.getByLabel('Elke maand op een vaste dag, bijvoorbeeld de tweede dinsdag').isChecked()
		).toBe(true);
		expect(await plain.locator('select[name="nth"]').inputValue()).toBe('-1');
		expect(await plain.locator('select[name="weekday"]').inputValue()).toBe('SA');
		expect(await plain.getByLabel(/^Andere talen/).inputValue()).toBe('Duits, Koerdisch');
		expect(await plain.getByText('Op de kaart in het midden van postcode 6663.').count()).toBe(1);
		// A language nobody knows and a day without time: said in Dutch, and the form keeps what was typed.
		await plain.getByLabel(/^Andere talen/).fill('Klingon');
		await plain.getByRole('checkbox', { name: 'Arabisch' }).uncheck();
		await plain.getByRole('button', { name: 'Bewaren' }).click();
		await plain.getByRole('alert').filter({ hasText: 'kennen we niet als taal' }).waitFor();
		expect(await plain.getByRole('checkbox', { name: 'Arabisch' }).isChecked()).toBe(false);
		expect(await plain.getByLabel(/^Andere talen/).inputValue()).toBe('Klingon');
		await screenshot(plain, 'coach-activity-form');
		await plain.context().close();
		await coach.goto(`${server.origin}/coach/activities`);
		await coach.getByRole('link', { name: 'Wandelen langs de Waal' }).click();
		expect(await axeViolations(coach)).toEqual([]);
	});

	it('an import that repeats an activity under another id: a warning, and it can still be imported', async () => {
		const coach = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await coach.goto(`${server.origin}/coach/activities/import`);
		await coach.locator('form[action="?/check"] input[type=file]').setInputFiles({
			name: 'activiteiten.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'id;category;title;start\nkopie-1;taalcafe;Taalcafé in de bibliotheek;2026-09-01 10:00\n'
			)
		});
		await coach.getByRole('button', { name: /Controleren/ }).click();
		await coach.locator('table.warnings').waitFor();
		expect(await coach.locator('table.warnings tbody tr').textContent()).toContain(
			'lijkt op de bestaande activiteit "Taalcafé in de bibliotheek" (id taalcafe-centrum)'
		);
		expect(await coach.getByRole('button', { name: 'Nu importeren' }).count()).toBe(1);
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-activity-import-warning');
	});

	it('"near me" from postcode digits typed on the pad (kept on the server), or from the location', async () => {
		const context = await browser.newContext({
			...PHONE,
			geolocation: { latitude: 51.8641, longitude: 5.8693 }
		});
		const phone = await pairPhone(context, server.origin, await newCode());
		await phone.goto(`${server.origin}/activities?near=1`);
		// Fatma gave 6522 before (demo data): change it.
		expect(await phone.locator('.from').textContent()).toContain('6522');
		await phone.locator('.from button').click();
		await phone.locator('#postcode').waitFor();
		for (const digit of '6544')
			await phone.locator('.pad').getByRole('button', { name: digit, exact: true }).click();
		await phone.locator('.place button[type=submit]').click();
		await phone.locator('.from').waitFor();
		expect(await phone.locator('.from').textContent()).toContain('6544');
		const near = Number(await phone.locator('.found').getAttribute('data-count'));
		expect(near).toBeGreaterThan(0);
		// Every card shown is within 2 km of Dukenburg.
		for (const text of await phone.locator('.list .line').filter({ hasText: /km|m$/ }).allTextContents()) {
			expect(parseFloat(text.replace(',', '.'))).toBeLessThanOrEqual(text.includes('km') ? 2 : 2000);
		}
		// Kept on the server: a fresh browser profile on the same device session knows it.
		await expect
			.poll(async () => {
				await phone.evaluate(() => localStorage.clear());
				await phone.reload();
				return phone.locator('.from').count();
			})
			.toBe(1);
		// With permission, where the phone is now (Lent): other activities are near.
		await context.grantPermissions(['geolocation'], { origin: server.origin });
		await phone.locator('.from button').click();
		await phone.locator('.place > button.secondary').click();
		await phone.locator('.from').waitFor();
		const titles = await phone.locator('.list article .title').allTextContents();
		expect(titles.some((t) => /Lent|rivier/.test(t))).toBe(true);
		await context.close();
	});

	it('the activity pages in all nine languages: the right direction, nothing too wide, no axe violation', async () => {
		const walk = await browser.newContext({ ...PHONE, ...NO_WORKER });
		await walk.addCookies(await page.context().cookies());
		const phone = await walk.newPage();
		for (const { code, name, dir } of LANGUAGES) {
			await chooseLanguage(phone, server.origin, code, name, '/activities');
			for (const [what, path] of [
				['list', '/activities?near=1'],
				['detail', `/activities/${activityId}`]
			]) {
				await phone.goto(`${server.origin}${path}`);
				expect(await phone.getAttribute('html', 'dir'), `${code} ${what}`).toBe(dir);
				expect(
					await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
					`${code} ${what} fits`
				).toBe(true);
				if (AXE_LANGUAGES.includes(code)) expect(await axeViolations(phone), `${code} ${what}`).toEqual([]);
			}
		}
		await screenshot(phone, 'pl-activity');
		await walk.close();
	});
});
