import type { Language } from '$lib/i18n/languages';
// Written by scripts/fonts.js; the same bytes are hashed for the CSP in svelte.config.js (fontStyleHashes).
import arabic from '../../../../static/fonts/arabic.css?raw';
import cyrillic from '../../../../static/fonts/cyrillic.css?raw';
import ethiopic from '../../../../static/fonts/ethiopic.css?raw';
import latin from '../../../../static/fonts/latin.css?raw';

const FONT_FACES: Record<Language['script'], string> = { arabic, cyrillic, ethiopic, latin };

/**
 * The @font-face rules of the page's script, inlined into <head>: a stylesheet link there would cost the first
 * paint one more round trip (≈ 150 ms on slow 4G) for 1.5 KB. The fonts themselves load with font-display: swap.
 */
export function fontFaceStyle(script: Language['script']): string {
	return `<style>${FONT_FACES[script]}</style>`;
}
