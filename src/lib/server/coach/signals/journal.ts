import { sql } from 'drizzle-orm';
import { journalNotes } from '../../db/schema';
import { anyRow, type CaseloadSignal } from './types';

/** A journal note's follow-up day has come (Amsterdam calendar day) and the coach has not marked it done. */
export const followUpDue: CaseloadSignal = {
	key: 'followUpDue',
	label: 'Opvolgen',
	tone: 'call',
	href: '#journal',
	when: ({ participantId, today }) =>
		anyRow(
			sql`from ${journalNotes} where ${journalNotes.participantId} = ${participantId} and ${journalNotes.followUpOn} <= ${today} and ${journalNotes.followUpOn} is not null and ${journalNotes.followUpDoneAt} is null`
		)
};
