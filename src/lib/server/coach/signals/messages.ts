import { sql } from 'drizzle-orm';
import { appointmentReplies, messages } from '../../db/schema';
import { anyRow, type CaseloadSignal } from './types';

/** A message from the participant the coach has not read. */
export const newMessage: CaseloadSignal = {
	key: 'newMessage',
	label: 'Nieuw bericht',
	tone: 'notice',
	href: 'messages',
	when: ({ participantId }) =>
		anyRow(
			sql`from ${messages} where ${messages.participantId} = ${participantId} and ${messages.sender} = 'participant' and ${messages.readAt} is null`
		)
};

/** Days without a word from the participant before the caseload says so. */
export const NOT_HEARD_FROM_DAYS = 28;

/**
 * Nothing from the participant (no message, no reply to an appointment) for four weeks, while the trajectory runs
 * (intake or active), and they were added longer ago than that.
 */
export const notHeardFrom: CaseloadSignal = {
	key: 'notHeardFrom',
	label: 'Lang niets gehoord',
	tone: 'call',
	when: ({ participantId, caseStatus, createdAt, now }) => {
		const since = new Date(now.getTime() - NOT_HEARD_FROM_DAYS * 86_400_000).toISOString();
		return sql`(${caseStatus} in ('intake', 'active') and ${createdAt} < ${since}
			and not ${anyRow(sql`from ${messages} where ${messages.participantId} = ${participantId} and ${messages.sender} = 'participant' and ${messages.createdAt} >= ${since}`)}
			and not ${anyRow(sql`from ${appointmentReplies} where ${appointmentReplies.participantId} = ${participantId} and ${appointmentReplies.receivedAt} >= ${since}`)})`;
	}
};
