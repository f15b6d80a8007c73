// Renders static/icons/icon.svg to the PNG sizes the manifest lists, with Debian's Chromium.
// The maskable icon keeps the drawing inside the 80 % safe zone. Output is committed: run only after changing the SVG.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
for (const [file, size, scale] of [
	['icon-192.png', 192, 1],
	['icon-512.png', 512, 1],
	['maskable-512.png', 512, 0.8]
]) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * scale);
	await page.setContent(
		`<body style="margin:0;background:#1b5486;display:grid;place-items:center;height:${size}px">` +
			svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `) +
			'</body>'
	);
	await page.screenshot({ path: `static/icons/${file}` });
}
await browser.close();
