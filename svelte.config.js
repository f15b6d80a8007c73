import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dev = process.env.NODE_ENV === 'development';

/**
 * SvelteKit's route announcer (for screen readers) carries one inline style attribute. Rather than allowing
 * every inline style, allow exactly that one by its hash, read from the installed SvelteKit.
 * The browser tests fail on any CSP violation, so a change in SvelteKit cannot slip through.
 * @returns {`sha256-${string}`[]}
 */
function announcerStyleHash() {
	const require = createRequire(import.meta.url);
	const kitDir = dirname(require.resolve('@sveltejs/kit/package.json'));
	const source = readFileSync(join(kitDir, 'src/core/sync/write_root.js'), 'utf8');
	const style = source.match(/id="svelte-announcer"[^>]*style="([^"]+)"/)?.[1];
	return style ? [`sha256-${createHash('sha256').update(style).digest('base64')}`] : [];
}

/**
 * The @font-face rules of each script, inlined into every page's <head> by hooks.server.ts (src/lib/server/http/
 * fonts.ts imports the same files): allowed by their hashes, like the announcer's style.
 * @returns {`sha256-${string}`[]}
 */
function fontStyleHashes() {
	return ['latin', 'arabic', 'cyrillic', 'ethiopic'].map((script) => {
		const css = readFileSync(new URL(`./static/fonts/${script}.css`, import.meta.url));
		return /** @type {const} */ (`sha256-${createHash('sha256').update(css).digest('base64')}`);
	});
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// A page's stylesheets (each a few KB) come inside its HTML: the first paint needs no second round trip.
		// Above this size a file is linked as usual (and cached across pages).
		inlineStyleThreshold: 6 * 1024,
		// We register the service worker ourselves through workbox-window (update prompt).
		serviceWorker: { register: false },
		// Origin check on form posts stays on (the default); spelled out so nobody switches it off by accident.
		csrf: { trustedOrigins: [] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Vite injects styles as <style> tags in dev only.
				// Built pages: the inlined stylesheets (inlineStyleThreshold) get a nonce or hash from SvelteKit; the
				// participant pages' inline municipality theme is allowed by its hash in hooks.server.ts.
				'style-src': dev ? ['self', 'unsafe-inline'] : ['self', ...fontStyleHashes()],
				'style-src-attr': dev ? ['unsafe-inline'] : ['unsafe-hashes', ...announcerStyleHash()],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': dev ? ['self', 'ws:'] : ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['none'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		alias: {
			$locales: 'locales'
		}
	}
};

export default config;
