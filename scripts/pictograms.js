// Writes the pictograms Opstap uses, and only those, to static/pictograms/ as SVG files,
// plus static/fonts/*.css and the Noto font files for each script. Run after changing the list:
//   npm run pictograms
// The output is committed, so a normal install does not need this script.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

/** name in Opstap -> Fluent Emoji Flat icon name. Names describe what the picture means here. */
export const PICTOGRAMS = {
	questions: 'clipboard',
	appointments: 'spiral-calendar',
	activities: 'hot-beverage',
	coach: 'speech-balloon',
	pair: 'mobile-phone-with-arrow',
	code: 'key',
	language: 'globe-with-meridians',
	'not-found': 'thinking-face',
	ok: 'check-mark-button',
	welcome: 'waving-hand',
	home: 'house',
	update: 'counterclockwise-arrows-button',
	speaker: 'speaker-high-volume',
	phone: 'telephone-receiver',
	help: 'person-raising-hand',
	wait: 'hourglass-not-done',
	offline: 'cloud',
	'coming-soon': 'sparkles',
	back: 'left-arrow',
	next: 'right-arrow',
	skip: 'fast-forward-button',
	info: 'information',
	'speaker-off': 'muted-speaker',
	settings: 'gear',
	slow: 'snail',
	'face-1': 'disappointed-face',
	'face-2': 'slightly-frowning-face',
	'face-3': 'neutral-face',
	'face-4': 'slightly-smiling-face',
	'face-5': 'grinning-face-with-big-eyes',
	yes: 'check-mark-button',
	no: 'cross-mark',
	'prefer-not': 'zipper-mouth-face',
	'dont-know': 'person-shrugging',
	microphone: 'studio-microphone',
	stop: 'stop-button',
	play: 'play-button',
	delete: 'wastebasket',
	cooking: 'cooking',
	walking: 'person-walking',
	'learn-language': 'open-book',
	meeting: 'handshake',
	sport: 'person-lifting-weights',
	gardening: 'seedling',
	number: 'input-numbers',
	write: 'pencil',
	about: 'information',
	// Questionnaires (src/lib/survey/definitions)
	privacy: 'locked',
	research: 'magnifying-glass-tilted-left',
	me: 'bust-in-silhouette',
	people: 'busts-in-silhouette',
	family: 'people-hugging',
	partner: 'two-hearts',
	children: 'child',
	caring: 'older-person',
	neighbours: 'houses',
	speaking: 'speaking-head',
	listen: 'ear',
	read: 'newspaper',
	'level-none': 'new-moon',
	'level-little': 'waxing-crescent-moon',
	'level-half': 'first-quarter-moon',
	'level-full': 'full-moon',
	week: 'calendar',
	day: 'tear-off-calendar',
	morning: 'sunrise',
	afternoon: 'sun',
	evening: 'sunset',
	school: 'school',
	volunteer: 'heart-hands',
	work: 'briefcase',
	wish: 'shooting-star',
	worthwhile: 'sparkling-heart',
	'body-health': 'stethoscope',
	mind: 'brain',
	solve: 'puzzle-piece',
	strong: 'flexed-biceps',
	'my-life': 'sunflower',
	money: 'money-bag',
	'free-time': 'kite',
	safety: 'shield',
	coin: 'coin',
	balance: 'balance-scale',
	savings: 'bank',
	debts: 'receipt',
	'debts-growing': 'money-with-wings',
	'debts-shrinking': 'broken-chain',
	ticket: 'admission-tickets',
	trust: 'handshake',
	'town-hall': 'classical-building',
	'feel-at-home': 'house-with-garden',
	'treated-badly': 'person-gesturing-no',
	apply: 'page-facing-up',
	street: 'cityscape',
	'going-out': 'mirror-ball',
	computer: 'laptop',
	creative: 'artist-palette',
	talent: 'glowing-star',
	advice: 'light-bulb',
	practical: 'hammer-and-wrench',
	technical: 'nut-and-bolt',
	'keep-going': 'person-climbing',
	patience: 'person-in-lotus-position',
	energy: 'high-voltage',
	transport: 'bus',
	nerves: 'anxious-face-with-sweat',
	'odd-jobs': 'toolbox',
	'first-step': 'footprints',
	'grow-1': 'seedling',
	'grow-2': 'herb',
	'grow-3': 'potted-plant',
	'grow-4': 'tulip',
	'grow-5': 'bouquet',
	change: 'butterfly',
	recommend: 'thumbs-up',
	official: 'office-worker',
	werkbedrijf: 'office-building',
	scores: 'bar-chart',
	control: 'control-knobs',
	network: 'link',
	status: 'round-pushpin',
	invite: 'envelope',
	watch: 'eyes',
	finish: 'chequered-flag',
	ill: 'face-with-thermometer',
	'no-response': 'mobile-phone-off',
	// Appointments (src/lib/appointments/kinds.ts)
	'first-conversation': 'handshake',
	conversation: 'busts-in-silhouette',
	'home-visit': 'house',
	'video-call': 'video-camera',
	together: 'admission-tickets',
	wijkcentrum: 'house-with-garden',
	outdoors: 'deciduous-tree',
	online: 'laptop',
	'id-card': 'identification-card',
	letter: 'envelope',
	'bank-card': 'credit-card',
	payslip: 'page-facing-up',
	glasses: 'glasses',
	medicines: 'pill',
	'sports-clothes': 'running-shoe',
	'own-phone': 'mobile-phone',
	other: 'speech-balloon',
	bell: 'bell',
	'bell-off': 'bell-with-slash',
	'add-to-calendar': 'calendar',
	map: 'world-map',
	interpreter: 'speaking-head',
	bring: 'backpack',
	past: 'hourglass-done',
	place: 'round-pushpin',
	// Activities (issue 6): one pictogram per category, access icons, filters
	'act-taalcafe': 'speaking-head',
	'act-taalles': 'open-book',
	'act-buurtgym': 'person-lifting-weights',
	'act-zwemmen': 'person-swimming',
	'act-wandelen': 'person-walking',
	'act-ontmoeten': 'hot-beverage',
	'act-buurtrestaurant': 'fork-and-knife-with-plate',
	'act-koken': 'shallow-pan-of-food',
	'act-moestuin': 'carrot',
	'act-computer': 'laptop',
	'act-fietsles': 'bicycle',
	'act-bibliotheek': 'books',
	'act-maatje': 'handshake',
	'act-vrijwilligerswerk': 'heart-hands',
	'act-creatief': 'artist-palette',
	'act-all': 'world-map',
	'act-today': 'tear-off-calendar',
	'act-week': 'calendar',
	'act-free': 'free-button',
	'act-near': 'round-pushpin',
	'act-price': 'coin',
	'act-scheme': 'admission-tickets',
	'act-wheelchair': 'wheelchair-symbol',
	'act-women': 'woman',
	'act-childcare': 'baby-bottle',
	'act-closed': 'no-entry',
	'act-calm': 'person-in-lotus-position',
	'act-some': 'person-walking',
	'act-busy': 'person-running',
	'act-languages': 'speaking-head',
	'act-try': 'raising-hands',
	'act-together': 'busts-in-silhouette',
	'act-time': 'alarm-clock',
	'act-add-calendar': 'spiral-calendar',
	'act-organiser': 'houses',
	'act-group': 'busts-in-silhouette',
	// Messages (src/lib/messages)
	late: 'alarm-clock',
	'call-me': 'telephone',
	camera: 'camera-with-flash',
	photo: 'framed-picture',
	send: 'outbox-tray',
	delivered: 'check-mark',
	'msg-read': 'eyes',
	'working-now': 'green-circle',
	'not-working': 'crescent-moon',
	urgent: 'sos-button',
	hours: 'mantelpiece-clock',
	download: 'inbox-tray',
	// Small pictures, big mistakes (issue 12 §4): the coach without a photo, taking a message back, a push that hangs
	'coach-person': 'person',
	undo: 'right-arrow-curving-left',
	'too-slow': 'stopwatch'
};

