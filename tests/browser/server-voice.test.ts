import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE
} from '../helpers/browser';
import { wavTone } from '../helpers/audio';

const texts = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/participant.json`, 'utf8'));

/** Headless Chromium has no device voices, like many cheap phones: Persian must speak through the server voice. */
describe('the server voice on a phone without voices', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		const context = await browser.newContext({ ...PHONE, ...NO_WORKER });
		page = await pairPhone(context, server.origin, server.printedCode());
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('in Persian, the home screen’s speaker plays the server voice', async () => {
		await chooseLanguage(page, server.origin, 'fa', 'فارسی');
		// The intro under the greeting: an app text, spoken by its key (one render for everyone).
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

	it('in Persian, a text with a name filled in (the greeting) is spoken too, for the paired phone only', async () => {
		const greeting = texts('fa').home.greeting.split('{{')[0].trim();
		const speaker = page.locator('main .say', { hasText: greeting }).first().locator('button.speak');
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('server');
		const audio = page.waitForResponse((r) => new URL(r.url()).pathname === '/voice/say/fa');
		await speaker.click();
		const response = await audio;
		expect(response.status()).toBe(200);
		expect(new URL(response.url()).searchParams.get('t')).toContain(greeting);
		// It holds a name: kept by this phone only, never by a shared cache.
		expect(response.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
		expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
		await expect.poll(() => speaker.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
		expect(await page.getByTestId('no-sound').count()).toBe(0);
		// Someone without a paired phone gets nothing (no way to keep the server busy with texts of one's own).
		const stranger = await browser.newContext();
		const refused = await stranger.request.get(response.url(), { maxRedirects: 0 });
		expect(refused.status()).toBe(401);
		await stranger.close();
	});

	// Persian, and Tigrinya (no phone has a voice for it): the same screens through the server voice.
	it.each([
		['Persian', 'fa', 'فارسی'],
		['Tigrinya', 'ti', 'ትግርኛ']
	])(
		'in %s, the home screen, an appointment, an activity and a question with its answers speak through the server voice',
		async (_name, lang, own) => {
			if (lang !== 'fa') await chooseLanguage(page, server.origin, lang, own);
			const spoken = async (speaker: ReturnType<Page['locator']>) => {
				await expect.poll(() => speaker.getAttribute('data-source')).toBe('server');
				// Every state the speaker passes through, so a short answer that ends quickly is still seen reading.
				await speaker.evaluate((button) => {
					const seen: string[] = [];
					new MutationObserver(() => seen.push(button.dataset.state ?? '')).observe(button, {
						attributeFilter: ['data-state']
					});
					(button as HTMLElement & { seen?: string[] }).seen = seen;
				});
				const audio = page.waitForResponse((r) =>
					new RegExp(`^/voice/(say|tts)/${lang}`).test(new URL(r.url()).pathname)
				);
				await speaker.click();
				const response = await audio;
				expect(response.status()).toBe(200);
				expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
				const seen = () => speaker.evaluate((b) => (b as HTMLElement & { seen?: string[] }).seen ?? []);
				await expect.poll(seen, { timeout: 10_000 }).toContain('reading');
				// A long text (an activity) need not be heard to the end: a second tap stops it.
				if ((await speaker.getAttribute('data-state')) === 'reading') await speaker.click();
				await expect.poll(() => speaker.getAttribute('data-state')).toBe('idle');
				expect(await seen()).not.toContain('silent');
			};
			await page.goto(`${server.origin}/`);
			await spoken(page.locator('main .tile button.speak').first());
			await page.goto(`${server.origin}/appointments`);
			await spoken(page.locator('main button.speak[data-key^="appointment:"]').first());
			await page.goto(`${server.origin}/activities`);
			await spoken(page.locator('main button.speak[data-key^="activity:"]').first());
			await page.goto(`${server.origin}/questions`);
			await page.locator('main a[href^="/questions/"]').first().click();
			await page.waitForURL(/\/questions\/[^/]+\/[^/]+/);
			// The question, then its first answer.
			const speakers = page.locator('main button.speak[data-key^="survey:"]');
			await expect.poll(() => speakers.count()).toBeGreaterThan(1);
			await spoken(speakers.nth(0));
			await spoken(speakers.nth(1));
			expect(await page.getByTestId('no-sound').count()).toBe(0);
		}
	);

	it('in Persian, a speaker whose sound cannot be fetched says "no sound yet" aloud with the server voice', async () => {
		await chooseLanguage(page, server.origin, 'fa', 'فارسی');
		await page.goto(`${server.origin}/`);
		// Offline, say, and this text never fetched before: the server voice's page text cannot come.
		await page.context().route('**/voice/say/**', (route) => route.abort('internetdisconnected'));
		const greeting = texts('fa').home.greeting.split('{{')[0].trim();
		const speaker = page.locator('main .say', { hasText: greeting }).first().locator('button.speak');
		await expect.poll(() => speaker.getAttribute('data-source')).toBe('server');
		await page.evaluate(() => caches.delete('opstap-voice'));
		const notice = page.waitForResponse((r) => new URL(r.url()).pathname === '/voice/tts/fa/voice.noSound');
		await speaker.click();
		await expect.poll(() => page.getByTestId('no-sound').isVisible()).toBe(true);
		const response = await notice;
		expect(response.status()).toBe(200);
		expect((await response.body()).subarray(0, 4).toString()).toBe('RIFF');
		await page.context().unroute('**/voice/say/**');
	});

	it('in Tigrinya, an appointment’s date speaks through the server voice, and from recorded words once a clip pack brings them', async () => {
		await chooseLanguage(page, server.origin, 'ti', 'ትግርኛ');
		await page.goto(`${server.origin}/appointments`);
		const card = await page
			.locator('main button.speak[data-key^="appointment:"]')
			.first()
			.getAttribute('data-key');
		await page.goto(`${server.origin}/appointments/${card!.slice('appointment:'.length)}`);
		const when = page.locator('main button.speak[data-key^="appointment-when:"]');
		await expect.poll(() => when.getAttribute('data-source')).toBe('server');
		// The words that say it: weekday, day, month, hour, "o'clock" (and the end time), e.g. "words:weekday.4".
		const words = (await when.getAttribute('data-words'))!.split(' ');
		expect(words.length).toBeGreaterThanOrEqual(7);
		expect(words.every((w) => /^words:(weekday|month|number)\.\d+$|^words:oclock$/.test(w))).toBe(true);

		// A translator records them (here: generated tones) under the names the studio's export gives.
		const translator = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
		const exported = await translator.request.get(`${server.origin}/coach/voice/ti/pack.zip`);
		const listed: { key: string; file: string }[] = JSON.parse(
			strFromU8(unzipSync(await exported.body())['texts.json']!)
		).texts;
		const unique = [...new Set(words)];
		const files = Object.fromEntries(
			unique.map((w) => [listed.find((t) => t.key === w)!.file, wavTone(0.3)] as const)
		);
		await translator.goto(`${server.origin}/coach/voice/ti`);
		await translator.locator('input[name="pack"]').setInputFiles({
			name: 'woorden-ti.zip',
			mimeType: 'application/zip',
			buffer: Buffer.from(zipSync(files))
		});
		await translator.getByRole('button', { name: 'Opnamen inladen' }).click();
		await expect
			.poll(() => translator.getByTestId('pack-report').locator('tr[data-outcome="taken"]').count(), {
				timeout: 30_000
			})
			.toBe(unique.length);
		await translator.context().close();

		// The phone now plays the words one after another, in order, instead of the server voice.
		await expect
			.poll(
				async () => {
					await page.reload();
					return when.getAttribute('data-source');
				},
				{ timeout: 45_000 }
			)
			.toBe('clip');
		const played: string[] = [];
		page.on('request', (r) => {
			const path = decodeURIComponent(new URL(r.url()).pathname);
			if (path.startsWith('/voice/') && played.at(-1) !== path) played.push(path);
		});
		await when.click();
		const expected = words.map((w) => `/voice/ti/${w}`);
		await expect.poll(() => played, { timeout: 20_000 }).toEqual(expected);
		await expect.poll(() => when.getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
		expect(await page.getByTestId('no-sound').count()).toBe(0);
	}, 180_000);

	it('a volunteer records one text after another on a phone: record, listen back, redo, keep, skip; the studio searches', async () => {
		const volunteer = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
		await volunteer.setViewportSize({ width: 390, height: 844 });
		// Ukrainian: no other test here records in it.
		await volunteer.goto(`${server.origin}/coach/voice/uk/next`);
		const text = volunteer.locator('article.text');
		const progress = volunteer.getByTestId('progress');
		const recorded = async () => Number((await progress.textContent())!.match(/^(\d+)/)![1]);
		const before = await recorded();
		const first = (await text.getAttribute('data-key'))!;
		// What participants hear most comes first: the app's name and the home screen.
		expect(first).toMatch(/^(app|home)\./);
		const phase = () => volunteer.locator('.recorder').getAttribute('data-phase');
		// The keyboard drives it: Space records and stops (the recording plays back), R records again, Enter keeps.
		await expect.poll(phase).toBe('idle');
		await volunteer.keyboard.press('Space');
		await expect.poll(phase).toBe('recording');
		await volunteer.waitForTimeout(600);
		await volunteer.keyboard.press('Space');
		await expect.poll(phase).toBe('recorded');
		expect(await volunteer.locator('.recorder audio').getAttribute('autoplay')).not.toBeNull();
		await volunteer.keyboard.press('r');
		await expect.poll(phase).toBe('recording');
		await volunteer.waitForTimeout(600);
		await volunteer.keyboard.press('Space');
		await expect.poll(phase).toBe('recorded');
		await volunteer.keyboard.press('Enter');
		await expect.poll(() => text.getAttribute('data-key'), { timeout: 20_000 }).not.toBe(first);
		expect(await recorded()).toBe(before + 1);
		const clip = await volunteer.request.get(`${server.origin}/voice/uk/${encodeURIComponent(first)}`);
		expect(clip.status()).toBe(200);
		expect(clip.headers()['content-type']).toMatch(/^audio\//);
		// Skip: on to the next one, the skipped text stays to record.
		const second = (await text.getAttribute('data-key'))!;
		await volunteer.getByRole('link', { name: 'Overslaan' }).click();
		await expect.poll(() => text.getAttribute('data-key')).not.toBe(second);
		expect(await recorded()).toBe(before + 1);
		expect(await axeViolations(volunteer)).toEqual([]);
		await volunteer.screenshot({ path: 'test-results/screens/coach-voice-next-390.png', fullPage: true });
		// The studio's search: the skipped text is found, and still listed as to record.
		await volunteer.goto(`${server.origin}/coach/voice/uk?q=${encodeURIComponent(second)}&show=missing`);
		await expect.poll(() => volunteer.locator(`ol.texts li[data-key="${second}"]`).count()).toBe(1);
		await volunteer.goto(`${server.origin}/coach/voice/uk?q=${encodeURIComponent(first)}&show=missing`);
		expect(await volunteer.locator(`ol.texts li[data-key="${first}"]`).count()).toBe(0);
		expect(await volunteer.getByTestId('shown').textContent()).toMatch(/^\d+ van \d+ teksten getoond/);
		await volunteer.context().close();
	}, 180_000);

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

	it('in Somali, a clip pack from a translator makes the phone speak: imported in the studio, played from the clip', async () => {
		const translator = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
		await translator.setViewportSize({ width: 1366, height: 768 });
		await translator.goto(`${server.origin}/coach/voice/so`);
		// The texts to record, as a zip with a spreadsheet.
		const exported = await translator.request.get(`${server.origin}/coach/voice/so/pack.zip`);
		expect(exported.headers()['content-type']).toBe('application/zip');
		const texts = JSON.parse(strFromU8(unzipSync(await exported.body())['texts.json']!));
		const intro = texts.texts.find((t: { key: string }) => t.key === 'home.intro');
		// What comes back: one recording under the name the spreadsheet gave, and one file that is no recording.
		const pack = zipSync({ [intro.file]: wavTone(1.2), 'home.greeting.wav': strToU8('not a sound') });
		await translator.locator('input[name="pack"]').setInputFiles({
			name: 'opnamen-so.zip',
			mimeType: 'application/zip',
			buffer: Buffer.from(pack)
		});
		await translator.getByRole('button', { name: 'Opnamen inladen' }).click();
		const report = translator.getByTestId('pack-report');
		await expect.poll(() => report.locator('tr[data-outcome="taken"]').count()).toBe(1);
		expect(await report.locator('tr[data-outcome="refused"]').textContent()).toContain('geen geluidsbestand');
		expect(await axeViolations(translator)).toEqual([]);
		// The studio lists all 600 texts: the picture is of the pack's part only.
		await translator
			.locator('section.pack')
			.screenshot({ path: 'test-results/screens/coach-voice-pack-imported.png' });

		await chooseLanguage(page, server.origin, 'so', 'Soomaali');
		const speaker = page.locator(`main button.speak[data-key="${intro.key}"]`);
		await expect.poll(() => speaker.getAttribute('data-source'), { timeout: 45_000 }).toBe('clip');
		const clip = page.waitForResponse((r) => new URL(r.url()).pathname === '/voice/so/home.intro');
		await speaker.click();
		expect((await clip).status()).toBe(200);
		await translator.context().close();
	}, 300_000); // the studio lists every text: a long page to check with axe on a loaded machine
});
