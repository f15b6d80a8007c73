// Issue 12 §4: a translator translates an activity in the studio; a Turkish participant reads (and hears) it in
// Turkish, a Tigrinya participant gets the Dutch, marked as Dutch and spoken in Dutch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { wavTone } from '../helpers/audio';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE
} from '../helpers/browser';

const TITLE = 'Hatert dil kafesi';
/** What the phone's screen shows (390×844), as a participant sees it first. */
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });
const SO_TITLE = 'Kafeega luqadda Hatert';
const DESCRIPTION = 'Mahalle merkezinde birlikte Felemenkçe pratik yapın. Gönüllüler size yardım eder.';

describe('activity texts through the translator studio', () => {
	let server: RunningServer;
	let browser: Browser;
	let studio: Page;
	let phone: Page;
	let activityId = '';

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('the translator translates one activity into Turkish; its state and the progress follow', async () => {
		studio = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
		await studio.setViewportSize({ width: 1366, height: 768 });
		await studio.goto(`${server.origin}/coach/voice`);
		const before = await studio.getByTestId('activities-tr').textContent();
		await studio.getByTestId('activities-tr').getByRole('link').click();
		await studio.waitForURL(/\/coach\/voice\/tr\/activities$/);
		const progress = async () =>
			Number(/^(\d+) van/.exec((await studio.getByTestId('progress').textContent())!.trim())![1]);
		const done = await progress();

		// The search finds it by its Dutch.
		await studio.getByLabel('Zoeken').fill('Hatert');
		await studio.getByRole('button', { name: 'Zoek' }).click();
		await studio.waitForURL(/q=Hatert/);
		const item = studio.locator('li[data-activity]').filter({ hasText: 'Taalcafé Hatert' });
		activityId = (await item.getAttribute('data-activity'))!;
		expect(await item.locator('[data-field="title"]').getAttribute('data-state')).toBe('missing');
		expect(await item.locator('[data-field="title"] p[lang="nl"]').textContent()).toBe('Taalcafé Hatert');

		// Too long: a clear Dutch reason, and what was typed stays.
		await item
			.locator('input[name="title"]')
			.evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
		await item.locator('input[name="title"]').fill('x'.repeat(121));
		await item.getByRole('button', { name: 'Bewaar vertaling' }).click();
		await expect
			.poll(() => item.getByRole('alert').textContent())
			.toContain('De titel mag hoogstens 120 tekens zijn');

		await item.locator('input[name="title"]').fill(TITLE);
		await item.locator('textarea[name="description"]').fill(DESCRIPTION);
		await item.getByRole('button', { name: 'Bewaar vertaling' }).click();
		await expect.poll(() => item.getByRole('status').textContent()).toBe('Vertaling bewaard.');
		await expect.poll(() => item.locator('[data-field="title"]').getAttribute('data-state')).toBe('done');
		expect(await progress()).toBe(done + 2);

		await studio.goto(`${server.origin}/coach/voice/tr/activities`);
		expect(await axeViolations(studio)).toEqual([]);
		await studio.screenshot({ path: 'test-results/screens/studio-activities-tr.png' });
		await studio.goto(`${server.origin}/coach/voice`);
		expect(await studio.getByTestId('activities-tr').textContent()).not.toBe(before);
	});

	it('a Turkish participant reads it in Turkish and hears it in Turkish; the list carries only Turkish', async () => {
		const context = await browser.newContext({ ...PHONE, ...NO_WORKER });
		phone = await pairPhone(context, server.origin, server.printedCode());
		await chooseLanguage(phone, server.origin, 'tr', 'Türkçe', '/activities');
		const list = await phone.evaluate(() => fetch('/activities/__data.json').then((r) => r.text()));
		expect(list).toContain(TITLE);
		expect(list).not.toContain(DESCRIPTION); // the long text comes with the activity's page
		expect(list).not.toMatch(/(?<!re)sources/); // no hash of the Dutch travels

		await phone.goto(`${server.origin}/activities/${activityId}`);
		const title = phone.locator('.detail h1 [data-field="title"]');
		expect(await title.textContent()).toBe(TITLE);
		expect(await title.getAttribute('lang')).toBe('tr');
		expect(await phone.locator('.detail [data-field="description"]').textContent()).toBe(DESCRIPTION);
		expect(await phone.locator('.detail h1 .elsewhere').count()).toBe(0);
		await shot(phone, 'tr-activity-translated');
		const said = phone.waitForRequest((r) => r.url().includes('/voice/say/tr?'));
		await phone.locator('.detail h1 .speak').click();
		expect(decodeURIComponent(new URL((await said).url()).searchParams.get('t')!)).toBe(TITLE);
		expect(await axeViolations(phone)).toEqual([]);
	});

	it('in Tigrinya the same activity is the Dutch: marked as Dutch, lang="nl", spoken in Dutch', async () => {
		await chooseLanguage(phone, server.origin, 'ti', 'ትግርኛ', '/activities');
		const list = await phone.evaluate(() => fetch('/activities/__data.json').then((r) => r.text()));
		expect(list).not.toContain(TITLE);
		await phone.goto(`${server.origin}/activities/${activityId}`);
		const title = phone.locator('.detail h1 [data-field="title"]');
		expect(await title.textContent()).toBe('Taalcafé Hatert');
		expect(await title.getAttribute('lang')).toBe('nl');
		const mark = phone.locator('.detail h1 .elsewhere');
		expect(await mark.getAttribute('data-text-lang')).toBe('nl');
		expect(await mark.locator('[lang="nl"]').textContent()).toBe('Nederlands');
		expect(await phone.locator('.detail .description .elsewhere').getAttribute('data-text-lang')).toBe('nl');
		const speaker = phone.locator('.detail h1 .speak');
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('server');
		const said = phone.waitForRequest((r) => r.url().includes('/voice/say/nl?'));
		await speaker.click();
		const answer = await (await said).response();
		expect(answer?.status()).toBe(200);
		expect(answer?.headers()['content-type']).toMatch(/^audio\//);
		// On the list too, the Dutch title has the globe and "Nederlands".
		await phone.goto(`${server.origin}/activities`);
		const card = phone.locator(`.list article[data-activity="${activityId}"]`);
		if (await card.count()) {
			expect(await card.locator('.elsewhere').getAttribute('data-text-lang')).toBe('nl');
			// The card speaks in Tigrinya without the Dutch title; the Dutch title has a speaker of its own.
			expect(
				await card.locator('.speak').evaluateAll((b) => b.map((e) => e.getAttribute('data-key')))
			).toEqual([`activity:${activityId}:card`, `activity:${activityId}`]);
		}
		await phone.goto(`${server.origin}/activities/${activityId}`);
		expect(await axeViolations(phone)).toEqual([]);
		await shot(phone, 'ti-activity-fallback');
	});

	it('a Somali translator translates and records the title; a Somali participant hears the recording', async () => {
		await studio.goto(`${server.origin}/coach/voice/so/activities?q=Hatert`);
		const item = studio.locator(`li[data-activity="${activityId}"]`);
		const clip = item.locator('[data-clip="title"]');
		// Nothing to record before there is a Somali title.
		expect(await clip.getAttribute('data-clip-state')).toBe('none');
		expect(await clip.locator('input[type="file"]').count()).toBe(0);
		const recorded = async () =>
			Number(/^(\d+) van/.exec((await studio.getByTestId('recorded').textContent())!.trim())![1]);
		const before = await recorded();

		await item.locator('input[name="title"]').fill(SO_TITLE);
		await item.getByRole('button', { name: 'Bewaar vertaling' }).click();
		await expect.poll(() => item.locator('.save [role="status"]').textContent()).toBe('Vertaling bewaard.');
		// Not audio: refused with the studio's reason.
		await clip.locator('input[type="file"]').setInputFiles({
			name: 'titel.wav',
			mimeType: 'audio/wav',
			buffer: Buffer.from('no sound in here, only words')
		});
		await clip.getByRole('button', { name: 'Upload' }).click();
		await expect.poll(() => clip.getByRole('alert').textContent()).toContain('Dit is geen geluidsbestand');
		await clip.locator('input[type="file"]').setInputFiles({
			name: 'titel.wav',
			mimeType: 'audio/wav',
			buffer: wavTone(0.6)
		});
		await clip.getByRole('button', { name: 'Upload' }).click();
		await expect.poll(() => clip.getAttribute('data-clip-state')).toBe('recorded');
		expect(await clip.getByRole('status').textContent()).toContain('Opname bewaard.');
		expect(await clip.locator('audio').getAttribute('src')).toMatch(
			new RegExp(`^/voice/so/activity%3A${activityId}\\?v=[0-9a-f]{16}$`)
		);
		expect(await recorded()).toBe(before + 1);
		expect(await axeViolations(studio)).toEqual([]);
		await studio.screenshot({ path: 'test-results/screens/studio-activities-so-clip.png' });
		await studio.goto(`${server.origin}/coach/voice`);
		expect(await studio.getByTestId('activity-clips-so').textContent()).toMatch(/^\s*[1-9]\d* van/);

		// Somali has no server voice: the recording is what the participant hears.
		await chooseLanguage(phone, server.origin, 'so', 'Soomaali', '/activities');
		// The list and the clip list of every page do not carry it.
		const list = await phone.evaluate(() => fetch('/activities/__data.json').then((r) => r.text()));
		expect(list).not.toContain(`activity:${activityId}`);
		await phone.goto(`${server.origin}/activities/${activityId}`);
		expect(await phone.locator('.detail h1 [data-field="title"]').textContent()).toBe(SO_TITLE);
		const speaker = phone.locator('.detail h1 .speak');
		expect(await speaker.getAttribute('data-key')).toBe(`activity:${activityId}`);
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('clip');
		const played = phone.waitForResponse((r) =>
			new URL(r.url()).pathname.startsWith(`/voice/so/activity%3A${activityId}`)
		);
		await speaker.click();
		const answer = await played;
		expect(answer.status()).toBe(200);
		expect(answer.headers()['content-type']).toBe('audio/wav');
		expect(new URL(answer.url()).searchParams.get('v')).toMatch(/^[0-9a-f]{16}$/);
		// The description is not translated into Somali: Dutch, and no Somali clip.
		expect(await phone.locator('.detail .description .speak').first().getAttribute('data-source')).not.toBe(
			'clip'
		);

		// Opened over the list (with JavaScript), the same clip speaks.
		await phone.goto(`${server.origin}/activities`);
		const card = phone.locator(`.list article[data-activity="${activityId}"]`);
		if (await card.count()) {
			expect(
				await card.locator('.speak').evaluateAll((b) => b.map((e) => e.getAttribute('data-key')))
			).toEqual([`activity:${activityId}:card`]);
			await card.locator('a').click();
			await phone.waitForURL(new RegExp(`/activities/${activityId}$`));
			await expect.poll(() => phone.locator('.detail h1 .speak').getAttribute('data-source')).toBe('clip');
		}
	});
});
