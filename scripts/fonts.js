// `npm run fonts`: writes static/fonts/ — the Noto Sans files a phone downloads, and one stylesheet per script
// (latin, arabic, cyrillic, ethiopic) that the server inlines into every page's <head> (src/lib/server/http/fonts.ts).
//   - Latin Extended is cut down (subset-font: harfbuzz as wasm) to the letters the shipped texts use (locales/*)
//     plus the full alphabets of the shipped Latin-script languages, so names typed in Turkish or Polish still show
//     in Noto Sans. A Turkish phone downloads ~9 KB of Latin Extended instead of 115 KB. The basic Latin file stays
//     whole: names, activities and answers may use any Western letter. Other characters fall back to the system font.
//   - 'Noto Sans Fallback': the system's Arial-like font (Arial, Liberation Sans, Roboto) scaled to Noto Sans's
//     width and line metrics (size-adjust, ascent/descent/line-gap-override): while Noto Sans loads the text takes
//     the same space, so the swap moves nothing (CLS 0).
//   - Languages' own names in other scripts: only their letters, bold (see "own names" below).
// Run again after changing texts in locales/ or the own names in src/lib/i18n/languages.ts (unit tests fail when a
// shipped text or an own name has a letter the fonts lack).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { convert } from 'fontverter';

const require = createRequire(import.meta.url);
const OUT = 'static/fonts';
const noto = (pkg, file) => join(require.resolve(`@fontsource/${pkg}/package.json`), '..', 'files', file);

const LATIN_RANGE =
	'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';
const LATIN_EXT_RANGE =
	'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF';
const ARABIC_RANGE =
	'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC';
const ETHIOPIC_RANGE = 'U+030E, U+1200-1399, U+2D80-2DDE, U+AB01-AB2E';
const CYRILLIC_RANGE = 'U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116';
/** Letters of the shipped Latin-script languages beyond Latin-1 (Turkish, Polish; Somali needs none). */
const ALPHABETS = 'ĞğİıŞşÇçÖöÜü' + 'ĄąĆćĘęŁłŃńÓóŚśŹźŻż';

/** @param {string} range e.g. "U+0100-02BA, U+0304" */
function inRange(range) {
	const parts = range.split(',').map((p) => {
		const [a, b] = p.trim().slice(2).split('-');
		return [parseInt(a, 16), parseInt(b ?? a, 16)];
	});
	return (cp) => parts.some(([a, b]) => cp >= a && cp <= b);
}

/** Every character of every shipped text (all languages, all files of locales/). */
function shippedText() {
	let text = '';
	const walk = (value) => {
		if (typeof value === 'string') text += value;
		else if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	for (const lang of readdirSync('locales', { withFileTypes: true }).filter((d) => d.isDirectory()))
		for (const file of readdirSync(join('locales', lang.name)).filter((f) => f.endsWith('.json')))
			walk(JSON.parse(readFileSync(join('locales', lang.name, file), 'utf8')));
	return text;
}

/** "U+0130-0131, U+015E" for a set of code points. */
function toRange(codePoints) {
	const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
	const parts = [];
	for (let i = 0; i < sorted.length; i++) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		const hex = (n) => n.toString(16).toUpperCase().padStart(4, '0');
		parts.push(i === j ? `U+${hex(sorted[i])}` : `U+${hex(sorted[i])}-${hex(sorted[j])}`);
		i = j;
	}
	return parts.join(', ');
}

/** Width of a sample text in em, and the vertical metrics, of a font file (harfbuzz shapes the text). */
async function metrics(buffer, sample) {
	const hb = await import('harfbuzzjs');
	const face = new hb.Face(new hb.Blob(await convert(buffer, 'truetype')), 0);
	const font = new hb.Font(face);
	const shaped = new hb.Buffer();
	shaped.addText(sample);
	shaped.guessSegmentProperties();
	hb.shape(font, shaped);
	const width = shaped.getGlyphPositions().reduce((sum, g) => sum + g.xAdvance, 0);
	const extents = font.hExtents();
	return {
		width: width / face.upem,
		ascent: extents.ascender / face.upem,
		descent: -extents.descender / face.upem,
		lineGap: extents.lineGap / face.upem
	};
}

const percent = (n) => `${(n * 100).toFixed(2)}%`;
const face = (family, weight, file, range) =>
	`@font-face{font-family:'${family}';font-style:normal;font-display:swap;font-weight:${weight};src:url(/fonts/${file}) format('woff2');unicode-range:${range};}`;

const text = shippedText();
const isLatinExt = inRange(LATIN_EXT_RANGE);
const latinExt = [...new Set([...(text + ALPHABETS)].map((c) => c.codePointAt(0)))].filter(isLatinExt);
const latinExtRange = toRange(latinExt);

// Subset Latin Extended; copy the other files as they come from @fontsource.
for (const f of readdirSync(OUT).filter((f) => f.endsWith('.woff2'))) rmSync(join(OUT, f));
const files = {};
for (const weight of [400, 700]) {
	const source = readFileSync(noto('noto-sans', `noto-sans-latin-ext-${weight}-normal.woff2`));
	const subset = await subsetFont(source, String.fromCodePoint(...latinExt), { targetFormat: 'woff2' });
	files[`latin-ext-${weight}`] = `noto-sans-latin-ext-subset-${weight}.woff2`;
	writeFileSync(join(OUT, files[`latin-ext-${weight}`]), subset);
	for (const [pkg, name] of [
		['noto-sans', `noto-sans-latin-${weight}-normal.woff2`],
		['noto-sans', `noto-sans-cyrillic-${weight}-normal.woff2`],
		['noto-sans-arabic', `noto-sans-arabic-arabic-${weight}-normal.woff2`],
		['noto-sans-ethiopic', `noto-sans-ethiopic-ethiopic-${weight}-normal.woff2`]
	])
		writeFileSync(join(OUT, name), readFileSync(noto(pkg, name)));
}

