import { aftercareDue } from './aftercare';
import { appointmentReply, noShow } from './appointments';
import { talkFirst } from './consent';
import { followUpDue } from './journal';
import { newMessage, notHeardFrom } from './messages';
import type { CaseloadSignal } from './types';

export { anyRow, type CaseloadSignal, type SignalContext } from './types';

/**
 * Every signal the caseload shows, in the order of its badges. To add one (another area: check-ins, consent …):
 * write it as a CaseloadSignal in a file of this folder and add it here, one line; nothing else changes.
 */
export const CASELOAD_SIGNALS: readonly CaseloadSignal[] = [
	talkFirst,
	noShow,
	followUpDue,
	aftercareDue,
	notHeardFrom,
	newMessage,
	appointmentReply
];

export function signalByKey(key: string): CaseloadSignal | undefined {
	return CASELOAD_SIGNALS.find((s) => s.key === key);
}

/** What the page needs to show a signal (no SQL): key → label, tone, link. */
export function signalLabels() {
	return Object.fromEntries(
		CASELOAD_SIGNALS.map((s) => [s.key, { label: s.label, tone: s.tone, href: s.href ?? '' }])
	);
}
