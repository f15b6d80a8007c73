// The SurveyJS comparison's rows of the issue 17 table (figure, value, goal), from bench/light.js's JSON line: printed
// by `node bench/light.js --table` and by `npm run bench` (bench/run.js) alike.

import { lighthouseRows } from '../lighthouse-rows.js';

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** @param {any} light the JSON line of bench/light.js */
export function surveyJsRows(light) {
	const rows = [];
	const s = light.bytes?.surveyjs;
	const q = light.bytes?.firstQuestion;
	const label = 'SurveyJS page, same module';
	if (s)
		rows.push(
			[
				`${label}: JavaScript on the wire, first visit (${s.jsFiles} file${s.jsFiles === 1 ? '' : 's'}; ${kb(s.jsGzip)} gzip, ${kb(s.jsBytes)} minified)`,
				kb(s.jsWire),
				'(comparison)'
			],
			[
				`${label}: critical HTML + CSS on the wire (${s.stylesheets} stylesheet${s.stylesheets === 1 ? '' : 's'})`,
				kb(s.criticalWire),
				'(comparison)'
			]
		);
	const l = light.lighthouse?.surveyjs;
	if (l) rows.push(...lighthouseRows(label, l, light.runs, '(comparison)'));
	const v = light.versusSurveyJs;
	if (v && s && q)
		rows.push([
			`JavaScript of a first visit, SurveyJS page ÷ first question: on the wire ${kb(s.jsWire)} ÷ ${kb(q.jsWire)} (gzip ${kb(s.jsGzip)} ÷ ${kb(q.jsGzip)})`,
			`${v.jsWireTimes}× (gzip ${v.jsGzipTimes}×)`,
			`≥ ${v.goalTimes}×`
		]);
	return rows;
}
