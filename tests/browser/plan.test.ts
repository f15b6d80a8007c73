import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	axeViolations,
	AXE_LANGUAGES,
	chooseLanguage,
	coachLogin,
	launchChromium,
	pairPhone,
	PHONE,
	screenshot,
	settled,
	waitForServiceWorker,
	waitUntilCached,
	outboxOf,
	noOverflow
} from '../helpers/browser';

const LANGUAGES = [
	['nl', 'Nederlands'],
	['ar', 'العربية'],
	['ti', 'ትግርኛ']
] as const;
const GOAL = 'Elke week naar het taalcafé';
const GOAL_TR = 'Her hafta dil kafesine gitmek';
const STEP = 'Donderdag met Lotte naar het taalcafé';

/** A day a few days from now, as the date field takes it. */
function inDays(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

describe('"My plan": the coach sets a goal with steps, the participant ticks one offline, the coach sees it', () => {
	let server: RunningServer;
	let browser: Browser;
	let coach: Page;
	let phone: Page;
	let participantUrl = '';

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it("Lotte writes a goal and two steps on Fatma's page at 1366×768; bad input gets a Dutch reason", async () => {
		coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.setViewportSize({ width: 1366, height: 768 });
		await coach.getByRole('link', { name: 'Fatma' }).first().click();
		await coach.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
		participantUrl = coach.url();
		const plan = coach.locator('section.plan');
		await plan.getByText('Doel toevoegen', { exact: true }).first().waitFor();
		if (
			!(await plan.locator('details:has(form[action="?/goal"])').evaluate((d: HTMLDetailsElement) => d.open))
		)
			await plan.locator('summary', { hasText: 'Doel toevoegen' }).click();

		// Only spaces: the browser lets it through, the server says what is wrong.
		await plan.locator('label.picture', { hasText: 'Taalcafé' }).click();
		await plan.getByLabel('Doel (één korte zin)').fill('   ');
		await plan.getByRole('button', { name: 'Doel toevoegen' }).click();
		await expect
			.poll(() => coach.locator('[role=alert]').textContent())
			.toContain('Schrijf het doel in één korte zin.');

		await plan.locator('label.picture', { hasText: 'Taalcafé' }).click();
		await plan.getByLabel('Doel (één korte zin)').fill(GOAL);
		await plan.getByLabel(/Hetzelfde doel in het Turks/).fill(GOAL_TR);
		await plan.getByRole('button', { name: 'Doel toevoegen' }).click();
		const goal = plan.locator('article.goal', { hasText: GOAL });
		await goal.waitFor();
		expect(await goal.locator('.own').textContent()).toBe(GOAL_TR);

		for (const [text, day] of [
			[STEP, inDays(3)],
			['Zelf een keer gaan', '']
		] as const) {
			if (
				!(await goal
					.locator('details:has(form[action="?/step"])')
					.evaluate((d: HTMLDetailsElement) => d.open))
			)
				await goal.locator('summary', { hasText: 'Stap toevoegen' }).click();
			await goal.getByLabel('Stap (één korte zin)').fill(text);
			if (day) await goal.getByLabel('Wanneer (optioneel)').fill(day);
			await goal.getByRole('button', { name: 'Stap toevoegen' }).click();
			await goal.locator('li[data-step]', { hasText: text }).waitFor();
		}
		expect(await goal.locator('li[data-step]').count()).toBe(2);
		expect(await axeViolations(coach)).toEqual([]);
		// The plan section itself: the whole page is long.
		await plan.screenshot({ path: 'test-results/screens/coach-plan.png' });
	});

	it('Fatma finds "My plan" on her home screen; it reads well and speaks in Dutch, Arabic and Tigrinya', async () => {
		phone = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
		await waitForServiceWorker(phone);
		for (const [lang, name] of LANGUAGES) {
			await chooseLanguage(phone, server.origin, lang, name, '/');
			const tile = phone.locator('a[href="/plan"]');
			await tile.waitFor();
			await tile.click();
			await phone.waitForURL(/\/plan$/);
			await settled(phone);
			const goal = phone.locator('article.goal');
			expect(await goal.count()).toBe(1);
			expect(await goal.locator('[data-pictogram="act-taalcafe"]').count()).toBe(1);
			// Fatma reads Turkish: the goal as written for her in Turkish, and the coach's Dutch, each marked.
			expect(await goal.locator('.plan-text[lang="tr"]', { hasText: GOAL_TR }).count()).toBe(1);
			expect(await goal.locator('.plan-text[lang="nl"]', { hasText: GOAL }).count()).toBe(1);
			expect(await goal.locator('button.tick').count()).toBe(2);
			// Every text has a speaker that can speak from the first paint: the server voice where the phone has none.
			const sources = await goal
				.locator('button.speak')
				.evaluateAll((b) => b.map((e) => e.getAttribute('data-source')));
			expect(sources.length).toBeGreaterThanOrEqual(5);
			expect(sources.filter((s) => s === 'none')).toEqual([]);
			expect(await noOverflow(phone)).toBe(true);
			if (AXE_LANGUAGES.includes(lang)) expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-plan`);
		}
		expect(await phone.locator('.when').first().textContent()).toMatch(/[\u1200-\u137f]/);
	});

	it('offline, Fatma ticks the first step: kept on the phone through a server restart, praised aloud, stored once', async () => {
		await waitUntilCached(phone, '/plan');
		await phone.context().setOffline(true);
		await phone.reload();
		const step = phone.locator('li[data-step]', { hasText: STEP });
		await step.waitFor();
		const spoken: string[] = [];
		phone.on('request', (r) => {
			if (new URL(r.url()).pathname.startsWith('/voice/')) spoken.push(r.url());
		});
		await step.locator('button.tick').click();
		await expect.poll(() => step.getAttribute('data-done')).toBe('true');
		await step.locator('.praise').waitFor();
		const queued = await outboxOf(phone);
		expect(queued.filter((e) => e.kind === 'planStep')).toHaveLength(1);
		expect(queued[0]?.data?.done).toBe(true);
		// The praise is spoken: the Tigrinya server voice is asked for it (served from the cache or not at all offline).
		await expect.poll(() => spoken.some((u) => u.includes('wellDone'))).toBe(true);
		await screenshot(phone, 'ti-plan-ticked-offline');
		const entry = queued[0]!;

		// The server restarts while the phone is offline: nothing of the tick is lost.
		await server.restart();
		await phone.context().setOffline(false);
		await phone.reload();
		await expect.poll(async () => (await outboxOf(phone)).length, { timeout: 20_000 }).toBe(0);
		await expect.poll(() => phone.locator('li[data-step][data-done="true"]').count()).toBe(1);
		// The same tick once more (a reply lost on the way): the server has it already, and stores nothing new.
		const again = await phone.evaluate(async ({ seq: _seq, ...sent }) => {
			const response = await fetch('/api/sync', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ entries: [sent] })
			});
			return (await response.json()) as { results: { status: string }[] };
		}, entry);
		expect(again.results).toEqual([{ clientId: entry.clientId, status: 'already' }]);

		await coach.goto(participantUrl);
		const done = coach.locator('section.plan li[data-step]', { hasText: STEP });
		await expect.poll(() => done.textContent()).toContain('afgevinkt door de deelnemer');
		expect(await coach.locator('.timeline li[data-source="stepDone"]').count()).toBe(1);
	});

	it('Lotte closes the goal as reached; the phone shows it under "reached"', async () => {
		const goal = coach.locator('section.plan article.goal', { hasText: GOAL });
		await goal.locator('summary', { hasText: 'Doel afronden' }).click();
		await goal.getByLabel('Doel gehaald').check();
		await goal.getByLabel('gehaald', { exact: true }).check();
		await goal.getByRole('button', { name: 'Afronden' }).click();
		await coach.locator('section.plan .closed li', { hasText: GOAL }).waitFor();
		expect(await coach.locator('section.plan .closed li').textContent()).toContain('1 van 2 stappen gedaan');

		await phone.goto(`${server.origin}/plan`);
		await phone.locator('.reached li').waitFor();
		expect(await phone.locator('article.goal').count()).toBe(0);
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'ti-plan-reached');
	});

	it('at the evaluation, the question "how far did you get?" shows Fatma her goal, spoken', async () => {
		await coach.goto(participantUrl);
		await coach.getByRole('button', { name: 'Evaluatie (T1) klaarzetten' }).click();
		await expect.poll(() => coach.locator('[data-questionnaire="evaluation"]').count()).toBeGreaterThan(0);

		await phone.goto(`${server.origin}/questions`);
		const module = phone.locator('a[href$="/myGoal"]');
		await module.waitFor();
		await phone.goto(`${server.origin}${await module.getAttribute('href')}?item=goalProgress`);
		const beside = phone.getByTestId('plan-beside');
		await beside.waitFor();
		expect(await beside.locator('p[lang="tr"]').textContent()).toContain(GOAL_TR);
		expect(await beside.locator('[data-pictogram="act-taalcafe"]').count()).toBe(1);
		expect(
			await beside.locator('button.speak').evaluateAll((b) => b.map((e) => e.getAttribute('data-source')))
		).not.toContain('none');
		expect(await noOverflow(phone)).toBe(true);
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'ti-evaluation-goal');
	});

	it("Lotte hands Fatma to Karim with a note; Fatma's home introduces her new coach, spoken", async () => {
		await coach.goto(participantUrl);
		const handover = coach.locator('section.handover');
		await handover.locator('summary').click();
		await handover.getByLabel('Nieuwe coach').selectOption({ label: 'Karim Haddou (teamleider)' });
		await handover.getByLabel('Overdracht voor uw collega').fill('Fatma wil elke week naar het taalcafé.');
		await handover.getByRole('button', { name: 'Overdragen' }).click();
		await coach.waitForURL(/\/coach\?handedOver=/);
		expect(await coach.locator('.handed-over').textContent()).toContain('Fatma is overgedragen aan Karim');
		// Lotte no longer sees her.
		expect((await coach.request.get(participantUrl)).status()).toBe(404);

		await phone.goto(`${server.origin}/`);
		const card = phone.getByTestId('new-coach');
		await card.waitFor();
		expect(await card.textContent()).toContain('Karim');
		expect(
			await card.locator('button.speak').evaluateAll((b) => b.map((e) => e.getAttribute('data-source')))
		).not.toContain('none');
		expect(await noOverflow(phone)).toBe(true);
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'ti-home-new-coach');
	});

	it("Karim closes Fatma's trajectory with aftercare; her home says goodbye, spoken, and keeps her plan", async () => {
		const karim = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await karim.setViewportSize({ width: 1366, height: 768 });
		// Bad input gets a Dutch reason, not a 500 (posted as a browser without JavaScript would).
		const bad = await karim.request.post(`${participantUrl}?/close`, {
			form: { closureReason: 'Zomaar', closedOn: inDays(3), aftercareMonths: '6' },
			headers: { origin: server.origin, accept: 'text/html' }
		});
		expect(bad.status()).toBe(400);
		const badPage = await bad.text();
		expect(badPage).toContain('Kies een reden uit de lijst.');
		expect(badPage).toContain('Afsluiten kan vandaag of eerder, niet in de toekomst.');

		await karim.goto(participantUrl);
		const closure = karim.locator('section.closure');
		await closure.locator('summary', { hasText: 'Traject afsluiten' }).click();
		await closure.getByLabel('Reden').selectOption('Betaald werk gevonden');
		expect(await closure.getByLabel('Nazorg').inputValue()).toBe('6');
		await closure.getByLabel(/Einde van een kort contract/).fill(inDays(100));
		await closure.getByLabel(/Toelichting/).fill('Werkt 20 uur bij de bakker.');
		// Fatma's appointments still to come are offered for cancelling, ticked.
		const cancel = closure.getByLabel(/die nog (komt|komen) afzeggen/);
		expect(await cancel.isChecked()).toBe(true);
		const upcoming = Number(
			(await cancel.evaluate((e) => e.closest('label')!.textContent))!.match(/De (\d+)/)?.[1] ?? 1
		);
		await closure.getByRole('button', { name: 'Traject afsluiten' }).click();
		await closure.locator('[data-closure-status="aftercare"]').waitFor();
		expect(await closure.getByRole('status').textContent()).toContain(
			upcoming === 1
				? 'De afspraak die nog kwam is afgezegd.'
				: `${upcoming} afspraken die nog kwamen zijn afgezegd.`
		);
		expect(await closure.locator('[data-check]').allTextContents()).toHaveLength(4);
		expect(await closure.textContent()).toContain('Betaald werk gevonden');
		// The status select is gone: aftercare is left by finishing it or by reopening.
		expect(await karim.locator('form[action="?/status"]').count()).toBe(0);
		expect(await karim.locator('.timeline li[data-source="closure"]').first().textContent()).toContain(
			'Traject afgesloten door Karim'
		);
		expect(await axeViolations(karim)).toEqual([]);
		expect(await noOverflow(karim)).toBe(true);
		await closure.screenshot({ path: 'test-results/screens/coach-closure-aftercare.png' });

		for (const [lang, name] of LANGUAGES) {
			await chooseLanguage(phone, server.origin, lang, name, '/');
			const card = phone.getByTestId('goodbye');
			await card.waitFor();
			expect(await card.getAttribute('data-stage')).toBe('aftercare');
			expect(await card.textContent()).toContain('Karim');
			// Every line speaks, from the first paint: a recorded clip, the phone's or the server's voice.
			const sources = await card
				.locator('button.speak')
				.evaluateAll((b) => b.map((e) => e.getAttribute('data-source')));
			expect(sources.length).toBeGreaterThanOrEqual(5);
			expect(sources).not.toContain('none');
			// The municipality's number stays, and in aftercare all the tiles too.
			expect(await card.locator('a[href^="tel:"]').count()).toBe(1);
			expect(await phone.locator('nav.tiles a').count()).toBe(5);
			expect(await noOverflow(phone)).toBe(true);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, `${lang}-home-goodbye-aftercare`);
		}

		// Aftercare over: closed. Only the plan, the activities and the municipality's number stay.
		await karim.getByRole('button', { name: 'Nazorg afronden' }).click();
		await closure.locator('[data-closure-status="closed"]').waitFor();
		await phone.goto(`${server.origin}/`);
		const card = phone.getByTestId('goodbye');
		await card.waitFor();
		expect(await card.getAttribute('data-stage')).toBe('closed');
		expect(await card.textContent()).not.toContain('Karim');
		expect(
			await phone.locator('nav.tiles a').evaluateAll((a) => a.map((e) => e.getAttribute('href')))
		).toEqual(['/activities', '/plan']);
		await phone.locator('a[href="/plan"]').click();
		await phone.waitForURL(/\/plan$/);
		await phone.locator('.reached li').waitFor();
		await phone.goto(`${server.origin}/`);
		await card.waitFor();
		expect(await axeViolations(phone)).toEqual([]);
		await screenshot(phone, 'ti-home-goodbye-closed');

		// Reopened: active again, and the phone as before.
		await karim.getByRole('button', { name: 'Traject weer openen' }).click();
		await karim.locator('form[action="?/status"]').waitFor();
		await phone.reload();
		await phone.locator('nav.tiles a[href="/my-coach"]').waitFor();
		expect(await phone.getByTestId('goodbye').count()).toBe(0);
		await karim.close();
	});
});
