import { cellText } from './suppression';
import type { Indicators } from './indicators';
import { csvField } from '../survey/export';

/**
 * The indicators as CSV: one line per indicator, group and part, with the same suppression as the page ("<5"), and
 * the totals as group "Totaal" and part "totaal". Nothing the page hides is in the file.
 */
export function indicatorsCsv(indicators: Indicators): string {
	const lines = [['indicator', indicators.groupKind === 'coach' ? 'coach' : 'team', 'deel', 'aantal']];
	for (const t of indicators.tables) {
		t.groups.forEach((group, g) => {
			t.parts.forEach((_, p) => lines.push([t.id, group, t.partLabels[p]!, cellText(t.cells[g]![p]!)]));
			lines.push([t.id, group, 'totaal', cellText(t.rowTotals[g]!)]);
		});
		t.parts.forEach((_, p) => lines.push([t.id, 'Totaal', t.partLabels[p]!, cellText(t.columnTotals[p]!)]));
		lines.push([t.id, 'Totaal', 'totaal', cellText(t.total)]);
	}
	return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}
