import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
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
	waitForServiceWorker,
	waitUntilCached,
	noOverflow,
	allSent,
	refusedOf,
	syncLine
} from '../helpers/browser';
import { OUTINGS, WEEK_CHECK, WHO5, toXlsx } from '../fixtures/xlsform';

const COACH_SCREEN = { width: 1366, height: 768 };
/** The grid's module (the statements, after their heading); the form's loose intro note is module "who5". */
const MODULE = 'welzijn';
/** Answers per statement, 5 = "all of the time": raw score 15, 60 %, not low. */
const GIVEN: Record<string, string> = { cheerful: '5', calm: '4', active: '3', rested: '2', interest: '1' };

describe.each(WALK_ENGINES)(
	'a researcher uploads an XLSForm, a coach sets it ready, a participant answers it offline (%s)',
	(engine) => {
		let server: RunningServer;
		let browser: Browser;
		let phone: Page;
		let coach: Page;
		let postgres: { url: string; drop: () => Promise<void> } | undefined;
		const dir = mkdtempSync(join(tmpdir(), 'xlsform-'));

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
			rmSync(dir, { recursive: true, force: true });
		});

		it('refuses a broken spreadsheet with Dutch reasons naming row and column, then imports WHO-5', async () => {
			const researcher = await coachLogin(browser, server.origin, 'beheer@demo.opstap.nl');
			await researcher.setViewportSize(COACH_SCREEN);
			await researcher.goto(`${server.origin}/coach/questionnaires`);

			const broken = join(dir, 'broken.xlsx');
			const rows = WHO5.survey.map((row) => [...row]);
			rows[5]![0] = 'select_one nolist';
			writeFileSync(broken, await toXlsx({ ...WHO5, survey: rows }));
			await researcher.locator('input[name=definition]').setInputFiles(broken);
			await researcher.getByRole('button', { name: 'Controleren en toevoegen' }).click();
			const alert = researcher.getByRole('alert');
			await alert.waitFor();
			expect(await alert.locator('li').allTextContents()).toEqual([
				'blad survey, rij 6, kolom type: keuzelijst "nolist" staat niet op het blad choices'
			]);

			const file = join(dir, 'who5.xlsx');
			writeFileSync(file, await toXlsx(WHO5));
			await researcher.locator('input[name=definition]').setInputFiles(file);
			await researcher.getByRole('button', { name: 'Controleren en toevoegen' }).click();
			const status = researcher.getByRole('status');
			await expect.poll(() => status.textContent()).toContain('who5 versie 1.0.0 is toegevoegd.');
			expect(await status.textContent()).toContain('onbekend pictogram "no-such-pictogram"');
			await researcher.reload();
			expect(await researcher.locator('tbody tr', { hasText: 'WHO-5 Welzijnsindex' }).textContent()).toMatch(
				/en, nl|nl, en/
			);
			expect(await axeViolations(researcher)).toEqual([]);
			await screenshot(researcher, 'xlsform-imported');
			await researcher.context().close();
		});

		it('a coach sets it ready for a participant at a named moment', async () => {
			coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
			await coach.setViewportSize(COACH_SCREEN);
			await coach.getByRole('link', { name: 'Fatma' }).click();
			const form = coach.getByTestId('assign-any');
			await form.getByLabel('Vragenlijst').selectOption({ label: 'WHO-5 Welzijnsindex' });
			await form.getByLabel('Moment').fill('3 maanden');
			await form.getByRole('button', { name: 'Klaarzetten' }).click();
			await coach.locator('section[data-questionnaire="who5"]').waitFor();
			expect(await coach.locator('h3.instrument', { hasText: 'WHO-5 Welzijnsindex' }).count()).toBe(1);
			expect(await coach.locator('section[data-questionnaire="who5"] h4').textContent()).toContain(
				'3 maanden'
			);
		});

		it('the participant reads it in English, and in Turkish (which the form lacks) in Dutch', async () => {
			phone = await pairPhone(await browser.newContext(PHONE), server.origin, server.printedCode());
			await chooseLanguage(phone, server.origin, 'en', 'English', '/questions');
			const card = phone.locator(`.cards a[href$="/${MODULE}"]`);
			expect((await card.textContent())?.trim()).toContain('How did you feel?');
			await waitForServiceWorker(phone);
			await waitUntilCached(phone, `/${MODULE}/__data.json`);
			await card.click();
			await phone.locator('form[action="?/answer"]').waitFor();
			expect(await phone.locator('form[action="?/answer"] h2').textContent()).toContain(
				'Over the last two weeks'
			);
			expect(await axeViolations(phone)).toEqual([]);
			expect(await noOverflow(phone)).toBe(true);
			await screenshot(phone, 'xlsform-en-note');

			const modulePath = new URL(phone.url()).pathname;
			await chooseLanguage(phone, server.origin, 'tr', 'Türkçe', modulePath);
			await phone.locator('form[action="?/answer"]').waitFor();
			// No Turkish text in the form: the Dutch one, never a raw key.
			expect(await phone.locator('form[action="?/answer"] h2').textContent()).toContain(
				'De afgelopen twee weken'
			);
			expect(await phone.locator('h1').textContent()).toContain('Hoe voelde u zich?');
			expect(await phone.locator('body').innerText()).not.toContain('who5.');
			// Marked as not in Turkish yet, and read aloud in Dutch: the text's own language, not the page's.
			const question = phone.locator('form[action="?/answer"] h2');
			expect(await question.locator('.elsewhere').getAttribute('data-text-lang')).toBe('nl');
			expect(await question.locator('.text').getAttribute('lang')).toBe('nl');
			expect(await phone.locator('h1 .elsewhere').getAttribute('data-text-lang')).toBe('nl');
			const played: string[] = [];
			phone.on('request', (r) => {
				const path = new URL(r.url()).pathname;
				if (path.startsWith('/voice/')) played.push(path);
			});
			await question.locator('button.speak').click();
			await expect.poll(() => played).toContainEqual(expect.stringMatching(/^\/voice\/(say|tts)\/nl\b/));
			expect(played.some((path) => /^\/voice\/(say|tts)\/tr\b/.test(path))).toBe(false);
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, 'xlsform-tr-fallback-nl');
		});

		it('answers the grid with the network off, one statement per screen, and it arrives when back', async () => {
			await server.stop();
			await phone.context().setOffline(true);
			const form = phone.locator('form[action="?/answer"]');
			// The grid's heading: read, then next.
			let before = phone.url();
			await form.locator('button[type=submit]:not([name])').click();
			await phone.waitForURL((url) => url.toString() !== before);
			for (const [item, value] of Object.entries(GIVEN)) {
				await expect.poll(() => form.locator('input[name=itemId]').inputValue()).toBe(item);
				// The shared scale: the same six answers on every statement.
				expect(await form.locator('input[type=radio]').count()).toBe(6);
				const radio = form.locator(`input[type=radio][value="${value}"]`);
				await form.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
				if (item === 'cheerful') {
					expect(await axeViolations(phone)).toEqual([]);
					expect(await noOverflow(phone)).toBe(true);
					await screenshot(phone, 'xlsform-tr-grid-statement');
				}
				before = phone.url();
				await form.locator('button[type=submit]:not([name])').click();
				await phone.waitForURL((url) => url.toString() !== before);
			}
			await phone.locator('form[action="?/submit"]').waitFor();
			// The review lists the five answers, not the heading.
			expect(await phone.locator('.review li').count()).toBe(5);
			await phone.locator('form[action="?/submit"] button').click();
			await phone.waitForURL(/item=sent/);
			await expect.poll(() => syncLine(phone)).toBe('offline');

			await server.restart();
			await phone.context().setOffline(false);
			await phone.goto(`${server.origin}/questions`);
			await allSent(phone);
			await expect
				.poll(
					async () => {
						await phone.reload();
						return phone.locator(`.cards li.sent a[href$="/${MODULE}"]`).count();
					},
					{ timeout: 20_000 }
				)
				.toBe(1);
		});

		it('the coach sees the computed scores under the instrument’s title, and exports them', async () => {
			coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
			await coach.setViewportSize(COACH_SCREEN);
			await coach.getByRole('link', { name: 'Fatma' }).click();
			await coach.waitForURL(/\/coach\/participants\//); // before a reload below, which would reload the list
			const section = coach.locator('section[data-questionnaire="who5"]');
			// The scores show once the server has the sent module: reload until they do (never wait on a missing one).
			await expect
				.poll(
					async () => {
						await coach.reload();
						const raw = section.locator('[data-score="raw"]');
						return (await raw.count()) ? raw.textContent() : null;
					},
					{ timeout: 45_000, interval: 2000 }
				)
				.toBe('15');
			expect(await section.locator('[data-score="percentage"]').textContent()).toBe('60');
			expect(await section.locator('[data-score="low"]').textContent()).toBe('nee');
			expect(await section.locator('dt').first().textContent()).toBe('Ruwe score (0–25)');
			expect(await axeViolations(coach)).toEqual([]);
			await screenshot(coach, 'xlsform-coach-scores');

			const csv = await (
				await coach.request.get(`${server.origin}/coach/export.csv?questionnaire=who5`)
			).text();
			const lines = csv
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n');
			expect(lines[0]).toBe(
				'participant,questionnaire,version,wave,module,item,value,language,mode,answered_at,moment,other,kind'
			);
			const items = lines.filter((l) => l.startsWith('Fatma,who5,1.0.0,moment,welzijn,'));
			expect(items.map((l) => [l.split(',')[5], l.split(',')[6], l.split(',')[7]])).toEqual(
				Object.entries(GIVEN)
					.sort(([a], [b]) => a.localeCompare(b))
					.map(([item, value]) => [item, value, 'tr'])
			);
			expect(lines).toContain('Fatma,who5,1.0.0,moment,,raw,15,,,,3 maanden,,computed');
			expect(lines).toContain('Fatma,who5,1.0.0,moment,,percentage,60,,,,3 maanden,,computed');
			expect(lines).toContain('Fatma,who5,1.0.0,moment,,low,nee,,,,3 maanden,,computed');
			expect(lines.every((l) => !l.includes(',intake,'))).toBe(true);

			// For research: the instrument's own download under the list, a row per participant and moment, with a
			// codebook. Fatma gave research consent on her phone, but she alone answered at "3 maanden": a group under
			// 5 is left out of a research file (issue 16 §5), and the LEESMIJ says so. (tests/db/xlsform-scores.test.ts
			// has the rows of five.)
			await coach.goto(`${server.origin}/coach`);
			const link = coach.locator('a[data-research="who5"]');
			expect(await link.textContent()).toBe('WHO-5 Welzijnsindex');
			const zip = await coach.request.get(`${server.origin}${await link.getAttribute('href')}`);
			expect(zip.headers()['content-type']).toBe('application/zip');
			const files = unzipSync(await zip.body());
			const [header, ...rows] = strFromU8(files['data.csv']!)
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n')
				.map((l) => l.split(','));
			expect(header!.slice(0, 4)).toEqual(['participant', 'moment', 'wave', 'version']);
			expect(header).toContain('raw');
			expect(rows).toEqual([]);
			expect(strFromU8(files['LEESMIJ.txt']!)).toContain('weggelaten: 1 rijen');
			expect(strFromU8(files['codebook.csv']!)).toContain(
				'cheerful,voelde ik me vrolijk en opgewekt,numeric'
			);
		});

		it('a team lead sets it ready for the whole team at the next moment, once per person', async () => {
			const lead = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
			await lead.setViewportSize(COACH_SCREEN);
			await lead.getByRole('link', { name: 'Vragenlijsten' }).click();
			await lead.waitForURL(/\/coach\/questionnaires\/group$/);
			await lead.getByLabel('Vragenlijst').selectOption({ label: 'WHO-5 Welzijnsindex' });
			await lead.getByLabel('Moment').fill('6 maanden');
			await lead.getByLabel('Voor wie').selectOption('team');
			await lead.getByRole('button', { name: 'Klaarzetten' }).click();
			const status = lead.getByTestId('group-assigned');
			const said = async () => (await status.textContent())?.replace(/\s+/g, ' ');
			await expect.poll(said).toMatch(/Klaargezet voor \d+ deelnemers \(6 maanden\)/);
			const first = Number((await said())!.match(/voor (\d+)/)![1]);
			expect(first).toBeGreaterThan(1);
			expect(await axeViolations(lead)).toEqual([]);
			expect(await noOverflow(lead)).toBe(true);
			await screenshot(lead, 'coach-questionnaire-group');
			// Again (the form is empty after a success): everyone has it at this moment already.
			await lead.getByLabel('Vragenlijst').selectOption({ label: 'WHO-5 Welzijnsindex' });
			await lead.getByLabel('Moment').fill('6 Maanden');
			await lead.getByLabel('Voor wie').selectOption('team');
			await lead.getByRole('button', { name: 'Klaarzetten' }).click();
			await expect.poll(said).toMatch(new RegExp(`Klaargezet voor 0 deelnemers .*${first} hadden hem al`));
			// Fatma's coach sees it ready at that moment.
			await coach.goto(`${server.origin}/coach`);
			await coach.getByRole('link', { name: 'Fatma' }).click();
			await expect
				.poll(() => coach.locator('section[data-questionnaire="who5"] h4').allTextContents())
				.toContainEqual(expect.stringContaining('6 maanden'));
			await lead.context().close();
			await coach.goto(`${server.origin}/coach`);
		});

		it('shows the instrument’s hint under a question, and its own message for a number out of range', async () => {
			const researcher = await coachLogin(browser, server.origin, 'beheer@demo.opstap.nl');
			await researcher.goto(`${server.origin}/coach/questionnaires`);
			const file = join(dir, 'weekcheck.xlsx');
			writeFileSync(file, await toXlsx(WEEK_CHECK));
			await researcher.locator('input[name=definition]').setInputFiles(file);
			await researcher.getByRole('button', { name: 'Controleren en toevoegen' }).click();
			await expect
				.poll(() => researcher.getByRole('status').textContent())
				.toContain('weekcheck versie 1.0.0 is toegevoegd.');
			await researcher.context().close();
			const form = coach.getByTestId('assign-any');
			await coach.getByRole('link', { name: 'Fatma' }).click();
			await form.getByLabel('Vragenlijst').selectOption({ label: 'Weekcheck' });
			await form.getByLabel('Moment').fill('week 1');
			await form.getByRole('button', { name: 'Klaarzetten' }).click();
			await coach.locator('section[data-questionnaire="weekcheck"]').waitFor();

			// In English (the form has it); the hint is read aloud like the question.
			await chooseLanguage(phone, server.origin, 'en', 'English', '/questions');
			await phone.locator('.cards a[href$="/week"]').click();
			const answer = phone.locator('form[action="?/answer"]');
			await expect.poll(() => answer.locator('input[name=itemId]').inputValue()).toBe('days');
			const hint = answer.locator('.question-hint');
			expect(await hint.textContent()).toContain('Count the days from Monday to Sunday.');
			expect(await hint.getByRole('button').count()).toBe(1);
			await answer.locator('input[name=value]').fill('9');
			await answer.locator('button[type=submit]:not([name])').click();
			await expect
				.poll(() => answer.locator('.notice').textContent())
				.toContain('Choose a number from 0 to 7.');
			expect(await axeViolations(phone)).toEqual([]);
			await screenshot(phone, 'xlsform-constraint-message');
			const before = phone.url();
			await answer.locator('input[name=value]').fill('5');
			await answer.locator('button[type=submit]:not([name])').click();
			await phone.waitForURL((url) => url.toString() !== before);
			await expect.poll(() => answer.locator('input[name=itemId]').inputValue()).toBe('hours');
			expect(await answer.locator('.question-hint').count()).toBe(0);
		});

		it('on a wide screen the grid is one table: a row per statement, the shared answers as columns', async () => {
			// The team lead set WHO-5 ready again at "6 maanden" (above): Fatma answers it on a tablet.
			await phone.setViewportSize({ width: 1280, height: 800 });
			// The week check's next answer waits to be sent as the list opens, and the network is slow: the list's sync ends
			// only after Fatma has opened the grid and ticked it. What that sync sent must not reload the grid under her.
			const held: Route[] = [];
			await phone.route('**/api/sync', (route) => void held.push(route));
			const week = phone.locator('form[action="?/answer"]');
			await week.locator('input[name=value]').fill('2');
			await week.locator('button[type=submit]:not([name])').click();
			await expect.poll(() => syncLine(phone)).toBe('waiting');
			await phone.goto(`${server.origin}/questions`);
			const cards = phone.locator(`.cards li:not(.sent) a[href$="/${MODULE}"]`);
			await expect.poll(() => cards.count()).toBe(1);
			await cards.click();
			const form = phone.locator('form[action="?/answer"]');
			// The grid's heading first, as on a phone.
			let before = phone.url();
			await form.locator('button[type=submit]:not([name])').click();
			await phone.waitForURL((url) => url.toString() !== before);
			const table = phone.locator('table.grid-table');
			await table.waitFor();
			expect(await table.locator('tbody tr').count()).toBe(5);
			expect(await table.locator('thead th').count()).toBe(6);
			for (const [item, value] of Object.entries(GIVEN))
				await table.locator(`tr[data-item="${item}"] input[value="${value}"]`).check();
			const reloads: string[] = [];
			phone.on('request', (request) => {
				if (request.url().includes('/__data.json')) reloads.push(request.url());
			});
			await phone.unroute('**/api/sync');
			for (const route of held) await route.continue().catch(() => {}); // the first page's request is gone with it
			await allSent(phone);
			expect(reloads).toEqual([]);
			expect(await table.locator('input:checked').count()).toBe(5);
			expect(await axeViolations(phone)).toEqual([]);
			expect(await noOverflow(phone)).toBe(true);
			await screenshot(phone, 'xlsform-grid-table-wide');
			// Given without a network: kept on the phone, and on the server exactly once when it is back.
			await phone.context().setOffline(true);
			before = phone.url();
			await form.locator('button[type=submit]:not([name])').click();
			await phone.waitForURL((url) => url.toString() !== before);
			// Past the grid: the review, with the five answers.
			await phone.locator('form[action="?/submit"]').waitFor();
			expect(await phone.locator('.review li').count()).toBe(5);
			await phone.locator('form[action="?/submit"] button').click();
			await phone.waitForURL(/item=sent/);
			await expect.poll(() => syncLine(phone)).toBe('offline');
			await phone.context().setOffline(false);
			await phone.reload();
			await allSent(phone);
			// Sent, not refused (a refused entry leaves the outbox too, and the line then says "all sent").
			expect(await refusedOf(phone)).toEqual([]);
			const csv = await (
				await coach.request.get(`${server.origin}/coach/export.csv?questionnaire=who5`)
			).text();
			const grid = csv
				.split('\r\n')
				.filter((l) => l.startsWith('Fatma,who5,1.0.0,moment,welzijn,') && l.includes(',6 maanden,'));
			expect(grid.map((l) => [l.split(',')[5], l.split(',')[6]]).sort()).toEqual(
				Object.entries(GIVEN).sort(([a], [b]) => a.localeCompare(b))
			);
			await phone.setViewportSize(PHONE.viewport);

			// Two moments answered: the coach sees each score over time, a dot per moment.
			await coach.goto(`${server.origin}/coach`);
			await coach.getByRole('link', { name: 'Fatma' }).click();
			const raw = coach.locator(
				'h3.instrument:has-text("WHO-5 Welzijnsindex") + [data-testid="score-chart"] figure[data-series="raw"]'
			);
			await expect.poll(() => raw.locator('circle').count()).toBe(2);
			expect(await raw.locator('text.moment').allTextContents()).toEqual(['3 maanden', '6 maanden']);
			expect(await raw.locator('text.value').allTextContents()).toEqual(['15', '15']);
			expect(await axeViolations(coach)).toEqual([]);
			await screenshot(coach, 'xlsform-coach-over-time');
		});

		it('"other, namely …" of a spreadsheet: typed in Arabic (the form lacks it: Dutch, marked), counted, seen and exported', async () => {
			const researcher = await coachLogin(browser, server.origin, 'beheer@demo.opstap.nl');
			await researcher.goto(`${server.origin}/coach/questionnaires`);
			const file = join(dir, 'uitjes.xlsx');
			writeFileSync(file, await toXlsx(OUTINGS));
			await researcher.locator('input[name=definition]').setInputFiles(file);
			await researcher.getByRole('button', { name: 'Controleren en toevoegen' }).click();
			await expect
				.poll(() => researcher.getByRole('status').textContent())
				.toContain('uitjes versie 1.0.0 is toegevoegd.');
			await researcher.context().close();
			await coach.reload(); // the list of instruments to set ready now has it
			const form = coach.getByTestId('assign-any');
			await form.getByLabel('Vragenlijst').selectOption({ label: 'Uitjes' });
			await form.getByLabel('Moment').fill('intake');
			await form.getByRole('button', { name: 'Klaarzetten' }).click();
			await coach.locator('section[data-questionnaire="uitjes"]').waitFor();

			await chooseLanguage(phone, server.origin, 'ar', 'العربية', '/questions');
			await phone.locator('.cards a[href$="/eropuit"]').click();
			const answer = phone.locator('form[action="?/answer"]');
			await expect.poll(() => answer.locator('input[name=itemId]').inputValue()).toBe('places');
			const question = answer.locator('legend');
			expect(await question.textContent()).toContain('Waar ging je deze maand heen?');
			expect(await question.locator('.elsewhere').getAttribute('data-text-lang')).toBe('nl');
			await answer.locator('label[for]', { hasText: 'Markt' }).click();
			await answer.locator('input[name="other"]').fill('المسجد');
			expect(await axeViolations(phone)).toEqual([]);
			expect(await noOverflow(phone)).toBe(true);
			await screenshot(phone, 'xlsform-ar-other');
			const before = phone.url();
			await answer.locator('button[type=submit]:not([name])').click();
			await phone.waitForURL((url) => url.toString() !== before);
			// The review says what was typed, with the card.
			const review = phone.locator('.review');
			expect(await review.textContent()).toContain('المسجد');
			await phone.locator('form[action="?/submit"] button').click();
			await phone.waitForURL(/item=sent/);
			await allSent(phone);

			// The coach: the answer with what was typed, and the count that takes "other" as a place.
			const section = coach.locator('section[data-questionnaire="uitjes"]');
			await expect
				.poll(
					async () => {
						await coach.reload();
						const count = section.locator('[data-score="count"]');
						return (await count.count()) ? count.textContent() : null;
					},
					{ timeout: 30_000, interval: 2000 }
				)
				.toBe('2');
			await section.locator('li[data-module="eropuit"] summary').click();
			expect(await section.locator('li[data-module="eropuit"] dd').first().textContent()).toContain(
				'Markt, anders: “المسجد”'
			);
			expect(await axeViolations(coach)).toEqual([]);
			await screenshot(coach, 'xlsform-coach-other');

			// The CSV holds the item with its other text and the score; the codebook names the other column.
			const csv = await (
				await coach.request.get(`${server.origin}/coach/export.csv?questionnaire=uitjes`)
			).text();
			const lines = csv
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n');
			expect(
				lines.filter((l) => l.startsWith('Fatma,uitjes,1.0.0,moment,eropuit,places,market,ar,'))
			).toEqual([expect.stringMatching(/,intake,المسجد,item$/)]);
			expect(lines).toContain('Fatma,uitjes,1.0.0,moment,,count,2,,,,intake,,computed');
			await coach.goto(`${server.origin}/coach`);
			const link = coach.locator('a[data-research="uitjes"]');
			const zip = await coach.request.get(`${server.origin}${await link.getAttribute('href')}`);
			const codebook = strFromU8(unzipSync(await zip.body())['codebook.csv']!);
			expect(codebook).toContain('places_other,');
			expect(codebook).toContain('count,');
		});
	}
);
