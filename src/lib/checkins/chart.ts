/** What the chart needs of a check-in (the coach's history rows). */
export interface ChartInput {
	dueAt: Date;
	answeredAt: Date | null;
	silent: boolean;
	face: number | null;
	wantsContact: boolean;
}

/** One point of the faces-over-time chart, placed on the server (the chart is plain SVG, readable without JS). */
export interface ChartPoint {
	x: number;
	y: number;
	face: number | null;
	silent: boolean;
	wantsContact: boolean;
	label: string;
}

export const CHART = { width: 560, height: 180, left: 96, right: 16, top: 14, bottom: 30 } as const;

/** Where a face sits: 5 at the top, 1 at the bottom; an unanswered check-in under the line of 1. */
export function faceY(face: number | null): number {
	const rows = CHART.height - CHART.top - CHART.bottom;
	const step = rows / 5;
	return face === null ? CHART.height - CHART.bottom : CHART.top + (5 - face) * step;
}

/** Oldest left, newest right, evenly spaced (check-ins are asked at a steady pace; the date is in each label). */
export function chartPoints(
	history: ChartInput[],
	dayOf: (d: Date) => string,
	faceName: (face: number) => string
): ChartPoint[] {
	const rows = [...history].reverse().filter((r) => r.answeredAt || r.silent);
	const span = CHART.width - CHART.left - CHART.right;
	return rows.map((r, i) => ({
		x: CHART.left + (rows.length === 1 ? span / 2 : (i * span) / (rows.length - 1)),
		y: faceY(r.face),
		face: r.face,
		silent: r.silent,
		wantsContact: r.wantsContact,
		label: `${dayOf(r.dueAt)}: ${r.face ? faceName(r.face) : 'geen antwoord'}${r.wantsContact ? ', wil contact' : ''}`
	}));
}
