import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** A theme's name becomes a stylesheet path (/themes/<name>.css): only plain names. */
export const THEME_NAME = /^[a-z0-9-]{1,40}$/;

/**
 * The themes installed with this server: the stylesheets in the served themes folder (NL Design System tokens, put
 * there by whoever deploys Opstap for a municipality). The built server serves build/client; a checkout serves
 * static/; THEMES_DIR overrides both.
 */
export function installedThemes(): string[] {
	const folder = [process.env.THEMES_DIR, 'build/client/themes', 'static/themes']
		.filter((dir): dir is string => !!dir)
		.map((dir) => resolve(dir))
		.find((dir) => existsSync(dir));
	if (!folder) return [];
	return readdirSync(folder)
		.filter((file) => file.endsWith('.css'))
		.map((file) => file.slice(0, -'.css'.length))
		.filter((name) => THEME_NAME.test(name))
		.sort();
}
