import type { Page } from 'playwright-core';

// Kept apart from browser.ts (which imports vitest) so that the benches pair phones the same way (bench/phone.js).

/**
 * Answers the consent screens from the one shown now, one purpose per screen, until the home screen. A phone paired
 * again for someone who answered before is asked only what is still open (or nothing).
 */
export async function answerConsent(page: Page, choices: Record<'coaching' | 'team' | 'research', string>) {
	for (let asked = 0; asked < 3; asked++) {
		const step = page.locator('section.consent[data-step]');
		const shown = await Promise.race([
			step.waitFor().then(() => true),
			page.waitForURL((url) => url.pathname !== '/consent').then(() => false)
		]);
		if (!shown || new URL(page.url()).pathname !== '/consent') break;
		const purpose = (await step.getAttribute('data-step')) as 'coaching' | 'team' | 'research';
		await page.locator(`button[data-choice=${choices[purpose]}]`).click();
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
