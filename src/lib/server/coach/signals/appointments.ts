import { sql } from 'drizzle-orm';
import { appointmentReplies, appointments } from '../../db/schema';
import { anyRow, type CaseloadSignal } from './types';

/** A missed appointment the coach has not yet followed up: call, without blame. */
export const noShow: CaseloadSignal = {
	key: 'noShow',
	label: 'Bellen: was er niet',
	tone: 'call',
	href: '#appointments',
	when: ({ participantId }) =>
		anyRow(
			sql`from ${appointments} where ${appointments.participantId} = ${participantId} and ${appointments.attendance} = 'noShow' and ${appointments.followedUpAt} is null`
		)
};

/** Replies to appointments ("I'll come", "I can't", "call me") the coach has not seen yet. */
export const appointmentReply: CaseloadSignal = {
	key: 'appointmentReply',
	label: 'Nieuw antwoord op afspraak',
	tone: 'notice',
	href: '#appointments',
	when: ({ participantId }) =>
		anyRow(
			sql`from ${appointmentReplies} where ${appointmentReplies.participantId} = ${participantId} and ${appointmentReplies.seenAt} is null`
		)
};
