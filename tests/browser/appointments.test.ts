import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	deliverPush,
	launchChromium,
	shownNotifications,
	pairPhone,
	PHONE,
	screenshot,
	waitForServiceWorker,
	waitUntilCached,
	allSent,
	syncLine
} from '../helpers/browser';
import { addDays, localDay, parseLocalDateTime } from '../../src/lib/time/zoned';

const tr = JSON.parse(readFileSync('locales/tr/appointments.json', 'utf8'));
const AMS = 'Europe/Amsterdam';

describe('appointments: the coach plans, a Turkish participant answers offline, reminders arrive', () => {
	let server: RunningServer;
	let push: PushEndpoint;
	/** The phone's push endpoint, once it has one (the reminders' last test takes it off again). */
	let endpoint = '';
	let browser: Browser;
	let coach: Page;
	let phone: Page;
	let appointmentId = '';
	const date = addDays(localDay(new Date(), AMS), 3);

	beforeAll(async () => {
		push = await startPushEndpoint();
		// The server trusts the local push service's certificate, as it would a real push service's.
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

	it('the coach makes an appointment for Fatma, and bad input gets a clear message', async () => {
		coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.getByRole('link', { name: 'Fatma' }).click();
		await coach.getByRole('link', { name: '+ Nieuwe afspraak' }).click();
		await coach.waitForURL(/appointments\/new/);

		// An end before its start: refused with a reason, nothing made.
		await coach.getByLabel('Datum', { exact: true }).fill(date);
		await coach.getByLabel('Van', { exact: true }).fill('10:00');
		await coach.getByLabel('Tot', { exact: true }).fill('09:00');
		await coach.getByRole('button', { name: 'Afspraak maken' }).click();
		await expect.poll(() => coach.locator('.form-message').textContent()).toContain('eindtijd');
		// What the coach typed is still there (also when the page reloaded without JavaScript).
		expect(await coach.getByLabel('Datum', { exact: true }).inputValue()).toBe(date);

		await coach.getByLabel('Wandeling').check();
		await coach.getByLabel('Buiten').check();
		await coach.getByLabel('Adres', { exact: true }).fill('Ingang Stadspark, Parklaan');
		await coach.getByLabel('ID-kaart of paspoort').check();
		await coach.getByLabel('Tot', { exact: true }).fill('11:00');
		await coach.getByRole('button', { name: 'Afspraak maken' }).click();
		await coach.waitForURL(/\/coach\/appointments\/[0-9a-f-]{36}\?created=1/).catch(async (error) => {
			// Say why: the form's message, or what the page shows instead.
			const message = await coach
				.locator('.form-message')
				.textContent()
				.catch(() => null);
			throw new Error(
				`no appointment made (${coach.url()}): ${message ?? (await coach.locator('main').textContent())}`,
				{
					cause: error
				}
			);
		});
		appointmentId = new URL(coach.url()).pathname.split('/').pop()!;
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-appointment');

		// Another coach's participant, or a date in the past, over plain HTTP: 4xx, never a 500.
		const pastForm = new URLSearchParams({
			type: 'conversation',
			date: '2020-01-01',
			startTime: '10:00',
			endTime: '11:00',
			place: 'wijkcentrum'
		});
		const fatmaUrl = coach.url().replace(/\/coach\/appointments\/.*/, '');
		const participantId = (await coach
			.locator('a[href^="/coach/participants/"]')
			.first()
			.getAttribute('href'))!
			.split('/')
			.pop()!;
		const post = (path: string) =>
			coach.request.post(`${fatmaUrl}${path}`, {
				form: Object.fromEntries(pastForm),
				// A plain form post, as from a browser without JavaScript.
				headers: { origin: server.origin, accept: 'text/html' }
			});
		const past = await post(`/coach/participants/${participantId}/appointments/new`);
		expect(past.status()).toBe(400);
		expect(await past.text()).toContain('al voorbij');
		const karims = await post(
			`/coach/participants/${'0'.repeat(8)}-0000-4000-8000-000000000000/appointments/new`
		);
		expect(karims.status()).toBe(404);
	});

	it('Fatma sees it in Turkish, with the day written out, and it opens offline', async () => {
		phone = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
		await chooseLanguage(phone, server.origin, 'tr', 'Türkçe', '/appointments');
		await phone.waitForURL(/\/appointments$/);
		const card = phone.locator(`a[href="/appointments/${appointmentId}"]`);
		await expect.poll(() => card.textContent()).toContain(tr.type.walk);
		const weekday = new Intl.DateTimeFormat('tr-u-ca-gregory', { weekday: 'long', timeZone: AMS }).format(
			parseLocalDateTime(date, '10:00', AMS)!
		);
		expect(await card.textContent()).toContain(weekday);
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'tr-appointments');
		await waitForServiceWorker(phone);
		await waitUntilCached(phone, `/appointments/${appointmentId}/__data.json`);
	});

	it('answers "I can\'t come – ill" with the network off; kept through a reload and a server restart, it reaches the coach once', async () => {
		await phone.context().setOffline(true);
		await phone.locator(`a[href="/appointments/${appointmentId}"]`).click();
		await phone.waitForURL(new RegExp(`/appointments/${appointmentId}`));
		await phone.getByRole('link', { name: tr.reply.cannot, exact: true }).click();
		await phone.getByRole('button', { name: tr.reason.ill, exact: true }).click();
		await phone.waitForURL(/thanks=cannot/);
		await expect.poll(() => phone.locator('.thanks').textContent()).toContain(tr.thanks.cannot);
		await expect.poll(() => syncLine(phone)).toBe('offline');
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'tr-appointment-offline-reply');

		// The coach does not have it yet.
		await coach.reload();
		expect(await coach.locator('.reply').first().textContent()).toContain('Nog geen antwoord');
		// The server restarts and the phone reloads, network still off: the reply is still on the phone.
		await server.restart();
		await phone.reload();
		await expect.poll(() => phone.locator('.current').textContent()).toContain(tr.answered.cannot);

		await phone.context().setOffline(false);
		await allSent(phone);
		await coach.reload();
		await expect.poll(() => coach.locator('.reply').first().textContent()).toContain('Kan niet: ziek');
		// Once: one reply, however often the phone tried.
		expect(await coach.locator('details:has-text("Eerdere antwoorden")').count()).toBe(0);
	});

	it('"add to my calendar" gives an .ics that parses, in Europe/Amsterdam', async () => {
		const response = await phone.request.get(`${server.origin}/appointments/${appointmentId}/calendar.ics`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('text/calendar');
		const calendar = new ICAL.Component(ICAL.parse(await response.text()));
		const zone = calendar.getFirstSubcomponent('vtimezone')!;
		ICAL.TimezoneService.register(zone);
		const vevent = calendar.getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Amsterdam');
		const event = new ICAL.Event(vevent);
		expect(event.startDate.zone?.tzid).toBe('Europe/Amsterdam');
		expect(event.startDate.toJSDate().toISOString()).toBe(
			parseLocalDateTime(date, '10:00', AMS)!.toISOString()
		);
		expect(event.endDate.toJSDate().toISOString()).toBe(
			parseLocalDateTime(date, '11:00', AMS)!.toISOString()
		);
		expect(event.summary).toContain(tr.type.walk);
		// Not for someone else: the coach's browser has no device cookie.
		expect(
			(await coach.request.get(`${server.origin}/appointments/${appointmentId}/calendar.ics`)).status()
		).toBe(401);
	});

	it('a reminder: encrypted by the server for the phone, shown by the service worker in Turkish', async () => {
		// The phone's subscription, pointing at the local push service (headless Chromium has no push service).
		const subscription = push.subscribe();
		endpoint = subscription.endpoint;
		const malformed = await phone.request.post(`${server.origin}/api/push/subscription`, {
			data: { endpoint: 'not a url', keys: {} },
			headers: { origin: server.origin }
		});
		expect(malformed.status()).toBe(400);
		const saved = await phone.request.post(`${server.origin}/api/push/subscription`, {
			data: { endpoint: subscription.endpoint, keys: subscription.keys },
			headers: { origin: server.origin }
		});
		expect(saved.status()).toBe(201);

		await coach.reload();
		await coach.getByRole('button', { name: 'Stuur nu een herinnering' }).click();
		await expect.poll(() => push.received.length, { timeout: 20_000 }).toBe(1);
		expect(push.refused).toEqual([]);
		const payload = push.received[0]!.payload;
		expect(payload).toMatchObject({
			title: tr.push.reminderTitle,
			lang: 'tr',
			url: `/appointments/${appointmentId}`
		});

		// Deliver what the push service got to the phone's service worker, as the push service would.
		await deliverPush(phone, server.origin, payload);
		await expect.poll(() => shownNotifications(phone), { timeout: 10_000 }).toHaveLength(1);
		const [notification] = await shownNotifications(phone);
		expect(notification).toMatchObject({
			title: tr.push.reminderTitle,
			lang: 'tr',
			tag: `appointment-${appointmentId}`
		});
		expect(notification!.body).toContain(tr.type.walk);
	});

	it('the coach sees who has no push, and a no-show becomes a quiet "call" signal', async () => {
		await coach.goto(`${server.origin}/coach`);
		// Henk missed an appointment two days ago (demo data): a call signal, no message to Henk.
		await expect.poll(() => coach.locator('tr:has-text("Henk") .signal.call').count()).toBe(1);
		// Yonas has a paired phone? No: "Nee". Fatma has push now.
		expect(await coach.locator('tr:has-text("Fatma")').textContent()).not.toContain('geen push');
		expect(await axeViolations(coach)).toEqual([]);
		await screenshot(coach, 'coach-caseload-signals');
	});

	it('reads well in Dutch, Arabic (right to left) and Tigrinya, without overflow', async () => {
		for (const [lang, name] of [
			['nl', 'Nederlands'],
			['ar', 'العربية'],
			['ti', 'ትግርኛ']
		] as const) {
			await chooseLanguage(phone, server.origin, lang, name, `/appointments/${appointmentId}`);
			await phone.waitForURL(new RegExp(`/appointments/${appointmentId}`));
			expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
				true
			);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-appointment`);
			if (lang === 'ti')
				expect(await phone.locator('.when').first().textContent()).toMatch(/[\u1200-\u137f]/);
			await phone.goto(`${server.origin}/appointments`);
			await screenshot(phone, `${lang}-appointments`);
			if (lang === 'ti') {
				// Chromium has no Tigrinya calendar data: the date must still be in Tigrinya (made on the server).
				expect(await phone.locator('.when').first().textContent()).toMatch(/[\u1200-\u137f]/);
			}
			await phone.goto(`${server.origin}/appointments/reminders`);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-reminders`);
		}
	});

	it('turning reminders on shows that it is busy, gives up after 15 s and says so; a refusal shows how to allow it', async () => {
		// A phone whose push service never answers, and whose permission the test sets (headless Chromium has no
		// push service, and Playwright cannot refuse the notification permission).
		const context = await phone.context().browser()!.newContext(PHONE);
		await context.addCookies(await phone.context().cookies());
		await context.addInitScript(() => {
			const permission = () =>
				(localStorage.getItem('test-permission') ?? 'default') as NotificationPermission;
			Object.defineProperty(Notification, 'permission', { configurable: true, get: permission });
			Notification.requestPermission = async () => (permission() === 'denied' ? 'denied' : 'granted');
			PushManager.prototype.getSubscription = async () => null;
			PushManager.prototype.subscribe = () => new Promise<PushSubscription>(() => {});
		});
		// The page's own clock, so the 15 s the phone waits for the push service pass at once (and exactly).
		await context.clock.install();
		const page = await context.newPage();
		// This phone had reminders on (above): off again, so the screen offers to turn them on.
		const removed = await page.request.delete(`${server.origin}/api/push/subscription`, {
			data: { endpoint },
			headers: { origin: server.origin }
		});
		expect(removed.ok()).toBe(true);
		for (const [lang, name] of [
			['nl', 'Nederlands'],
			['ar', 'العربية'],
			['ti', 'ትግርኛ']
		] as const) {
			await chooseLanguage(page, server.origin, lang, name, '/appointments/reminders');
			await page.waitForURL(/\/appointments\/reminders$/);
			await page.evaluate(() => localStorage.removeItem('test-permission'));
			await page.reload();
			await page.locator('.reminders button.big:not(.secondary)').click();
			await page.locator('[data-busy]').waitFor();
			expect(await page.locator('[data-busy] .say').count()).toBe(1);
			expect(await page.locator('.reminders button.big:not(.secondary)').isDisabled()).toBe(true);
			// Still waiting after 13 s; given up at 15 s. The page's clock also runs in real time, so nothing slow
			// (a screenshot once took over a second on a loaded CI machine) may come between the tap and here.
			await page.clock.fastForward(13_000);
			expect(await page.locator('[data-busy]').count()).toBe(1);
			expect(await page.locator('.problem').count()).toBe(0);
			await page.clock.fastForward(2_500);
			await page.locator('.problem').waitFor();
			expect(await page.locator('.problem > .pictogram').getAttribute('data-pictogram')).toBe('too-slow');
			expect(await page.locator('[data-busy]').count()).toBe(0);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, `${lang}-reminders-timeout`);

			// Refused: not a dead end. Four steps in pictures and speech, and what the app does instead.
			await page.evaluate(() => localStorage.setItem('test-permission', 'denied'));
			await page.reload();
			await page.locator('[data-how-to-allow]').waitFor();
			expect(await page.locator('.steps li').count()).toBe(4);
			expect(await page.locator('.steps li .say').count()).toBe(4);
			expect(await page.locator('.steps li > .pictogram').count()).toBe(4);
			expect(await page.locator('.instead .say').count()).toBe(1);
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, `${lang}-reminders-denied`);
			// Allowed in the site settings, "try again" goes on (here to the push service that never answers).
			await page.evaluate(() => localStorage.setItem('test-permission', 'granted'));
			await page.locator('button[data-action="try-again"]').click();
			await page.locator('[data-busy]').waitFor();
			await screenshot(page, `${lang}-reminders-busy`);
		}
		await context.close();
	}, 120_000);
});
