import { sql } from 'drizzle-orm';
import { aftercareChecks } from '../../db/schema';
import { anyRow, type CaseloadSignal } from './types';

/** In aftercare, and a call's day has come (Amsterdam calendar day) without the coach marking it "Gebeld". */
export const aftercareDue: CaseloadSignal = {
	key: 'aftercareDue',
	label: 'Nazorg: bellen',
	tone: 'call',
	href: '#closure',
	when: ({ participantId, caseStatus, today }) =>
		sql`(${caseStatus} = 'aftercare' and ${anyRow(
			sql`from ${aftercareChecks} where ${aftercareChecks.participantId} = ${participantId} and ${aftercareChecks.dueOn} <= ${today} and ${aftercareChecks.doneAt} is null`
		)})`
};
