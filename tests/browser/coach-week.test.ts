// A coach's week with a caseload of 60, in Opstap alone (issue 14, "Done when"): Chromium at 1366×768 against the
// built server with the demo data. Monday Lotte adds the people she took over from a colleague who left (her list
// grows from 5 to 60) and pairs one phone; the intake, an appointment, a goal with a step and a home visit follow;
// later in the week she hands one participant to Karim, closes a trajectory she forgot to register a month ago, and
// the first aftercare call is on her list that day. Everything happens through the pages and form posts a browser
// sends; the phone answers in Tigrinya.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import {
	answerConsent,
	answerScreen,
	axeViolations,
	chooseLanguage,
	coachLogin,
	launchChromium,
	NO_WORKER,
	noOverflow,
	PHONE,
	screenshot,
	allSent
} from '../helpers/browser';
import { LANGUAGE_CODES } from '../../src/lib/i18n/languages';
import { amsterdamToday } from '../../src/lib/time/amsterdam';
import { addDays, addMonths } from '../../src/lib/time/zoned';

const COACH_VIEW = { width: 1366, height: 768 };
const FIRST_NAMES = [
	'Abdi',
	'Aisha',
	'Amal',
	'Anna',
	'Ayşe',
	'Bashir',
	'Daniela',
	'Dawit',
	'Elif',
	'Farah',
	'Filmon',
	'Hamid',
	'Hanna',
	'Ibrahim',
	'Jan',
	'Kateryna',
	'Leyla',
	'Mahmoud',
	'Maryam',
	'Mehmet',
	'Mohammed',
	'Nadia'
];
/** 54 people with names that differ, in every language the app speaks. */
const TAKEN_OVER = Array.from({ length: 54 }, (_, i) => ({
	displayName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${'ABC'[Math.floor(i / FIRST_NAMES.length)]}.`,
	preferredLanguage: LANGUAGE_CODES[i % LANGUAGE_CODES.length]!
}));
const NEW_ONE = 'Semhar';
const GOAL = 'Elke week naar het taalcafé';
const STEP = 'Donderdag met Lotte naar het taalcafé';

describe('a coach runs a week of work for a caseload of 60 without another tool', () => {
	let server: RunningServer;
	let browser: Browser;
	let coach: Page;
	let phone: Page;
	let semharUrl = '';
	const today = amsterdamToday();

	const names = () => coach.locator('tbody tr td:first-child a').allTextContents();
	const row = (name: string) =>
		coach.locator('tbody tr', { has: coach.getByRole('link', { name, exact: true }) });
	const list = async (query = '') => {
		await coach.goto(`${server.origin}/coach${query}`);
		await coach.locator('p.count').waitFor();
	};
	const open = async (name: string) => {
		await list(`?q=${encodeURIComponent(name)}`);
		await coach.getByRole('link', { name, exact: true }).click();
		await coach.waitForURL(/\/coach\/participants\/[0-9a-f-]{36}$/);
		return coach.url();
	};

	beforeAll(async () => {
		server = await startBuiltServer();
		browser = await launchChromium();
		coach = await coachLogin(browser, server.origin, 'lotte@demo.opstap.nl');
		await coach.setViewportSize(COACH_VIEW);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		server?.cleanup();
	});

	it('Monday: Lotte adds Semhar on the page and 54 taken-over people; her working list holds all 60', async () => {
		await list();
		expect(await names()).toHaveLength(5);
		await coach.getByRole('link', { name: '+ Deelnemer toevoegen' }).click();
		await coach.getByLabel('Naam (zoals de deelnemer genoemd wil worden)').fill(NEW_ONE);
		await coach.getByLabel('Taal van de deelnemer').selectOption('ti');
		await coach.getByRole('button', { name: 'Toevoegen en koppelcode maken' }).click();
		const code = (await coach.getByTestId('pairing-code').textContent())!.replace(/\s/g, '');
		expect(code).toMatch(/^\d{8}$/);

		// The others as the same form posts (what the page sends, as a browser without JavaScript would).
		for (const person of TAKEN_OVER) {
			const added = await coach.request.post(`${server.origin}/coach/participants/new`, {
				form: person,
				headers: { origin: server.origin, accept: 'text/html' }
			});
			expect(added.status(), person.displayName).toBe(200);
			expect(await added.text()).toContain(`${person.displayName} is toegevoegd`);
		}
		await list();
		expect(await coach.locator('p.count').textContent()).toContain('60 deelnemers');
		expect(await names()).toHaveLength(60);
		// Everyone new starts in intake, without a phone; sorted by name.
		const shown = await names();
		expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b, 'nl')));
		expect(await row('Semhar').locator('td[data-status]').getAttribute('data-status')).toBe('intake');
		expect(await axeViolations(coach)).toEqual([]);
		expect(await noOverflow(coach)).toBe(true);
		await screenshot(coach, 'coach-week-caseload-60');

		// Semhar pairs her phone with the code Lotte read out, and says yes to coaching.
		phone = await (await browser.newContext({ ...PHONE, ...NO_WORKER })).newPage();
		await phone.goto(`${server.origin}/pair?code=${code}`);
		await phone.locator('form button[type=submit]').click();
		await phone.waitForURL(/\/consent/);
		await answerConsent(phone, { coaching: 'given', team: 'given', research: 'given' });
		await chooseLanguage(phone, server.origin, 'ti', 'ትግርኛ', '/');
		await list('?q=Semhar');
		expect(await row('Semhar').locator('td:nth-child(8)').textContent()).toContain('Ja');
	});

	it('Monday: the intake is set ready; Semhar answers a module on her phone and the list shows the progress', async () => {
		semharUrl = await open(NEW_ONE);
		await coach.getByRole('button', { name: 'Intake (T0) klaarzetten' }).click();
		await expect.poll(() => coach.locator('[data-questionnaire="intake"]').count()).toBeGreaterThan(0);

		await phone.goto(`${server.origin}/questions`);
		await phone.locator('.cards a[href$="/people"]').click();
		await phone.locator('form[action="?/answer"]').waitFor();
		for (let guard = 0; guard < 10 && (await phone.locator('form[action="?/answer"]').count()); guard++)
			await answerScreen(phone);
		await phone.locator('form[action="?/submit"] button').click();
		await phone.waitForURL(/item=sent/);
		await allSent(phone);

		await list('?q=Semhar');
		expect(await row(NEW_ONE).locator('td:nth-child(6)').textContent()).toMatch(/T0: 1 van \d+/);
	});

	it('Tuesday: an appointment she says she will come to, and a goal with a step she sees on her phone', async () => {
		await coach.goto(semharUrl);
		await coach.getByRole('link', { name: '+ Nieuwe afspraak' }).click();
		await coach.waitForURL(/appointments\/new/);
		await coach.getByLabel('Gesprek', { exact: true }).check();
		await coach.getByLabel('Datum', { exact: true }).fill(addDays(today, 2));
		await coach.getByLabel('Van', { exact: true }).fill('10:00');
		await coach.getByLabel('Tot', { exact: true }).fill('10:45');
		await coach.getByLabel('Wijkcentrum').check();
		await coach.getByRole('button', { name: 'Afspraak maken' }).click();
		await coach.waitForURL(/\/coach\/appointments\/[0-9a-f-]{36}\?created=1/);
		const appointmentId = new URL(coach.url()).pathname.split('/').pop()!;

		await phone.goto(`${server.origin}/appointments/${appointmentId}`);
		await phone.locator('button[data-reply="coming"]').click();
		await phone.locator('.current[data-reply="coming"]').waitFor();
		await allSent(phone);
		await coach.reload();
		await expect.poll(() => coach.locator('.reply').first().textContent()).toContain('Komt');

		await coach.goto(semharUrl);
		const plan = coach.locator('section.plan');
		if (
			!(await plan.locator('details:has(form[action="?/goal"])').evaluate((d: HTMLDetailsElement) => d.open))
		)
			await plan.locator('summary', { hasText: 'Doel toevoegen' }).click();
		await plan.locator('label.picture', { hasText: 'Taalcafé' }).click();
		await plan.getByLabel('Doel (één korte zin)').fill(GOAL);
		await plan.getByRole('button', { name: 'Doel toevoegen' }).click();
		const goal = plan.locator('article.goal', { hasText: GOAL });
		await goal.waitFor();
		if (
			!(await goal.locator('details:has(form[action="?/step"])').evaluate((d: HTMLDetailsElement) => d.open))
		)
			await goal.locator('summary', { hasText: 'Stap toevoegen' }).click();
		await goal.getByLabel('Stap (één korte zin)').fill(STEP);
		await goal.getByLabel('Wanneer (optioneel)').fill(addDays(today, 2));
		await goal.getByRole('button', { name: 'Stap toevoegen' }).click();
		await goal.locator('li[data-step]', { hasText: STEP }).waitFor();

		await phone.goto(`${server.origin}/plan`);
		await phone.locator('article.goal [data-pictogram="act-taalcafe"]').waitFor();
		expect(await phone.locator('article.goal button.tick').count()).toBe(1);

		// The list: the next appointment is Thursday's.
		await list('?q=Semhar');
		expect(await row(NEW_ONE).locator('td:nth-child(5)').textContent()).toMatch(/10:00/);
	});

	it('Wednesday: a home visit in the journal with a follow-up today is the one signal among 60', async () => {
		await coach.goto(semharUrl);
		await coach.getByText('Contact vastleggen').click();
		await coach.getByLabel('Soort contact').selectOption('homeVisit');
		await coach.getByLabel('Duur (minuten)').fill('60');
		await coach.getByLabel('Notitie').fill('Thuis gesproken, met tolk. Ze wil graag Nederlands leren.');
		await coach.getByLabel('Opvolgen op (optioneel)').fill(today);
		await coach.getByRole('button', { name: 'Notitie opslaan' }).click();
		await expect
			.poll(() => coach.locator('.timeline li[data-source="note"]').first().textContent())
			.toContain('Huisbezoek');
		// The timeline holds the week so far: the appointment, her reply, the goal, the note.
		const sources = await coach
			.locator('.timeline li[data-source]')
			.evaluateAll((li) => li.map((e) => e.getAttribute('data-source')));
		expect(sources).toContain('note');
		expect(sources.length).toBeGreaterThanOrEqual(4);

		await list('?signal=followUpDue');
		expect(await names()).toEqual([NEW_ONE]);
		// The home visit is her last contact.
		expect(await row(NEW_ONE).locator('td:nth-child(4)').textContent()).not.toBe('–');
	});

	it('Thursday: Lotte hands Amal A. to Karim with a note; he has her, with the history, and Lotte no longer does', async () => {
		const amal = await open('Amal A.');
		const handover = coach.locator('section.handover');
		await handover.locator('summary').click();
		await handover.getByLabel('Nieuwe coach').selectOption({ label: 'Karim Haddou (teamleider)' });
		await handover.getByLabel('Overdracht voor uw collega').fill('Amal wil vrijwilligerswerk in de buurt.');
		await handover.getByRole('button', { name: 'Overdragen' }).click();
		await coach.waitForURL(/\/coach\?handedOver=/);
		await list();
		expect(await coach.locator('p.count').textContent()).toContain('59 deelnemers');
		expect((await coach.request.get(amal)).status()).toBe(404);

		const karim = await coachLogin(browser, server.origin, 'karim@demo.opstap.nl');
		await karim.goto(amal);
		expect(await karim.locator('.timeline').textContent()).toContain(
			'Amal wil vrijwilligerswerk in de buurt.'
		);
		await karim.context().close();
	});

	it('Friday: a trajectory closed a month ago is registered; its first aftercare call is on the list today', async () => {
		await open('Bashir A.');
		const closure = coach.locator('section.closure');
		await closure.locator('summary', { hasText: 'Traject afsluiten' }).click();
		await closure.getByLabel('Reden').selectOption('Betaald werk gevonden');
		await closure.getByLabel('Afgesloten op').fill(addMonths(today, -1));
		await closure.getByLabel('Nazorg').selectOption('3');
		await closure.getByRole('button', { name: 'Traject afsluiten' }).click();
		await closure.locator('[data-closure-status="aftercare"]').waitFor();

		// The list as the next page load reads it (polled: a loaded machine may still be finishing the closure's post).
		await expect
			.poll(
				async () => {
					await list('?signal=aftercareDue');
					return names();
				},
				{ timeout: 20_000 }
			)
			.toEqual(['Bashir A.']);
		expect(await row('Bashir A.').locator('td[data-status]').getAttribute('data-status')).toBe('aftercare');
		await coach.locator('[data-signal="aftercareDue"]').click();
		await coach.waitForURL(/\/coach\/participants\//);
		// Wait for the form's answer before leaving the page (leaving could cut the post off), then read the list as
		// the next page load does, polled as above.
		await Promise.all([
			coach.waitForResponse(
				(r) => r.request().method() === 'POST' && r.url().includes('/coach/participants/')
			),
			closure.getByRole('button', { name: 'Gebeld' }).first().click()
		]);
		await expect
			.poll(
				async () => {
					await list('?signal=aftercareDue');
					return names();
				},
				{ timeout: 20_000 }
			)
			.toEqual([]);
		// Aftercare is still open: Bashir stays in the working list, with his status.
		await list('?q=Bashir');
		expect(await row('Bashir A.').locator('td[data-status]').getAttribute('data-status')).toBe('aftercare');
		expect(await axeViolations(coach)).toEqual([]);
	});

	it('the end of the week: the whole list and its export still hold everyone, without another tool', async () => {
		await list('?status=all');
		expect(await names()).toHaveLength(59);
		const href = await coach.locator('a[data-export="caseload"]').getAttribute('href');
		const csv = await coach.request.get(`${server.origin}${href}`);
		const lines = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines).toHaveLength(60);
		expect(lines.some((l) => l.includes(',Semhar,'))).toBe(true);
		await list('?sort=lastContact');
		expect(await names()).toHaveLength(59);
		expect(await noOverflow(coach)).toBe(true);
		await screenshot(coach, 'coach-week-end');
	});
});
