import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	AXE_LANGUAGES,
	axeViolations,
	chooseLanguage,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE,
	screenshot,
	settled
} from '../helpers/browser';
import { LANGUAGES } from '../../src/lib/i18n/languages';

/** Every text key of the source language: none of them may show up raw on a page (a missing translation). */
function keysOf(value: unknown, prefix = ''): string[] {
	return value && typeof value === 'object'
		? Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
		: [prefix];
}
const DUTCH_KEYS = [
	...keysOf(JSON.parse(readFileSync('locales/nl/participant.json', 'utf8'))),
	// The consent screens' own namespace (issue 16).
	...keysOf(JSON.parse(readFileSync('locales/nl/consent.json', 'utf8')))
].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ''));
const PAGES = [
	'/',
	'/questions',
	'/appointments',
	'/appointments/reminders',
	'/activities',
	'/my-coach',
	'/settings',
	'/help',
	'/about',
	'/kit',
	'/language',
	'/consent?step=coaching',
	'/consent?step=team',
	'/consent?step=research',
	'/settings/privacy',
	'/settings/my-data'
];

describe('participant screens in every language', () => {
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	describe('every page in every language: nothing wider than 320 px, no missing text, the right direction; no WCAG 2.1 AA violation (one language per script)', () => {
		let page: Page;
		const pageErrors: string[] = [];
		beforeAll(async () => {
			const context = await browser.newContext({
				...PHONE,
				viewport: { width: 320, height: 700 },
				...NO_WORKER
			});
			page = await pairPhone(context, server.origin, server.printedCode().replace(' ', ''));
			// A script error on any page fails its language (an effect that loops only logs, the page looks fine).
			page.on('pageerror', (e) => pageErrors.push(`${new URL(page.url()).pathname}: ${e.message}`));
		});
		afterAll(async () => {
			await page?.context().close();
		});

		// One test per language: each gets its own time budget, and a failure names the language.
		it.each(LANGUAGES.map((l) => [l.code, l] as const))('%s', async (_code, language) => {
			const problems: string[] = [];
			pageErrors.length = 0;
			await chooseLanguage(page, server.origin, language.code, language.name);
			for (const path of PAGES) {
				await page.goto(`${server.origin}${path}`);
				await settled(page);
				expect(await page.getAttribute('html', 'dir')).toBe(language.dir);
				expect(await page.getAttribute('html', 'lang')).toBe(language.code);
				const where = `${language.code} ${path}`;
				if (AXE_LANGUAGES.includes(language.code))
					for (const v of await axeViolations(page)) problems.push(`${where}: ${v}`);
				const width = await page.evaluate(() => document.documentElement.scrollWidth);
				if (width > 320) problems.push(`${where}: ${width} px wide at 320 px`);
				const text = await page.evaluate(() => document.body.innerText);
				const raw = DUTCH_KEYS.filter((key) => key.includes('.') && text.includes(key));
				if (raw.length) problems.push(`${where}: untranslated keys ${raw.join(', ')}`);
			}
			expect(problems).toEqual([]);
			expect(pageErrors).toEqual([]);
		});
	});

	it('stays usable with the text at 200 %: nothing wider than the phone', async () => {
		await server.restart(); // each start prints a fresh one-time code for the demo participant
		const context = await browser.newContext({ ...PHONE, ...NO_WORKER });
		const page = await pairPhone(context, server.origin, server.printedCode().replace(' ', ''));
		const problems: string[] = [];
		for (const [code, name] of [
			['nl', 'Nederlands'],
			['ar', 'العربية'],
			['ti', 'ትግርኛ']
		] as const) {
			await chooseLanguage(page, server.origin, code, name);
			for (const path of ['/', '/kit', '/settings', '/help', '/questions', '/language']) {
				await page.goto(`${server.origin}${path}`);
				await settled(page);
				// Android's font-size setting scales rem-based text like this.
				await page.addStyleTag({ content: 'html { font-size: 200% !important; }' }).catch(() => {});
				await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
				const width = await page.evaluate(() => document.documentElement.scrollWidth);
				if (width > PHONE.viewport.width) problems.push(`${code} ${path}: ${width} px wide at 200 % text`);
			}
			await screenshot(page, `zoom200-${code}-language`);
		}
		expect(problems).toEqual([]);
		await context.close();
	});

	it('writes screenshots of the home and of every kit component in Dutch, Arabic and Tigrinya', async () => {
		const context = await browser.newContext({ ...PHONE, ...NO_WORKER });
		const issued = server.printedCode(); // each start prints a fresh code for Fatma; pair a second phone
		await server.restart();
		expect(server.printedCode()).not.toBe(issued);
		const page = await pairPhone(context, server.origin, server.printedCode().replace(' ', ''));
		for (const [code, name] of [
			['nl', 'Nederlands'],
			['ar', 'العربية'],
			['ti', 'ትግርኛ']
		] as const) {
			await chooseLanguage(page, server.origin, code, name);
			await page.goto(`${server.origin}/`);
			await page.waitForLoadState('networkidle');
			await screenshot(page, `kit-${code}-home`);
			await page.goto(`${server.origin}/kit`);
			await page.waitForLoadState('networkidle');
			await page.locator('[data-kit="faces"] label').nth(3).click();
			await page.locator('[data-kit="grid"] label').nth(0).click();
			for (const kit of ['faces', 'grid', 'scale10', 'yesno', 'digits', 'record']) {
				await page
					.locator(`[data-kit="${kit}"]`)
					.screenshot({ path: `test-results/screens/kit-${code}-${kit}.png` });
			}
			await screenshot(page, `kit-${code}-all`);
			await page.goto(`${server.origin}/settings`);
			await screenshot(page, `kit-${code}-settings`);
		}
		await context.close();
	});
});
