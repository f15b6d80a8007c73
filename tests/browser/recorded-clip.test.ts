import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	pairPhone,
	PHONE,
	screenshot,
	waitForServiceWorker,
	waitUntilCached
} from '../helpers/browser';
import { wavTone } from '../helpers/audio';

describe('Tigrinya speaks through a recorded clip, also offline', () => {
	let server: RunningServer;
	let browser: Browser;
	let studio: Page;

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		studio = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
		await studio.waitForURL(/\/coach\/voice$/);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	const row = (key: string) => studio.locator(`li[data-key="${key}"]`);
	async function upload(key: string, name: string, mimeType: string, buffer: Buffer) {
		await row(key).locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
		await row(key)
			.getByRole('button', { name: /Upload|Vervang/ })
			.click();
	}

	it('a translator sees no participants, and the coverage per language', async () => {
		expect(await studio.getByRole('link', { name: 'Deelnemers' }).count()).toBe(0);
		expect(await studio.getByTestId('coverage-ti').textContent()).toMatch(/^0 van \d+$/);
		// Somali: no server voice, no clip yet, so every text is silent on a phone without a Somali voice.
		expect(await studio.getByTestId('server-so').textContent()).toContain('geen');
		const silent = (await studio.getByTestId('silent-so').textContent())!.match(/^(\d+) van (\d+)$/);
		expect(silent?.[1]).toBe(silent?.[2]);
		expect(await studio.getByTestId('server-fa').textContent()).toMatch(/^[1-9]\d* van \d+$/);
		expect(await axeViolations(studio)).toEqual([]);
	});

	it('rejects a file that is not audio (by content, whatever its name) and one that is too large', async () => {
		await studio.goto(`${server.origin}/coach/voice/ti`);
		await upload(
			'home.intro',
			'stem.wav',
			'audio/wav',
			Buffer.from('%PDF-1.4 this is a document, not a recording')
		);
		await expect
			.poll(() => row('home.intro').getByRole('alert').textContent())
			.toContain('geen geluidsbestand');
		await upload('home.intro', 'lang.wav', 'audio/wav', wavTone(30));
		await expect.poll(() => row('home.intro').getByRole('alert').textContent()).toContain('te groot');
		expect(await row('home.intro').locator('audio').count()).toBe(0);
	});

	it('uploads a clip for a Tigrinya text, then replaces it', async () => {
		await upload('home.intro', 'intro.wav', 'audio/wav', wavTone(1.2, 440));
		await expect.poll(() => row('home.intro').getByRole('status').textContent()).toContain('Opname bewaard');
		const first = await row('home.intro').locator('audio').getAttribute('src');
		await upload('home.intro', 'intro2.wav', 'audio/wav', wavTone(1.5, 520));
		await expect
			.poll(() => row('home.intro').getByRole('status').textContent())
			.toContain('Opname vervangen');
		const second = await row('home.intro').locator('audio').getAttribute('src');
		expect(await row('home.intro').locator('[data-source]').getAttribute('data-source')).toBe('clip');
		// A text with a number filled in: the server voice speaks it on the paired phone (as a page text).
		expect(await row('pair.triesLeft_one').locator('[data-source]').getAttribute('data-source')).toBe(
			'server'
		);
		expect(second).not.toBe(first);
		const clip = await fetch(`${server.origin}${second}`);
		expect(clip.headers.get('content-type')).toBe('audio/wav');
		expect(clip.headers.get('cache-control')).toContain('immutable');
		await studio.goto(`${server.origin}/coach/voice`);
		expect(await studio.getByTestId('coverage-ti').textContent()).toMatch(/^1 van \d+$/);
	});

	it('the participant’s speaker plays the clip, online and with the server gone', async () => {
		const context = await browser.newContext(PHONE);
		const page = await pairPhone(context, server.origin, server.printedCode().replace(' ', ''));
		await chooseLanguage(page, server.origin, 'ti', 'ትግርኛ');
		const speaker = page
			.locator('.say', { hasText: /./ })
			.filter({ has: page.locator('[data-source="clip"]') })
			.locator('button.speak');
		await expect.poll(() => speaker.count()).toBe(1);
		const clipRequests: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/voice/ti/home.intro')) clipRequests.push(r.url());
		});

		await speaker.click();
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 2000 }).toBe('reading');
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 5000 }).toBe('idle');
		expect(clipRequests.length).toBeGreaterThan(0);
		await screenshot(page, 'ti-home-with-clip');

		// Once the service worker runs, it keeps this page and this language's clips; then the server goes away.
		await waitForServiceWorker(page);
		await waitUntilCached(page, '/voice/ti/home.intro');
		await server.stop();
		await context.setOffline(true);
		await page.reload();
		await expect.poll(() => speaker.count()).toBe(1);
		await speaker.click();
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 2000 }).toBe('reading');
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 5000 }).toBe('idle');
		await context.close();
	});
});
