import { describe, expect, it } from 'vitest';
import { MIN_CELL, suppress, shownRate, type CountTable } from '../../src/lib/server/indicators/suppression';

/** A seeded random generator: the same tables every run (FUZZ_SEED explores others). */
function random(seed: number) {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

function check(table: CountTable) {
	const shown = suppress(table);
	const G = table.groups.length;
	const P = table.parts.length;
	const rowTotals = table.cells.map((r) => r.reduce((a, b) => a + b, 0));
	const columnTotals = table.parts.map((_, p) => table.cells.reduce((a, r) => a + r[p]!, 0));
	const total = rowTotals.reduce((a, b) => a + b, 0);
	// Nothing under 5 is shown, and what is shown is the true count.
	for (let g = 0; g < G; g++) {
		for (let p = 0; p < P; p++) {
			const s = shown.cells[g]![p];
			if (s !== null) expect(s).toBe(table.cells[g]![p]);
			if (table.cells[g]![p]! < MIN_CELL) expect(s).toBeNull();
		}
		if (rowTotals[g]! < MIN_CELL) expect(shown.rowTotals[g]).toBeNull();
	}
	for (let p = 0; p < P; p++) if (columnTotals[p]! < MIN_CELL) expect(shown.columnTotals[p]).toBeNull();
	if (total < MIN_CELL) expect(shown.total).toBeNull();
	// No line (a row with its total, a column with its total) has exactly one hidden member: subtraction never
	// gives a hidden count away.
	const grid = [
		...shown.cells.map((row, g) => [...row, shown.rowTotals[g]!]),
		[...shown.columnTotals, shown.total]
	];
	for (const row of grid) expect(row.filter((v) => v === null).length).not.toBe(1);
	for (let p = 0; p <= P; p++) expect(grid.map((row) => row[p]).filter((v) => v === null).length).not.toBe(1);
	return shown;
}

describe('small-cell suppression', () => {
	it('hides a 3 and, in its row and column, the smallest other count', () => {
		const shown = check({
			groups: ['Team A', 'Team B', 'Team C'],
			parts: ['answered', 'silent'],
			cells: [
				[40, 3],
				[25, 12],
				[30, 20]
			]
		});
		expect(shown.cells[0]).toEqual([null, null]);
		expect(shown.cells[1]![1]).toBeNull();
		expect(shown.total).toBe(130);
		expect(shownRate(shown.cells[2]![0]!, shown.rowTotals[2]!)).toBe(60);
		expect(shownRate(null, 43)).toBeNull();
	});

	it('no random table reveals a cell under 5 (2,000 tables, counts 0–40)', () => {
		const next = random(Number(process.env.FUZZ_SEED ?? 15));
		for (let i = 0; i < 2_000; i++) {
			const G = 1 + Math.floor(next() * 6);
			const P = 1 + Math.floor(next() * 4);
			const skew = next();
			check({
				groups: Array.from({ length: G }, (_, g) => `g${g}`),
				parts: Array.from({ length: P }, (_, p) => `p${p}`),
				cells: Array.from({ length: G }, () =>
					Array.from({ length: P }, () => Math.floor(next() ** (1 + skew * 3) * 40))
				)
			});
		}
	});
});