/**
 * Pictograms drawn for Opstap where Fluent Emoji has nothing concrete enough, in its style (viewBox 32, flat, its
 * palette). Issue 12 §4: the moon phases (level-*) read as weather, not as "how much"; a participant who cannot read
 * recognises part of a day on a clock, weeks on a calendar page and tally marks. The level-* names stay for
 * questionnaires uploaded with them.
 */
export const DRAWN = {
	// Time in a day: a clock filled by part (nothing, a little, half, all of it).
	'time-none':
		'<g fill="none"><circle cx="16" cy="17" r="14" fill="#9b9b9b"/><circle cx="16" cy="17" r="12" fill="#fff"/><path stroke="#636363" stroke-linecap="round" stroke-width="1.5" d="M16 6.5v1.6M26.5 17h-1.6M16 27.5v-1.6M5.5 17h1.6"/><circle cx="16" cy="17" r="1.5" fill="#212121"/></g>',
	'time-little':
		'<g fill="none"><circle cx="16" cy="17" r="14" fill="#9b9b9b"/><circle cx="16" cy="17" r="12" fill="#fff"/><path fill="#f9c23c" d="M16 17V6A11 11 0 0 1 23.78 9.22z"/><path stroke="#636363" stroke-linecap="round" stroke-width="1.5" d="M16 6.5v1.6M26.5 17h-1.6M16 27.5v-1.6M5.5 17h1.6"/><circle cx="16" cy="17" r="1.5" fill="#212121"/></g>',
	'time-half':
		'<g fill="none"><circle cx="16" cy="17" r="14" fill="#9b9b9b"/><circle cx="16" cy="17" r="12" fill="#fff"/><path fill="#f9c23c" d="M16 17V6A11 11 0 0 1 16.00 28.00z"/><path stroke="#636363" stroke-linecap="round" stroke-width="1.5" d="M16 6.5v1.6M26.5 17h-1.6M16 27.5v-1.6M5.5 17h1.6"/><circle cx="16" cy="17" r="1.5" fill="#212121"/></g>',
	'time-full':
		'<g fill="none"><circle cx="16" cy="17" r="14" fill="#9b9b9b"/><circle cx="16" cy="17" r="12" fill="#fff"/><circle cx="16" cy="17" r="11" fill="#f9c23c"/><path stroke="#636363" stroke-linecap="round" stroke-width="1.5" d="M16 6.5v1.6M26.5 17h-1.6M16 27.5v-1.6M5.5 17h1.6"/><circle cx="16" cy="17" r="1.5" fill="#212121"/></g>',
	// Contact: a calendar page of four weeks, a green mark per week with contact (a faint one: now and then).
	'contact-weekly':
		'<g fill="none"><path fill="#b4acbc" d="M2 8.5A4.5 4.5 0 0 1 6.5 4h19A4.5 4.5 0 0 1 30 8.5v17a4.5 4.5 0 0 1-4.5 4.5h-19A4.5 4.5 0 0 1 2 25.5z"/><path fill="#f3eef8" d="M3 10h26v15.5a3.5 3.5 0 0 1-3.5 3.5h-19A3.5 3.5 0 0 1 3 25.5z"/><path fill="#0084ce" d="M6.5 4h19A4.5 4.5 0 0 1 30 8.5V10H2V8.5A4.5 4.5 0 0 1 6.5 4"/><path fill="#d3cfd8" d="M5.5 11.8h4.5v3.2h-4.5zM11.0 11.8h4.5v3.2h-4.5zM16.5 11.8h4.5v3.2h-4.5zM22.0 11.8h4.5v3.2h-4.5zM5.5 16.0h4.5v3.2h-4.5zM11.0 16.0h4.5v3.2h-4.5zM16.5 16.0h4.5v3.2h-4.5zM22.0 16.0h4.5v3.2h-4.5zM5.5 20.2h4.5v3.2h-4.5zM11.0 20.2h4.5v3.2h-4.5zM16.5 20.2h4.5v3.2h-4.5zM22.0 20.2h4.5v3.2h-4.5zM5.5 24.4h4.5v3.2h-4.5zM11.0 24.4h4.5v3.2h-4.5zM16.5 24.4h4.5v3.2h-4.5zM22.0 24.4h4.5v3.2h-4.5z"/><circle cx="13.25" cy="13.4" r="2.4" fill="#00d26a"/><circle cx="13.25" cy="17.6" r="2.4" fill="#00d26a"/><circle cx="13.25" cy="21.8" r="2.4" fill="#00d26a"/><circle cx="13.25" cy="26.0" r="2.4" fill="#00d26a"/></g>',
	'contact-monthly':
		'<g fill="none"><path fill="#b4acbc" d="M2 8.5A4.5 4.5 0 0 1 6.5 4h19A4.5 4.5 0 0 1 30 8.5v17a4.5 4.5 0 0 1-4.5 4.5h-19A4.5 4.5 0 0 1 2 25.5z"/><path fill="#f3eef8" d="M3 10h26v15.5a3.5 3.5 0 0 1-3.5 3.5h-19A3.5 3.5 0 0 1 3 25.5z"/><path fill="#0084ce" d="M6.5 4h19A4.5 4.5 0 0 1 30 8.5V10H2V8.5A4.5 4.5 0 0 1 6.5 4"/><path fill="#d3cfd8" d="M5.5 11.8h4.5v3.2h-4.5zM11.0 11.8h4.5v3.2h-4.5zM16.5 11.8h4.5v3.2h-4.5zM22.0 11.8h4.5v3.2h-4.5zM5.5 16.0h4.5v3.2h-4.5zM11.0 16.0h4.5v3.2h-4.5zM16.5 16.0h4.5v3.2h-4.5zM22.0 16.0h4.5v3.2h-4.5zM5.5 20.2h4.5v3.2h-4.5zM11.0 20.2h4.5v3.2h-4.5zM16.5 20.2h4.5v3.2h-4.5zM22.0 20.2h4.5v3.2h-4.5zM5.5 24.4h4.5v3.2h-4.5zM11.0 24.4h4.5v3.2h-4.5zM16.5 24.4h4.5v3.2h-4.5zM22.0 24.4h4.5v3.2h-4.5z"/><circle cx="13.25" cy="13.4" r="2.4" fill="#00d26a"/></g>',
	'contact-less':
		'<g fill="none"><path fill="#b4acbc" d="M2 8.5A4.5 4.5 0 0 1 6.5 4h19A4.5 4.5 0 0 1 30 8.5v17a4.5 4.5 0 0 1-4.5 4.5h-19A4.5 4.5 0 0 1 2 25.5z"/><path fill="#f3eef8" d="M3 10h26v15.5a3.5 3.5 0 0 1-3.5 3.5h-19A3.5 3.5 0 0 1 3 25.5z"/><path fill="#0084ce" d="M6.5 4h19A4.5 4.5 0 0 1 30 8.5V10H2V8.5A4.5 4.5 0 0 1 6.5 4"/><path fill="#d3cfd8" d="M5.5 11.8h4.5v3.2h-4.5zM11.0 11.8h4.5v3.2h-4.5zM16.5 11.8h4.5v3.2h-4.5zM22.0 11.8h4.5v3.2h-4.5zM5.5 16.0h4.5v3.2h-4.5zM11.0 16.0h4.5v3.2h-4.5zM16.5 16.0h4.5v3.2h-4.5zM22.0 16.0h4.5v3.2h-4.5zM5.5 20.2h4.5v3.2h-4.5zM11.0 20.2h4.5v3.2h-4.5zM16.5 20.2h4.5v3.2h-4.5zM22.0 20.2h4.5v3.2h-4.5zM5.5 24.4h4.5v3.2h-4.5zM11.0 24.4h4.5v3.2h-4.5zM16.5 24.4h4.5v3.2h-4.5zM22.0 24.4h4.5v3.2h-4.5z"/><circle cx="13.25" cy="17.6" r="2.4" fill="#00d26a" fill-opacity=".4"/></g>',
	'contact-never':
		'<g fill="none"><path fill="#b4acbc" d="M2 8.5A4.5 4.5 0 0 1 6.5 4h19A4.5 4.5 0 0 1 30 8.5v17a4.5 4.5 0 0 1-4.5 4.5h-19A4.5 4.5 0 0 1 2 25.5z"/><path fill="#f3eef8" d="M3 10h26v15.5a3.5 3.5 0 0 1-3.5 3.5h-19A3.5 3.5 0 0 1 3 25.5z"/><path fill="#0084ce" d="M6.5 4h19A4.5 4.5 0 0 1 30 8.5V10H2V8.5A4.5 4.5 0 0 1 6.5 4"/><path fill="#d3cfd8" d="M5.5 11.8h4.5v3.2h-4.5zM11.0 11.8h4.5v3.2h-4.5zM16.5 11.8h4.5v3.2h-4.5zM22.0 11.8h4.5v3.2h-4.5zM5.5 16.0h4.5v3.2h-4.5zM11.0 16.0h4.5v3.2h-4.5zM16.5 16.0h4.5v3.2h-4.5zM22.0 16.0h4.5v3.2h-4.5zM5.5 20.2h4.5v3.2h-4.5zM11.0 20.2h4.5v3.2h-4.5zM16.5 20.2h4.5v3.2h-4.5zM22.0 20.2h4.5v3.2h-4.5zM5.5 24.4h4.5v3.2h-4.5zM11.0 24.4h4.5v3.2h-4.5zM16.5 24.4h4.5v3.2h-4.5zM22.0 24.4h4.5v3.2h-4.5z"/></g>',
	// How many times: tally marks on a card (none, one, a bundle of five).
	'times-never':
		'<g fill="none"><path fill="#b4acbc" d="M5 2h22a3 3 0 0 1 3 3v22a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V5a3 3 0 0 1 3-3"/><path fill="#f3eef8" d="M5.5 3h21A2.5 2.5 0 0 1 29 5.5v21a2.5 2.5 0 0 1-2.5 2.5h-21A2.5 2.5 0 0 1 3 26.5v-21A2.5 2.5 0 0 1 5.5 3"/></g>',
	'times-once':
		'<g fill="none"><path fill="#b4acbc" d="M5 2h22a3 3 0 0 1 3 3v22a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V5a3 3 0 0 1 3-3"/><path fill="#f3eef8" d="M5.5 3h21A2.5 2.5 0 0 1 29 5.5v21a2.5 2.5 0 0 1-2.5 2.5h-21A2.5 2.5 0 0 1 3 26.5v-21A2.5 2.5 0 0 1 5.5 3"/><path stroke="#533566" stroke-linecap="round" stroke-width="3" d="M16 8v16"/></g>',
	'times-often':
		'<g fill="none"><path fill="#b4acbc" d="M5 2h22a3 3 0 0 1 3 3v22a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V5a3 3 0 0 1 3-3"/><path fill="#f3eef8" d="M5.5 3h21A2.5 2.5 0 0 1 29 5.5v21a2.5 2.5 0 0 1-2.5 2.5h-21A2.5 2.5 0 0 1 3 26.5v-21A2.5 2.5 0 0 1 5.5 3"/><path stroke="#533566" stroke-linecap="round" stroke-width="2.6" d="M8.5 8v16M12.5 8v16M16.5 8v16M20.5 8v16M6 21.5L24 10.5"/></g>'
};

