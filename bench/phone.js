// Pairing a phone in a benchmark, as tests/helpers/browser.ts pairPhone does (not imported: it pulls in vitest).

/**
 * Says yes on each consent screen (issue 16: one purpose per screen) until the phone leaves /consent for home, as
 * tests/helpers/browser.ts answerConsent does (not imported: it pulls in vitest).
 */
export async function consentToAll(page) {
	for (let asked = 0; asked < 3; asked++) {
		const step = page.locator('section.consent[data-step]');
		const shown = await Promise.race([
			step.waitFor().then(() => true),
			page.waitForURL((url) => url.pathname !== '/consent').then(() => false)
		]);
		if (!shown || new URL(page.url()).pathname !== '/consent') break;
		const purpose = await step.getAttribute('data-step');
		await page.locator('button[data-choice=given]').click();
		// The first screen's address names no step: wait for the next screen itself (or for leaving), not the address.
		await page.waitForFunction(
			(p) =>
				location.pathname !== '/consent' ||
				document.querySelector('section.consent[data-step]')?.getAttribute('data-step') !== p,
			purpose
		);
	}
	await page.waitForURL((url) => url.pathname !== '/consent');
}

/** Pairs the page's phone with a code and answers the consent screens (issue 16) until home says "paired". */
export async function pairPhone(page, origin, code) {
	await page.goto(`${origin}/pair?code=${code}`);
	await page.locator('form button[type=submit]').click();
	await page.waitForURL(/\/consent/);
	await consentToAll(page);
	await page.waitForURL(/paired=1/);
}
