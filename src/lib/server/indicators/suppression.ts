/**
 * Small-cell suppression for the indicators (issue 15 §3): a count under MIN_CELL is never shown, and enough other
 * cells are hidden with it that no shown total gives it away by subtraction.
 *
 * A table is groups (rows: teams or coaches) × parts (columns that add up to the row's total, e.g. answered and not
 * answered = asked), with a row total per group and a column total per part plus a grand total. Primary suppression
 * hides every cell under MIN_CELL (also 0: "nobody" is as telling as "one"). Complementary suppression then repeats
 * until nothing changes: in every row and every column (each an equation "parts = total"), when exactly one
 * member is hidden and the others are shown, the smallest shown other member is hidden too (the total when it is the
 * only one left). The result: every line has none or at least two hidden members, so no single cell can be worked
 * out from one line. (Two hidden cells that are each other's only partner in both their row and their column can
 * still be bounded, not pinned down: the known limit of this heuristic, as in the usual statistical practice.)
 */
export const MIN_CELL = 5;

/** What a cell shows: the count, or null for "<5" (or hidden with it). */
export type Shown = number | null;

export interface CountTable {
	groups: string[];
	parts: string[];
	/** cells[g][p]: the count of group g in part p. */
	cells: number[][];
}

export interface ShownTable {
	groups: string[];
	parts: string[];
	cells: Shown[][];
	rowTotals: Shown[];
	columnTotals: Shown[];
	total: Shown;
}

export function suppress(table: CountTable): ShownTable {
	const { groups, parts, cells } = table;
	const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
	const columnTotals = parts.map((_, p) => cells.reduce((a, row) => a + row[p]!, 0));
	const total = rowTotals.reduce((a, b) => a + b, 0);

	// One grid with the totals as an extra column and row: [g][parts.length] is a row total, [groups.length][p] a
	// column total, [groups.length][parts.length] the grand total.
	const G = groups.length;
	const P = parts.length;
	const value = (g: number, p: number) =>
		g < G ? (p < P ? cells[g]![p]! : rowTotals[g]!) : p < P ? columnTotals[p]! : total;
	const hidden = Array.from({ length: G + 1 }, (_, g) =>
		Array.from({ length: P + 1 }, (_, p) => value(g, p) < MIN_CELL)
	);

	/** The lines: each row with its total, each column with its total, and the totals row and column. */
	const lines: [number, number][][] = [
		...Array.from({ length: G + 1 }, (_, g) =>
			Array.from({ length: P + 1 }, (_, p) => [g, p] as [number, number])
		),
		...Array.from({ length: P + 1 }, (_, p) =>
			Array.from({ length: G + 1 }, (_, g) => [g, p] as [number, number])
		)
	];
	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines) {
			const hiddenHere = line.filter(([g, p]) => hidden[g]![p]);
			if (hiddenHere.length !== 1) continue;
			const candidates = line
				.filter(([g, p]) => !hidden[g]![p])
				.sort(([ga, pa], [gb, pb]) => value(ga, pa) - value(gb, pb));
			const [g, p] = candidates[0]!;
			hidden[g]![p] = true;
			changed = true;
		}
	}
	const shown = (g: number, p: number): Shown => (hidden[g]![p] ? null : value(g, p));
	return {
		groups,
		parts,
		cells: groups.map((_, g) => parts.map((_, p) => shown(g, p))),
		rowTotals: groups.map((_, g) => shown(g, P)),
		columnTotals: parts.map((_, p) => shown(G, p)),
		total: shown(G, P)
	};
}

/** A share in percent, only when both counts are shown (a rate of hidden counts would give them away). */
export function shownRate(part: Shown, whole: Shown): number | null {
	if (part === null || whole === null || whole === 0) return null;
	return Math.round((part / whole) * 100);
}

export const cellText = (n: Shown) => (n === null ? `<${MIN_CELL}` : String(n));
