import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { WALK_ENGINES, freshPostgresUrl } from '../helpers/db';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	pairPhone,
	PHONE,
	screenshot,
	answerScreen,
	waitForServiceWorker,
	waitUntilCached,
	allSent,
	syncLine
} from '../helpers/browser';
import { SHIPPED_VERSION } from '../helpers/instruments';

const intake = JSON.parse(readFileSync('src/lib/survey/definitions/intake.json', 'utf8'));
const MODULE = 'myWeek';

describe.each(WALK_ENGINES)(
	'a participant fills in an intake module in Arabic with the network off (%s)',
	(engine) => {
		let server: RunningServer;
		let browser: Browser;
		let page: Page;
		let answered = 0;
		let postgres: { url: string; drop: () => Promise<void> } | undefined;

		beforeAll(async () => {
			if (engine === 'postgres') postgres = await freshPostgresUrl();
			server = await startBuiltServer(postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: '1' } : {});
			browser = await launchChromium();
		});
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
			server?.cleanup();
			await postgres?.drop();
		});

		it('sees the intake modules as cards', async () => {
			page = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
			await chooseLanguage(page, server.origin, 'ar', 'العربية', '/questions');
			await page.waitForURL(/\/questions$/);
			expect(await page.getAttribute('html', 'dir')).toBe('rtl');
			const cards = page.locator('.cards a');
			// Consent is asked after pairing, not in the intake: its "welcome" module is gone; the research module
			// shows, as pairPhone said yes to research (issue 16).
			expect(await cards.count()).toBe(
				intake.modules.filter((m: { id: string }) => m.id !== 'welcome').length
			);
			expect(await page.locator('.cards a[href$="/welcome"]').count()).toBe(0);
			expect(await page.locator('.cards a[href$="/trust"]').count()).toBe(1);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, 'ar-questions');
			// Wait until the service worker runs and has kept the module pages for offline use.
			await waitForServiceWorker(page);
			await waitUntilCached(page, `/${MODULE}/__data.json`);
		});

		it('answers every question and sends the module with the server gone, and nothing is lost on reload', async () => {
			await page.locator(`.cards a[href$="/${MODULE}"]`).click();
			await page.waitForURL(new RegExp(`/${MODULE}`));
			await screenshot(page, 'ar-question-open');
			await page.locator('form[action="?/answer"]').waitFor();
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, 'ar-question-first');

			await server.stop();
			await page.context().setOffline(true);
			for (let guard = 0; guard < 40; guard++) {
				if (!(await page.locator('form[action="?/answer"]').count())) break;
				// Halfway through, the phone reloads the page: the answers so far must still be there.
				if (answered === 2) {
					await page.reload();
					await page.locator('form[action="?/answer"]').waitFor();
				}
				await answerScreen(page);
				answered++;
			}
			expect(answered).toBeGreaterThan(2);
			await page.locator('form[action="?/submit"]').waitFor();
			// The review is checked without reading (issue 12 §4): every answer with the picture chosen (the drawn
			// part of a day for "how much time", not a moon), a speaker and the pencil to change it.
			const rows = page.locator('ul.review li');
			expect(await rows.count()).toBeGreaterThan(2);
			for (const row of await rows.all()) {
				expect(await row.locator('.pictures .pictogram').count()).toBeGreaterThan(0);
				expect(await row.locator('button.speak').count()).toBe(1);
				expect(await row.locator('a.change .pictogram').count()).toBe(1);
			}
			expect(await page.locator('li[data-item=metPeople] .pictures').getAttribute('data-pictures')).toBe(
				'yes'
			);
			expect(await page.locator('ul.review [data-pictures="time-none"]').count()).toBeGreaterThan(0);
			expect(await page.locator('ul.review [data-pictogram^="level-"]').count()).toBe(0);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, 'ar-question-review');
			await page.locator('form[action="?/submit"] button').click();
			await page.waitForURL(/item=sent/);
			await expect.poll(() => syncLine(page)).toBe('offline');
			await screenshot(page, 'ar-question-sent-offline');

			await page.reload();
			await expect.poll(() => syncLine(page)).toBe('offline');
		});

		it('arrives once the network and the server are back', async () => {
			await server.restart();
			await page.context().setOffline(false);
			await page.goto(`${server.origin}/questions`);
			await allSent(page);
			// The card says "sent" once the page has the server's word for it (another tab may have sent it first).
			await expect
				.poll(
					async () => {
						await page.reload();
						return page.locator(`.cards li.sent a[href$="/${MODULE}"]`).count();
					},
					{ timeout: 15_000 }
				)
				.toBe(1);
		});

		it('a spoken answer: recorded on the phone, sent with the module, played by the coach', async () => {
			const module = (await page.locator('.cards a[href$="/wishes"]').getAttribute('href'))!;
			// "Other, namely …" said instead of typed, with no card chosen.
			await page.goto(`${server.origin}${module}?item=wantToDo`);
			const other = page.locator('.say-it');
			await other.locator('button').click();
			await expect.poll(() => other.getAttribute('data-state')).toBe('recording');
			await page.waitForTimeout(800);
			await other.locator('button').click();
			await expect.poll(() => other.getAttribute('data-state')).toBe('recorded');
			await expect.poll(() => page.locator('input[name="otherClip"]').inputValue()).not.toBe('');
			await screenshot(page, 'ar-question-spoken-other');
			await page.locator('form[action="?/answer"] button[type=submit]:not([name])').click();
			await page.waitForURL((url) => url.searchParams.get('item') !== 'wantToDo');

			await page.goto(`${server.origin}${module}?item=firstGoal`);
			const recorder = page.locator('.say-it');
			await recorder.locator('button').click(); // "say it"
			await expect.poll(() => recorder.getAttribute('data-state')).toBe('recording');
			await page.waitForTimeout(1200);
			await recorder.locator('button').click(); // "stop"
			await expect.poll(() => recorder.getAttribute('data-state')).toBe('recorded');
			await screenshot(page, 'ar-question-spoken');
			await page.locator('form[action="?/answer"] button[type=submit]:not([name])').click();
			await page.locator('form[action="?/submit"] button').click();
			await page.waitForURL(/item=sent/);
			await allSent(page, 15_000);
		});

		it('the coach sees the answers in Dutch, once each, and the derived rung', async () => {
			const coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
			await coach.getByRole('link', { name: 'Fatma' }).click();
			const module = coach.locator(`li[data-module="${MODULE}"]`);
			expect(await module.locator('.status').textContent()).toBe('Verstuurd');
			await module.locator('summary').click();
			const shown = await module.locator('dd').allTextContents();
			expect(shown.length).toBeGreaterThan(0);
			expect(shown.every((t) => !/[\u0600-\u06FF]/.test(t))).toBe(true);
			expect(shown.some((t) => t.includes('(gegeven in het Arabisch)'))).toBe(true);
			expect(await coach.getByTestId('derived-rung').textContent()).toMatch(/^[1-6] · /);
			// Both spoken answers of the wishes module play for the coach: the open one and "other, namely …".
			const wishes = coach.locator('li[data-module="wishes"]');
			await wishes.locator('summary').click();
			expect(await wishes.locator('dd', { hasText: 'anders (ingesproken antwoord)' }).count()).toBe(1);
			const played = await wishes
				.locator('dd audio')
				.evaluateAll((els) => els.map((el) => (el as HTMLAudioElement).getAttribute('src')!));
			expect(played.length).toBe(2);
			for (const src of played) {
				const clip = await coach.request.get(`${server.origin}${src}`);
				expect(clip.status()).toBe(200);
				expect(clip.headers()['content-type']).toMatch(/^audio\//);
			}
			expect(await axeViolations(coach)).toEqual([]);
			await screenshot(coach, 'coach-results');

			const csv = await (
				await coach.request.get(`${server.origin}/coach/export.csv?questionnaire=intake`)
			).text();
			const rows = csv
				.split('\r\n')
				.filter((l) => l.startsWith(`Fatma,intake,`) && l.includes(`,${MODULE},`));
			const items = rows.map((r) => r.split(',')[5]);
			expect(items.length).toBe(shown.length);
			expect(new Set(items).size).toBe(items.length); // every answer exactly once
			// The spoken "other" is marked in the CSV's other column (the recording itself stays in Opstap).
			const wantToDo = csv
				.split('\r\n')
				.filter((l) => l.startsWith('Fatma,intake,') && l.includes(',wantToDo,'));
			expect(wantToDo.length).toBe(1);
			expect(wantToDo[0]).toContain(',(ingesproken antwoord),');

			// Bad input at the sync boundary: a clear 400 with the reason, never a 500.
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			await page.goto(`${server.origin}/questions`);
			const assignmentId = (await page.locator('.cards a').first().getAttribute('href'))!.split('/')[2];
			const post = (body: unknown) =>
				fetch(`${server.origin}/api/sync`, {
					method: 'POST',
					headers: { cookie, 'content-type': 'application/json' },
					body: JSON.stringify(body)
				});
			const entry = {
				kind: 'answer',
				clientId: crypto.randomUUID(),
				assignmentId,
				moduleId: 'myWeek',
				answeredAt: new Date().toISOString(),
				language: 'ar',
				version: SHIPPED_VERSION.intake
			};
			const unknownItem = await post({
				entries: [{ ...entry, itemId: 'noSuchItem', value: { type: 'yesno', value: true } }]
			});
			expect(unknownItem.status).toBe(400);
			expect(await unknownItem.json()).toMatchObject({
				results: [{ status: 'rejected', reason: 'unknown_item' }]
			});
			const badOption = await post({
				entries: [
					{
						...entry,
						clientId: crypto.randomUUID(),
						itemId: 'paidWork',
						value: { type: 'single', option: 'lottery' }
					}
				]
			});
			expect(badOption.status).toBe(400);
			expect(await badOption.json()).toMatchObject({
				results: [{ status: 'rejected', reason: 'invalid_option' }]
			});
			const malformed = await fetch(`${server.origin}/api/sync`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: '{"entries": ['
			});
			expect(malformed.status).toBe(400);
			expect(
				(
					await fetch(`${server.origin}/api/sync`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: '{}'
					})
				).status
			).toBe(401);
		});
	}
);
