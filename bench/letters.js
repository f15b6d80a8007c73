// Pairing letters for a whole team (issue 15 §4): BENCH_LETTERS (1,500) participants without a phone in the demo
// coach's caseload; she ticks them all and makes the letters in one go, then Chromium prints the
// page to PDF as "Afdrukken" → "Opslaan als PDF" would. Measures, on PGlite and on PostgreSQL (when one answers):
//   - the form post: a fresh code and a letter per participant (seconds, and the answer's size on the wire);
//   - the PDF: seconds, size, pages (must be one A4 per letter).
// Needs the build (`npm run build`) and /usr/bin/chromium. Prints one JSON document.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { onEachEngine, startServer } from './server.js';

const COUNT = Number(process.env.BENCH_LETTERS ?? 1_500);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// The coach whose caseload they are (a team lead sees a participant only with their consent to that).
const COACH = 'lotte@demo.opstap.nl';

/** @param {(text: string, params?: unknown[]) => Promise<unknown>} query */
async function seed(query) {
	await query(
		`insert into participants (coach_id, display_name, preferred_language)
		 select (select id from coaches where email = 'lotte@demo.opstap.nl'), 'Deelnemer ' || g,
			(array['nl','tr','ar','ti','so','fa','pl','uk','en'])[1 + g % 9]
		 from generate_series(1, $1::int) g`,
		[COUNT]
	);
}

async function run(label, databaseUrl) {
	const env = { DEMO_DATA: '1', DATABASE_URL: databaseUrl ?? undefined };
	let server = await startServer(env, { keepData: true });
	const dataDir = server.dataDir;
	await server.stop();
	if (databaseUrl) {
		const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
		await seed((t, p) => pool.query(t, p));
		await pool.end();
	} else {
		const client = new PGlite(join(dataDir, 'pglite'));
		await seed((t, p) => client.query(t, p));
		await client.close();
	}
	server = await startServer({ ...env, DATA_DIR: dataDir });
	const browser = await chromium.launch({
		executablePath: CHROME,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 1366, height: 768 },
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		page.on('crash', () => console.error(`${label}: the page crashed`));
		await page.goto(`${server.origin}/coach/login`);
		await page.getByLabel('E-mailadres').fill(COACH);
		await page.getByLabel('Wachtwoord').fill('opstap-demo-2026');
		await Promise.all([
			page.waitForURL((u) => !u.pathname.endsWith('/login')),
			page.getByRole('button', { name: 'Inloggen' }).click()
		]);
		// Ticked after the page has hydrated, or hydration ticks the demo's own unpaired participants again.
		await page.goto(`${server.origin}/coach/letters`, { waitUntil: 'networkidle' });
		// Exactly the seeded people (the demo's own unpaired participants are ticked by default too).
		const ticked = await page.evaluate(() => {
			let n = 0;
			for (const box of document.querySelectorAll('input[name="participant"]')) {
				box.checked = box.getAttribute('aria-label').startsWith('Brief voor Deelnemer ');
				if (box.checked) n++;
			}
			return n;
		});
		if (ticked !== COUNT) throw new Error(`${ticked} of ${COUNT} participants on the letters page`);
		const posted = performance.now();
		const [answer] = await Promise.all([
			page.waitForResponse(
				(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/coach/letters',
				{ timeout: 600_000 }
			),
			page.getByRole('button', { name: 'Brieven maken' }).click()
		]);
		if (!answer.ok()) throw new Error(`making letters: ${answer.status()} ${await answer.text()}`);
		const answerBytes = (await answer.body()).length;
		// A stall (seen 2 of 6 runs at 1,500) says how far the page got, not just that it timed out.
		await page
			.locator('article.letter')
			.nth(ticked - 1)
			.waitFor({ timeout: Number(process.env.BENCH_LETTERS_WAIT_MS ?? 300_000) })
			.catch(async (error) => {
				const state = await page
					.evaluate(() => ({
						letters: document.querySelectorAll('article.letter').length,
						status: document.querySelector('[role="status"]')?.textContent?.trim() ?? null,
						readyState: document.readyState
					}))
					.catch((e) => ({ unresponsive: String(e) }));
				throw new Error(`${label}: letters never all drawn: ${JSON.stringify(state)}`, { cause: error });
			});
		const postSeconds = (performance.now() - posted) / 1000;
		const letters = await page.locator('article.letter').count();
		const printed = performance.now();
		const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
		const pdfSeconds = (performance.now() - printed) / 1000;
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		return {
			label,
			letters,
			postSeconds: Number(postSeconds.toFixed(1)),
			answerKb: Math.round(answerBytes / 1024),
			pdfSeconds: Number(pdfSeconds.toFixed(1)),
			pdfMb: Number((pdf.length / 1024 / 1024).toFixed(1)),
			pdfKbPerLetter: Math.round(pdf.length / 1024 / letters),
			pages,
			onePagePerLetter: pages === letters
		};
	} finally {
		await browser.close();
		await server.stop();
	}
}

console.log(JSON.stringify(await onEachEngine(run), null, 1));
