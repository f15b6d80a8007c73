/** The aftercare calls in the coach's words (server view and the journal both show them). */
export const AFTERCARE_CHECK_LABELS = {
	months1: 'Na 1 maand',
	months3: 'Na 3 maanden',
	months6: 'Na 6 maanden',
	months12: 'Na 12 maanden',
	contractEnd: 'Einde contract'
} as const;
