// Lighthouse's rows of the issue 17 table for one page, both ways it throttles (bench/light.js): shared by the rows of
// Opstap's pages (bench/light-rows.js) and of the SurveyJS comparison (bench/surveyjs/rows.js).

const GOALS = { lcp: '≤ 1200 ms', tbt: '≤ 50 ms', cls: '0' };

/**
 * @param {string} label the page
 * @param {any} l its medians (lcpMs, lcpRangeMs, tbtMs, cls; `applied` the same with applied throttling)
 * @param {number} runs how many runs each median is of
 * @param {string} [comparison] the goal column for a page that is there to compare with (no goals of its own)
 */
export function lighthouseRows(label, l, runs, comparison) {
	const goal = (key) => comparison ?? GOALS[key];
	const rows = [];
	for (const [way, m] of [
		['simulated throttling', l],
		['applied throttling (DevTools)', l.applied]
	]) {
		if (!m) continue;
		rows.push(
			[
				`${label}: Lighthouse mobile LCP, ${way} (median of ${runs})`,
				`${m.lcpMs} ms (${m.lcpRangeMs.join('–')})`,
				goal('lcp')
			],
			[`${label}: Lighthouse mobile TBT, ${way} (median of ${runs})`, `${m.tbtMs} ms`, goal('tbt')],
			[`${label}: Lighthouse mobile CLS, ${way} (median of ${runs})`, String(m.cls), goal('cls')]
		);
	}
	return rows;
}
