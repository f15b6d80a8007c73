import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { WALK_ENGINES, freshPostgresUrl } from '../helpers/db';
import { LANGUAGES } from '../../src/lib/i18n/languages';
import {
	AXE_LANGUAGES,
	axeViolations,
	chooseLanguage,
	coachLogin,
	deliverPush,
	launchChromium,
	NO_WORKER,
	pairPhone,
	PHONE,
	screenshot,
	settled,
	shownNotifications,
	subscribeToTestPush,
	waitForServiceWorker,
	waitUntilCached,
	syncLine
} from '../helpers/browser';
import { startPushEndpoint, type PushEndpoint, type TestSubscription } from '../helpers/push-endpoint';
import { readFileSync } from 'node:fs';

const ti = JSON.parse(readFileSync('locales/ti/messages.json', 'utf8'));

const states = (page: Page) =>
	page.locator('.thread li.mine').evaluateAll((items) => items.map((i) => i.getAttribute('data-state')));

describe.each(WALK_ENGINES)(
	'a participant in Tigrinya writes to their coach with the network off (%s)',
	(engine) => {
		let server: RunningServer;
		let browser: Browser;
		let page: Page;
		let coach: Page;
		let participantId = '';
		let push: PushEndpoint;
		let subscription: TestSubscription;
		let postgres: { url: string; drop: () => Promise<void> } | undefined;

		beforeAll(async () => {
			if (engine === 'postgres') postgres = await freshPostgresUrl();
			push = await startPushEndpoint();
			server = await startBuiltServer({
				// The server trusts the local push service's certificate, as it would a real one's.
				NODE_EXTRA_CA_CERTS: push.caFile,
				PUSH_SERVICE_HOSTS: push.host,
				PUSH_POLL_MS: '300',
				...(postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: '1' } : {})
			});
			browser = await launchChromium();
		});
		// When a step fails, what the server said around it helps more than the timeout alone.
		beforeEach(({ onTestFailed }) => {
			onTestFailed(() => console.log(`server output (end):\n${server?.output().slice(-3000)}`));
		});
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
			server?.cleanup();
			await postgres?.drop();
			await push?.close();
		});

		it('"My coach" shows the coach, a call button and the working hours, spoken and accessible', async () => {
			page = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
			await chooseLanguage(page, server.origin, 'ti', 'ትግርኛ', '/my-coach');
			await page.waitForURL(/\/my-coach$/);
			expect(await page.locator('.coach .name').textContent()).toBe('Lotte de Vries');
			expect(await page.locator('a[href^="tel:"]').first().getAttribute('href')).toBe('tel:+31241234501');
			expect(await page.locator('.hours li').count()).toBe(7);
			// Every text has its speaker; the texts are Tigrinya (Ethiopic script).
			expect(await page.locator('.coach .say').count()).toBeGreaterThan(8);
			expect(await page.locator('h1').textContent()).toMatch(/[\u1200-\u137F]/);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, 'ti-my-coach');
			await page.locator('a[href="/my-coach/messages"]').click();
			await page.waitForURL(/\/my-coach\/messages$/);
			await waitForServiceWorker(page);
			await waitUntilCached(page, '/my-coach/messages');
			expect(await axeViolations(page)).toEqual([]);
		});

		it('records a voice note, picks a photo, sends a quick message and a text, all offline; nothing is lost on reload', async () => {
			const photo = await page.screenshot({ type: 'png' }); // a real image, as a photo of a letter would be
			await page.context().setOffline(true);
			// A recording can be cancelled while it runs: nothing is kept or sent, and the phone says so.
			await page.locator('button[data-action="record"]').click();
			await page.locator('button[data-action="cancel"]').click();
			await page.locator('[data-notice="messages:chat.voiceDeleted"]').waitFor();
			expect(await page.locator('.thread li[data-kind="voice"]').count()).toBe(0);
			// After stop it is not sent yet: the participant listens back, then sends it or throws it away.
			const recordAndStop = async () => {
				await page.locator('button[data-action="record"]').click();
				await page.locator('button[data-action="stop"]').waitFor();
				await page.waitForTimeout(1500);
				await page.locator('button[data-action="stop"]').click();
				await page.locator('[data-preview]').waitFor();
			};
			await recordAndStop();
			expect(await page.locator('[data-preview] .say').count()).toBe(1);
			const listened = await page.locator('[data-preview] audio').evaluate(
				(audio: HTMLAudioElement) =>
					new Promise<boolean>((resolve, reject) => {
						audio.onerror = () => reject(new Error('cannot play'));
						audio.onplaying = () => resolve(true);
						void audio.play();
					})
			);
			expect(listened).toBe(true);
			await screenshot(page, 'ti-voice-listen-back');
			await page.locator('button[data-action="delete-voice"]').click();
			await page.locator('[data-notice="messages:chat.voiceDeleted"]').waitFor();
			expect(await page.locator('.thread li[data-kind="voice"]').count()).toBe(0);
			await recordAndStop();
			await page.locator('button[data-action="send-voice"]').click();
			await expect.poll(() => page.locator('.thread li[data-kind="voice"]').count()).toBe(1);
			await page
				.locator('input[type=file]')
				.setInputFiles({ name: 'brief.png', mimeType: 'image/png', buffer: photo });
			await expect.poll(() => page.locator('.thread li[data-kind="photo"]').count()).toBe(1);
			// A quick message waits five seconds in view with a big "don't send" before it enters the outbox.
			await page.locator('button[name="quick"][value="callMe"]').click();
			await page.locator('[data-held="callMe"]').waitFor();
			expect(await page.locator('[data-held] .say').count()).toBe(1);
			expect(
				await page.locator('[data-held] button[data-action="undo"] .pictogram').getAttribute('data-pictogram')
			).toBe('undo');
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, 'ti-quick-held');
			await page.locator('button[data-action="undo"]').click();
			await page.locator('[data-notice="messages:chat.undone"]').waitFor();
			expect(await page.locator('.thread li[data-kind="quick"]').count()).toBe(0);
			await page.waitForTimeout(5500); // undone means never sent, also after the wait
			expect(await page.locator('.thread li[data-kind="quick"]').count()).toBe(0);
			// Left alone, it goes by itself after the wait.
			await page.locator('button[name="quick"][value="ill"]').click();
			expect(await page.locator('.thread li[data-kind="quick"]').count()).toBe(0);
			await expect
				.poll(() => page.locator('.thread li[data-kind="quick"]').count(), { timeout: 8000 })
				.toBe(1);
			await page.locator('textarea[name="text"]').fill('ሰላም ሎተ');
			await page.locator('form.write button[type=submit]').click();
			await expect.poll(() => states(page)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
			// An empty message: a clear message in Tigrinya, nothing queued.
			await page.locator('form.write button[type=submit]').click();
			expect(await page.locator('.problem').textContent()).toMatch(/[\u1200-\u137F]/);
			expect((await states(page)).length).toBe(4);
			await screenshot(page, 'ti-messages-offline');
			// The photo on the phone is downscaled and re-encoded before it is kept.
			const kept = await page.evaluate(async () => {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const open = indexedDB.open('opstap');
					open.onsuccess = () => resolve(open.result);
					open.onerror = () => reject(open.error);
				});
				const all = await new Promise<{ mime: string; data: ArrayBuffer }[]>((resolve) => {
					const request = db.transaction('attachments').objectStore('attachments').getAll();
					request.onsuccess = () => resolve(request.result);
				});
				return all.map((r) => ({ mime: r.mime, bytes: r.data.byteLength }));
			});
			expect(kept.map((k) => k.mime.split(';')[0]).sort()).toEqual(['audio/webm', 'image/jpeg']);
			expect(kept.every((k) => k.bytes > 0 && k.bytes < 450_000)).toBe(true);
			await page.reload();
			await expect.poll(() => states(page)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
		});

		it('arrives exactly once through a network cut and a server restart while sending', async () => {
			await server.stop();
			await page.context().setOffline(false);
			// The phone tries while the server is down: everything stays in the outbox.
			await page.evaluate(() => window.dispatchEvent(new Event('online')));
			await page.waitForTimeout(1000);
			expect(await states(page)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
			await server.restart();
			await page.reload();
			await expect
				.poll(() => states(page), { timeout: 20_000 })
				.toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
			await screenshot(page, 'ti-messages-delivered');
			// The network cuts while a message is being sent: the server stores it, the phone never hears back and
			// sends it again. Still one message.
			let cut = 0;
			await page.context().route('**/api/sync', async (route) => {
				if (cut++ > 0) return route.continue();
				await route.fetch();
				await route.abort('connectionreset');
			});
			await page.locator('textarea[name="text"]').fill('ሓንቲ ሕቶ');
			await page.locator('form.write button[type=submit]').click();
			await expect.poll(() => cut).toBe(1);
			// The phone has given up on this attempt (no answer: it counts as offline) and keeps the message.
			await expect.poll(() => syncLine(page)).toBe('offline');
			expect((await states(page)).at(-1)).toBe('waiting');
			await page.evaluate(() => window.dispatchEvent(new Event('online'))); // the phone tries again
			await expect
				.poll(() => states(page), { timeout: 20_000 })
				.toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
			await page.context().unroute('**/api/sync');
			await page.reload();
			expect((await states(page)).length).toBe(5);
		});

		it('the coach sees the unread count without reloading, plays the voice note, sees the photo and the quick message in Dutch, and replies', async () => {
			coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
			await coach.goto(`${server.origin}/coach/messages`);
			const fatma = coach.locator('.inbox li', { hasText: 'Fatma' });
			expect(await fatma.locator('.count').getAttribute('data-unread')).toBe('5');
			participantId = (await fatma.getAttribute('data-participant'))!;
			// A new message arrives while the inbox is open: the count follows without a reload.
			await page.locator('button[name="quick"][value="late"]').click();
			await page.locator('button[data-action="send-now"]').click(); // no need to wait the five seconds
			await expect
				.poll(() => fatma.locator('.count').getAttribute('data-unread'), { timeout: 15_000 })
				.toBe('6');
			// The menu counts the whole caseload: Fatma's six and the demo's unread messages of Yonas and Samira.
			expect(await coach.locator('.messages-link').getAttribute('data-unread')).toBe('8');
			expect(await axeViolations(coach)).toEqual([]);
			await fatma.locator('a').click();
			await coach.waitForURL(/\/messages$/);
			const thread = coach.locator('.thread');
			expect(await thread.locator('li[data-kind="quick"]').first().textContent()).toContain('Ik ben ziek.');
			expect(await thread.textContent()).toContain('ሰላም ሎተ');
			// Shown in the Ethiopic font, not as empty boxes: the workspace loads it for the participant's script.
			await expect
				.poll(() =>
					coach.evaluate(() =>
						[...document.fonts].some((f) => f.family.includes('Ethiopic') && f.status === 'loaded')
					)
				)
				.toBe(true);
			const duration = await thread.locator('audio').evaluate(
				(audio: HTMLAudioElement) =>
					new Promise<number>((resolve, reject) => {
						audio.onerror = () => reject(new Error('cannot play'));
						audio.onloadedmetadata = () => {
							void audio.play().then(() => resolve(audio.duration));
						};
						audio.load();
					})
			);
			expect(duration).toBeGreaterThan(0);
			const image = thread.locator('li[data-kind="photo"] img');
			await expect
				.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
				.toBeGreaterThan(100);
			expect(await axeViolations(coach)).toEqual([]);
			await screenshot(coach, 'coach-thread');
			// The phone has reminders and message pushes on (its subscription points at the local push service).
			subscription = push.subscribe();
			await subscribeToTestPush(page, server.origin, subscription);
			await coach.locator('form[action="?/reply"] textarea').fill('Beterschap! Ik bel je morgen.');
			await coach.locator('form[action="?/reply"] button').click();
			await coach.locator('.ok').waitFor();
			expect(await thread.locator('li.coach').last().textContent()).toContain('Beterschap!');
		});

		it('the reply arrives as a push in Tigrinya, and the service worker shows it', async () => {
			const mine = () => push.received.filter((r) => r.subscription === subscription.id);
			await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(1);
			expect(push.refused).toEqual([]);
			const payload = mine()[0]!.payload;
			// Who wrote, in Tigrinya; what they wrote stays off the lock screen.
			expect(payload).toMatchObject({
				lang: 'ti',
				url: '/my-coach/messages',
				tag: 'messages',
				body: ti.notify.body
			});
			expect(payload.title).toBe(ti.notify.title.replace('{{name}}', 'Lotte de Vries'));
			expect(JSON.stringify(payload)).not.toContain('Beterschap');
			await deliverPush(page, server.origin, payload);
			await expect.poll(() => shownNotifications(page), { timeout: 10_000 }).toHaveLength(1);
			expect((await shownNotifications(page))[0]).toMatchObject({
				title: payload.title,
				lang: 'ti',
				tag: 'messages'
			});
		});

		it('the participant sees the reply and that the coach read their messages', async () => {
			await page.reload();
			await expect
				.poll(() => page.locator('.thread li:not(.mine)').last().textContent())
				.toContain('Beterschap!');
			expect(await states(page)).toEqual(['read', 'read', 'read', 'read', 'read', 'read']);
			// The coach sees it read once the phone has shown it.
			await coach.reload();
			expect(await coach.locator('.thread li.coach').last().textContent()).toContain('gelezen');
			const download = await page.request.get(`${server.origin}/my-coach/messages/download`);
			expect(await download.text()).toContain('Beterschap!');
		});

		it('the coach sends a quick message and a voice note; the phone shows a picture, speaks it in Tigrinya and plays the note', async () => {
			// A quick message: the coach picks it by its Dutch text, the phone shows its own language.
			await coach.getByRole('button', { name: 'Goed gedaan!' }).click();
			await expect
				.poll(() => coach.locator('.thread li.coach[data-kind="quick"]').last().textContent())
				.toContain('Goed gedaan!');
			// A voice note, recorded with the (fake) microphone, listened back and sent.
			const recorder = coach.getByTestId('voice-note');
			await recorder.getByRole('button', { name: 'Opnemen' }).click();
			await coach.waitForTimeout(1200);
			await recorder.getByRole('button', { name: 'Stop opname' }).click();
			await recorder.getByRole('button', { name: 'Versturen' }).click();
			const sent = coach.locator('.thread li.coach[data-kind="voice"]').last();
			await expect.poll(() => sent.count(), { timeout: 15_000 }).toBe(1);
			expect(await sent.textContent()).toMatch(/Gesproken bericht \(0:0[1-9]\)/);
			expect(await axeViolations(coach)).toEqual([]);

			// The home screen shows it on the "My coach" tile: a number, and the speaker says "new message".
			await page.goto(`${server.origin}/`);
			const tile = page.locator('.tile', { has: page.locator('a[href="/my-coach"]') });
			expect(await tile.getByTestId('tile-news').textContent()).toBe('2');
			expect(await tile.locator('button.speak').getAttribute('data-words')).toBe(
				'home.tiles.coach home.newMessages'
			);
			await screenshot(page, 'participant-home-news');
			await tile.locator('a').click();
			await page.waitForURL(/\/my-coach$/);
			await page.goto(`${server.origin}/my-coach/messages`);
			const quick = page.locator('.thread li:not(.mine)[data-kind="quick"]').last();
			expect(await quick.textContent()).toContain(ti.quick.wellDone);
			expect(await quick.locator('.pictogram').count()).toBeGreaterThan(0);
			// Spoken by its key: a recorded clip or the server voice (Tigrinya has eSpeak), never silent.
			const speaker = quick.locator('button.speak');
			expect(await speaker.getAttribute('data-key')).toBe('messages:quick.wellDone');
			await expect.poll(() => speaker.getAttribute('data-source')).not.toBe('none');
			const note = page.locator('.thread li:not(.mine)[data-kind="voice"]').last();
			const src = (await note.locator('audio').getAttribute('src'))!;
			const file = await page.request.get(new URL(src, server.origin).href);
			expect(file.status()).toBe(200);
			expect(file.headers()['content-type']).toMatch(/^audio\/webm/);
			await note.locator('button.play').click();
			await expect.poll(() => note.locator('button.play').getAttribute('data-state')).toBe('playing');
			await screenshot(page, 'participant-coach-voice-note');
		});

		it('nobody else reads the thread or fetches a file, not even by guessing ids; bad files get a clear answer', async () => {
			const attachment = (await coach.locator('li[data-kind="photo"] img').getAttribute('src'))!;
			const translator = await coachLogin(browser, server.origin, 'tesfay@demo.opstap.nl');
			// A translator has no caseload at all: refused by role (403) before anything is looked up.
			for (const path of [
				`/coach/participants/${participantId}/messages`,
				attachment,
				`/coach/attachments/${randomUUID()}`
			]) {
				expect((await translator.request.get(`${server.origin}${path}`)).status()).toBe(403);
			}
			// A stranger without a paired phone, and the participant guessing an id.
			expect((await fetch(`${server.origin}/api/attachments/${attachment.split('/').pop()}`)).status).toBe(
				401
			);
			expect((await page.request.get(`${server.origin}/api/attachments/${randomUUID()}`)).status()).toBe(404);
			expect(
				(await page.request.get(`${server.origin}/api/attachments/${attachment.split('/').pop()}`)).status()
			).toBe(200);

			const put = (body: Buffer) =>
				page.request.put(`${server.origin}/api/attachments/${randomUUID()}`, {
					data: body,
					headers: { 'content-type': 'image/jpeg' }
				});
			const huge = await put(Buffer.alloc(50 * 1024 * 1024, 1));
			expect(huge.status()).toBe(413);
			expect((await huge.json()).message).toMatch(/[\u1200-\u137F]/);
			const exe = await put(Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(4000)]));
			expect(exe.status()).toBe(400);
			expect(await exe.json()).toMatchObject({ reason: 'not_media' });
			const sync = await page.request.post(`${server.origin}/api/sync`, {
				data: {
					entries: [
						{
							kind: 'message',
							clientId: randomUUID(),
							at: new Date().toISOString(),
							data: { kind: 'text', text: '' }
						},
						{
							kind: 'message',
							clientId: randomUUID(),
							at: new Date().toISOString(),
							data: { kind: 'voice', attachmentId: randomUUID(), durationMs: 180_000 }
						}
					]
				}
			});
			expect(sync.status()).toBe(400);
			expect((await sync.json()).results.map((r: { reason: string }) => r.reason)).toEqual([
				'empty',
				'voiceTooLong'
			]);
			await coach.reload();
			expect(await coach.locator('.thread li').count()).toBe(9); // 6 from the phone, 3 from the coach: nothing else stored
		});

		it('both screens in every language: nothing wider than 320 px, no raw keys; no WCAG 2.1 AA violation (one language per script)', async () => {
			const small = await page
				.context()
				.browser()!
				.newContext({ ...PHONE, viewport: { width: 320, height: 700 }, ...NO_WORKER });
			await small.addCookies(await page.context().cookies());
			const phone = await small.newPage();
			const problems: string[] = [];
			for (const language of LANGUAGES) {
				await chooseLanguage(phone, server.origin, language.code, language.name);
				for (const path of ['/my-coach', '/my-coach/messages']) {
					await phone.goto(`${server.origin}${path}`);
					await settled(phone);
					const where = `${language.code} ${path}`;
					if (AXE_LANGUAGES.includes(language.code))
						for (const v of await axeViolations(phone)) problems.push(`${where}: ${v}`);
					const width = await phone.evaluate(() => document.documentElement.scrollWidth);
					if (width > 320) problems.push(`${where}: ${width} px wide at 320 px`);
					const text = await phone.evaluate(() => document.body.innerText);
					if (/messages:|myCoach\.|chat\.|quick\./.test(text)) problems.push(`${where}: untranslated key`);
				}
				// The held quick message, in every language: fits, passes, and "don't send" keeps it off the outbox.
				await phone.locator('button[name="quick"][value="letter"]').click();
				await phone.locator('[data-held="letter"]').waitFor();
				if (AXE_LANGUAGES.includes(language.code))
					for (const v of await axeViolations(phone)) problems.push(`${language.code} held: ${v}`);
				const heldWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
				if (heldWidth > 320) problems.push(`${language.code} held: ${heldWidth} px wide at 320 px`);
				if (['nl', 'ar'].includes(language.code)) {
					await phone.setViewportSize({ width: 390, height: 844 });
					await screenshot(phone, `${language.code}-quick-held`);
					await phone.setViewportSize({ width: 320, height: 700 });
				}
				await phone.locator('button[data-action="undo"]').click();
			}
			expect(problems).toEqual([]);
			await screenshot(phone, 'pl-messages-320');
			await small.close();
		}, 240_000);
	}
);
