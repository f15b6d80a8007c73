// The rows of the issue 17 table (figure, value, goal) from bench/light.js's JSON line: printed by
// `node bench/light.js --table` and by `npm run bench` (bench/run.js) alike, so both say the same with the same goals.
import { lighthouseRows } from './lighthouse-rows.js';
import { surveyJsRows } from './surveyjs/rows.js';

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** @param {any} light the JSON line of bench/light.js (parts not run are missing) */
export function lightRows(light) {
	const rows = [];
	const runs = light.runs;
	for (const [page, label] of [
		['home', 'Home'],
		['firstQuestion', 'First question']
	]) {
		const b = light.bytes?.[page];
		if (b)
			rows.push(
				[
					`${label}: HTML on the wire (${b.encoding}; ${kb(b.htmlBytes)} uncompressed)`,
					kb(b.htmlWire),
					'compressed by the server'
				],
				[
					`${label}: render-blocking stylesheet requests (CSS inlined: ${b.inlineStyles} <style>)`,
					String(b.stylesheets),
					'0 (small ones inlined)'
				],
				[`${label}: critical HTML + CSS on the wire`, kb(b.criticalWire), '≤ 14 kB'],
				[
					`${label}: JavaScript on the wire, first visit (${b.jsFiles} files; ${kb(b.jsGzip)} gzip)`,
					kb(b.jsWire),
					page === 'firstQuestion' ? '≤ 100 kB' : ''
				]
			);
		const l = light.lighthouse?.[page];
		if (l) rows.push(...lighthouseRows(label, l, runs));
		const r = light.reopen?.[page];
		if (r)
			rows.push([
				`${label}: repeat / offline open until interactive (CPU 4x, service worker, median of ${runs})`,
				`${r.repeatMs} / ${r.offlineMs} ms`,
				'≤ 500 ms'
			]);
	}
	if (light.reopen?.floorMs !== undefined)
		rows.push([
			`Floor: a page of one line of script, opened the same way (the browser's own part; bench/floor.js)`,
			`${light.reopen.floorMs} ms`,
			'(floor)'
		]);
	const a = light.answer;
	if (a)
		rows.push(
			[
				`Tap → answer committed in IndexedDB (CPU 4x), from the release, p50 / p95 of ${a.taps}`,
				`${a.p50Ms} / ${a.p95Ms} ms`,
				'p95 ≤ 16 ms'
			],
			[
				`Floor: the same two writes as one bare IndexedDB transaction, same page and CPU, p50 / p95`,
				`${a.floorP50Ms} / ${a.floorP95Ms} ms`,
				'(floor)'
			],
			...(a.tapFloorP50Ms === undefined
				? []
				: [
						[
							`Floor: the same tap on "Next" doing only those bare writes (no Opstap code), release → complete, p50 / p95`,
							`${a.tapFloorP50Ms} / ${a.tapFloorP95Ms} ms`,
							'(floor)'
						]
					])
		);
	const f = light.fonts;
	if (f)
		rows.push([
			`Fonts for a Turkish participant (home, questions, first question; ${f.files.length} files)`,
			kb(f.turkishBytes),
			'subset'
		]);
	rows.push(...surveyJsRows(light));
	return rows;
}
