import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { chooseLanguage, launchChromium, pairPhone, PHONE } from '../helpers/browser';

const texts = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/participant.json`, 'utf8'));

/** Headless Chromium has no device voices, like many cheap phones: Persian must speak through the server voice. */
describe('the server voice on a phone without voices', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		const context = await browser.newContext(PHONE);
		page = await pairPhone(context, server.origin, server.printedCode());
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('in Persian, the home screen’s speaker plays the server voice', async () => {
		await chooseLanguage(page, server.origin, 'fa', 'فارسی');
		// The intro under the greeting (the greeting holds the participant's name: not spoken by the server voice yet).
		const speaker = page.locator('main .say', { hasText: texts('fa').home.intro }).locator('button.speak');
		// Known from the server's render, before any script ran.
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('server');
		const audio = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/voice/tts/fa/'));
		await speaker.click();
		const response = await audio;
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('audio/wav');
		expect(response.headers()['cache-control']).toContain('immutable');
		expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
		// It plays (the speaker shows it is reading) and ends by itself, with no "no sound" notice.
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 10_000 }).toBe('reading');
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
		expect(await page.getByTestId('no-sound').count()).toBe(0);
	});

	it('in Persian, a tap on a silent speaker says "no sound yet" aloud with the server voice', async () => {
		// The greeting holds the participant's name: the server voice does not speak it, so its speaker is silent.
		const greeting = texts('fa').home.greeting.split('{{')[0].trim();
		const speaker = page.locator('main .say', { hasText: greeting }).first().locator('button.speak');
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('none');
		const notice = page.waitForResponse((r) => new URL(r.url()).pathname === '/voice/tts/fa/voice.noSound');
		await speaker.click();
		await expect(page.getByTestId('no-sound').isVisible()).resolves.toBe(true);
		const response = await notice;
		expect(response.status()).toBe(200);
		expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
	});

	it('in Somali (no server voice, no clip) the speaker shows it cannot speak, and a tap says so in pictures only', async () => {
		await chooseLanguage(page, server.origin, 'so', 'Soomaali');
		const voiceRequests: string[] = [];
		page.on('request', (r) => {
			if (new URL(r.url()).pathname.startsWith('/voice/')) voiceRequests.push(r.url());
		});
		const speaker = page.locator('main button.speak').first();
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('none');
		await speaker.click();
		await expect(page.getByTestId('no-sound').isVisible()).resolves.toBe(true);
		expect(await speaker.getAttribute('data-state')).toBe('silent');
		await page.waitForTimeout(300);
		expect(voiceRequests).toEqual([]);
	});
});
