// Pairing a phone in a benchmark, as tests/helpers/browser.ts pairPhone does, with the tests' own consent answers.
import { answerConsent } from '../tests/helpers/consent.ts';

/** Pairs the page's phone with a code and answers the consent screens (issue 16) until home says "paired". */
export async function pairPhone(page, origin, code) {
	await page.goto(`${origin}/pair?code=${code}`);
	await page.locator('form button[type=submit]').click();
	await page.waitForURL(/\/consent/);
	await answerConsent(page, { coaching: 'given', team: 'given', research: 'given' });
	await page.waitForURL(/paired=1/);
}
