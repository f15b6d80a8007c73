import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ScoreChart from '../../src/routes/coach/participants/[id]/ScoreChart.svelte';

const at = (moment: string, day: number, raw: number | null, low: string) => ({
	moment,
	createdAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
	scores: [
		{ id: 'raw', label: 'Ruwe score (0–25)', value: raw },
		{ id: 'low', label: 'Laag welzijn', value: low }
	]
});

describe('ScoreChart: an instrument’s scores over the moments it was taken', () => {
	it('draws each numeric score as dots in time order, with the figures as a table', () => {
		// Given newest first, as the results come: drawn oldest first.
		render(ScoreChart, {
			props: {
				assignments: [
					at('6 maanden', 90, 18, 'nee'),
					at('Intake', 1, 11, 'ja'),
					at('3 maanden', 45, 15, 'nee')
				]
			}
		});
		const chart = screen.getByTestId('score-chart');
		// Only the numeric score gets a chart; "ja"/"nee" does not.
		const figures = chart.querySelectorAll('figure');
		expect([...figures].map((f) => f.dataset.series)).toEqual(['raw']);
		const svg = figures[0]!.querySelector('svg')!;
		expect(svg.querySelectorAll('circle')).toHaveLength(3);
		expect([...svg.querySelectorAll('text.moment')].map((t) => t.textContent)).toEqual([
			'Intake',
			'3 maanden',
			'6 maanden'
		]);
		// Higher values are drawn higher (a smaller y).
		const ys = [...svg.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cy')));
		expect(ys[0]).toBeGreaterThan(ys[1]!);
		expect(ys[1]).toBeGreaterThan(ys[2]!);
		const table = within(figures[0] as HTMLElement).getByRole('table');
		expect(
			within(table)
				.getAllByRole('row')
				.map((r) => r.textContent)
		).toEqual(['Intake11', '3 maanden15', '6 maanden18']);
	});

	it('shows nothing until a score has been taken at two moments', () => {
		render(ScoreChart, {
			props: { assignments: [at('Intake', 1, 11, 'ja'), at('3 maanden', 45, null, 'nee')] }
		});
		expect(screen.queryByTestId('score-chart')).toBeNull();
	});
});