// The fallback: Liberation Sans has Arial's metrics exactly; sized to Noto Sans over a real sentence.
// (Arial's and Roboto's own names as well as their PostScript names: browsers match local() by either.)
const sample = JSON.parse(readFileSync('locales/nl/participant.json', 'utf8'));
const sentence = Object.values(sample)
	.flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'object' ? Object.values(v) : []))
	.filter((v) => typeof v === 'string')
	.join(' ')
	.slice(0, 4000);
// One fallback face per weight: bold text drawn from the regular face would be made bold by the browser, wider than Noto
// Sans Bold, and its lines would break elsewhere until Noto Sans Bold arrives (the question and the buttons moved).
const LIBERATION = '/usr/share/fonts/truetype/liberation';
const FALLBACK_SOURCES = {
	400: ['Arial', 'ArialMT', 'Liberation Sans', 'LiberationSans', 'Helvetica', 'Roboto', 'Roboto-Regular'],
	700: [
		'Arial Bold',
		'Arial-BoldMT',
		'Liberation Sans Bold',
		'LiberationSans-Bold',
		'Helvetica Bold',
		'Roboto Bold',
		'Roboto-Bold'
	]
};
const sizeAdjust = {};
const fallbacks = [];
for (const [weight, file] of [
	[400, 'LiberationSans-Regular.ttf'],
	[700, 'LiberationSans-Bold.ttf']
]) {
	const notoMetrics = await metrics(
		readFileSync(noto('noto-sans', `noto-sans-latin-${weight}-normal.woff2`)),
		sentence
	);
	const arial = await metrics(readFileSync(join(LIBERATION, file)), sentence);
	const adjust = (sizeAdjust[weight] = notoMetrics.width / arial.width);
	fallbacks.push(
		`@font-face{font-family:'Noto Sans Fallback';font-weight:${weight};` +
			`src:${FALLBACK_SOURCES[weight].map((name) => `local('${name}')`).join(',')};` +
			`size-adjust:${percent(adjust)};ascent-override:${percent(notoMetrics.ascent / adjust)};` +
			`descent-override:${percent(notoMetrics.descent / adjust)};line-gap-override:${percent(notoMetrics.lineGap / adjust)};}`
	);
}

const latin = (weight) => face('Noto Sans', weight, `noto-sans-latin-${weight}-normal.woff2`, LATIN_RANGE);
const scripts = {
	latin: [
		latin(400),
		latin(700),
		face('Noto Sans', 400, files['latin-ext-400'], latinExtRange),
		face('Noto Sans', 700, files['latin-ext-700'], latinExtRange)
	],
	cyrillic: [
		latin(400),
		latin(700),
		...[400, 700].map((w) => face('Noto Sans', w, `noto-sans-cyrillic-${w}-normal.woff2`, CYRILLIC_RANGE))
	],
	arabic: [
		...[400, 700].map((w) =>
			face('Noto Sans Arabic', w, `noto-sans-arabic-arabic-${w}-normal.woff2`, ARABIC_RANGE)
		),
		latin(400),
		latin(700)
	],
	ethiopic: [
		...[400, 700].map((w) =>
			face('Noto Sans Ethiopic', w, `noto-sans-ethiopic-ethiopic-${w}-normal.woff2`, ETHIOPIC_RANGE)
		),
		latin(400),
		latin(700)
	]
};
// Languages' own names ("العربية", "ትግርኛ", "Українська") on the language page and the languages question: a page
// in another script gets only their letters, bold as they are shown (~2 KB per script instead of ~60 KB of a whole
// font; the full font of a page's own script stays). They are the non-Latin letters of src/lib/i18n/languages.ts,
// which holds the own names and nothing else in those scripts.
const languagesSource = readFileSync('src/lib/i18n/languages.ts', 'utf8');
const own = {
	arabic: ['Noto Sans Arabic', 'noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal.woff2', ARABIC_RANGE],
	ethiopic: [
		'Noto Sans Ethiopic',
		'noto-sans-ethiopic',
		'noto-sans-ethiopic-ethiopic-700-normal.woff2',
		ETHIOPIC_RANGE
	],
	cyrillic: ['Noto Sans', 'noto-sans', 'noto-sans-cyrillic-700-normal.woff2', CYRILLIC_RANGE]
};
const ownNames = {};
for (const [script, [family, pkg, file, range]] of Object.entries(own)) {
	const inScript = inRange(range);
	const letters = [...new Set([...languagesSource].map((c) => c.codePointAt(0)))].filter(
		(cp) => inScript(cp) && cp > 0x7f
	);
	const name = `own-names-${script}-700.woff2`;
	writeFileSync(
		join(OUT, name),
		await subsetFont(readFileSync(noto(pkg, file)), String.fromCodePoint(...letters), {
			targetFormat: 'woff2'
		})
	);
	ownNames[script] = face(family, 700, name, toRange(letters));
}
for (const [script, rules] of Object.entries(scripts))
	rules.push(...Object.entries(ownNames).flatMap(([other, rule]) => (other === script ? [] : [rule])));

for (const [script, rules] of Object.entries(scripts)) {
	writeFileSync(
		join(OUT, `${script}.css`),
		`/* Self-hosted Noto fonts (SIL Open Font License 1.1) for ${script} script; written by scripts/fonts.js. */\n${[...fallbacks, ...rules].join('\n')}\n`
	);
}
console.log(
	`Latin Extended subset: ${latinExt.length} characters (${latinExtRange}); fallback size-adjust ${percent(sizeAdjust[400])} (bold ${percent(sizeAdjust[700])})`
);
