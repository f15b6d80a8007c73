import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A theme's name becomes a stylesheet path (/themes/<name>.css): only plain names. */
export const THEME_NAME = /^[a-z0-9-]{1,40}$/;

/** The served themes folder: the built server serves build/client; a checkout serves static/; THEMES_DIR overrides. */
function themesFolder(): string | undefined {
	return [process.env.THEMES_DIR, 'build/client/themes', 'static/themes']
		.filter((dir): dir is string => !!dir)
		.map((dir) => resolve(dir))
		.find((dir) => existsSync(dir));
}

/**
 * The themes installed with this server: the stylesheets in the served themes folder (NL Design System tokens, put
 * there by whoever deploys Opstap for a municipality).
 */
export function installedThemes(): string[] {
	const folder = themesFolder();
	if (!folder) return [];
	return readdirSync(folder)
		.filter((file) => file.endsWith('.css'))
		.map((file) => file.slice(0, -'.css'.length))
		.filter((name) => THEME_NAME.test(name))
		.sort();
}

export interface ThemeStyle {
	css: string;
	/** For the page's Content-Security-Policy (style-src), which allows no inline style it does not name. */
	hash: `sha256-${string}`;
}

/** Read once per file version: a theme replaced on the server shows on the next page. */
const read = new Map<string, { mtimeMs: number; style: ThemeStyle }>();

/**
 * A theme's stylesheet, to inline into the participant's pages: a few hundred bytes of colour tokens, for which a
 * linked file would hold the first paint back by a round trip (≈ 150 ms on slow 4G; issue 17).
 */
export function themeStyle(name: string): ThemeStyle | null {
	const folder = themesFolder();
	if (!folder || !THEME_NAME.test(name)) return null;
	const file = join(folder, `${name}.css`);
	let mtimeMs: number;
	try {
		mtimeMs = statSync(file).mtimeMs;
	} catch {
		return null;
	}
	const kept = read.get(file);
	if (kept?.mtimeMs === mtimeMs) return kept.style;
	const css = readFileSync(file, 'utf8');
	const style: ThemeStyle = { css, hash: `sha256-${createHash('sha256').update(css).digest('base64')}` };
	read.set(file, { mtimeMs, style });
	return style;
}

/**
 * The hashes of every installed theme, for the participant pages' style-src. All of them, not only the page's own:
 * a page opened before pairing (no theme yet) moves to the paired home without a reload, and the theme's <style>
 * then added on the phone must be allowed by the policy the first page came with.
 */
export function themeStyleHashes(): ThemeStyle['hash'][] {
	return installedThemes()
		.map((name) => themeStyle(name)?.hash)
		.filter((hash): hash is ThemeStyle['hash'] => !!hash);
}