/**
 * Pictograms that a notification shows as its icon: also written as 192 px PNG (static/pictograms/png/), because
 * Android does not draw SVG icons in notifications.
 */
export const NOTIFICATION_ICONS = [
	'first-conversation',
	'conversation',
	'home-visit',
	'walking',
	'phone',
	'video-call',
	'together',
	'appointments',
	'coach'
];

/** Pictograms with a direction: mirrored in right-to-left languages (see Pictogram.svelte). */
export const DIRECTIONAL = ['back', 'next', 'skip', 'undo'];

const icons = JSON.parse(readFileSync(require.resolve('@iconify-json/fluent-emoji-flat/icons.json'), 'utf8'));
const outDir = join(root, 'static/pictograms');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [name, iconName] of Object.entries(PICTOGRAMS)) {
	const icon = icons.icons[iconName];
	if (!icon) throw new Error(`No icon ${iconName} for pictogram ${name}`);
	const w = icon.width ?? icons.width ?? 32;
	const h = icon.height ?? icons.height ?? 32;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${icon.body}</svg>\n`;
	writeFileSync(join(outDir, `${name}.svg`), svg);
}
for (const [name, body] of Object.entries(DRAWN)) {
	if (name in PICTOGRAMS) throw new Error(`Pictogram ${name} is both drawn and taken from Fluent Emoji`);
	writeFileSync(
		join(outDir, `${name}.svg`),
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">${body}</svg>\n`
	);
}
writeFileSync(
	join(outDir, 'LICENSE.md'),
	`Pictograms from Fluent Emoji Flat, (c) Microsoft Corporation, MIT licence,
https://github.com/microsoft/fluentui-emoji — taken from the npm package @iconify-json/fluent-emoji-flat.
Only the pictograms Opstap uses are copied here (scripts/pictograms.js).

Drawn for Opstap in the same style (scripts/pictograms.js, DRAWN), under Opstap's licence, EUPL-1.2:
${Object.keys(DRAWN).join(', ')}.\n`
);

// PNG copies for notification icons, rendered with resvg (WebAssembly: no native addon).
const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
mkdirSync(join(outDir, 'png'), { recursive: true });
for (const name of NOTIFICATION_ICONS) {
	const svg = readFileSync(join(outDir, `${name}.svg`), 'utf8');
	const png = new Resvg(svg, { fitTo: { mode: 'width', value: 192 } }).render().asPng();
	writeFileSync(join(outDir, 'png', `${name}.png`), png);
}

// Fonts: one stylesheet per script, so a page loads only the font of its language.
const fontDir = join(root, 'static/fonts');
rmSync(fontDir, { recursive: true, force: true });
mkdirSync(fontDir, { recursive: true });
const RANGES = {
	latin:
		'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
	'latin-ext':
		'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
	cyrillic: 'U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116',
	arabic:
		'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC',
	ethiopic: 'U+030E, U+1200-1399, U+2D80-2DDE, U+AB01-AB2E'
};
const FAMILIES = {
	latin: [['noto-sans', 'Noto Sans', ['latin', 'latin-ext']]],
	cyrillic: [['noto-sans', 'Noto Sans', ['latin', 'cyrillic']]],
	arabic: [
		['noto-sans-arabic', 'Noto Sans Arabic', ['arabic']],
		['noto-sans', 'Noto Sans', ['latin']]
	],
	ethiopic: [
		['noto-sans-ethiopic', 'Noto Sans Ethiopic', ['ethiopic']],
		['noto-sans', 'Noto Sans', ['latin']]
	]
};
for (const [script, families] of Object.entries(FAMILIES)) {
	let css = `/* Self-hosted Noto fonts (SIL Open Font License 1.1) for ${script} script. */\n`;
	for (const [pkg, family, subsets] of families) {
		for (const subset of subsets) {
			for (const weight of [400, 700]) {
				const file = `${pkg}-${subset}-${weight}-normal.woff2`;
				copyFileSync(require.resolve(`@fontsource/${pkg}/files/${file}`), join(fontDir, file));
				css += `@font-face{font-family:'${family}';font-style:normal;font-display:swap;font-weight:${weight};src:url(./${file}) format('woff2');unicode-range:${RANGES[subset]};}\n`;
			}
		}
	}
	writeFileSync(join(fontDir, `${script}.css`), css);
}
// The list of names for the app, so a wrong pictogram name is a type error.
writeFileSync(
	join(root, 'src/lib/pictograms.ts'),
	`// Generated by scripts/pictograms.js: the pictograms in static/pictograms/.\n` +
		`export const PICTOGRAM_NAMES = ${JSON.stringify([...Object.keys(PICTOGRAMS), ...Object.keys(DRAWN)].sort())} as const;\n\n` +
		`export type PictogramName = (typeof PICTOGRAM_NAMES)[number];\n\n` +
		`/** Pictograms that point a direction and are mirrored right to left. */\n` +
		`export const DIRECTIONAL: readonly PictogramName[] = ${JSON.stringify(DIRECTIONAL)};\n`
);
console.log(
	`Wrote ${Object.keys(PICTOGRAMS).length + Object.keys(DRAWN).length} pictograms and fonts for ${Object.keys(FAMILIES).join(', ')}.`
);
