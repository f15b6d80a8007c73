import { sql } from 'drizzle-orm';
import { consentEvents } from '../../db/schema';
import type { CaseloadSignal } from './types';

/**
 * The participant wants to talk with their coach first (consent, issue 16): their questionnaires wait until the coach
 * has talked with them and says so on the participant's page.
 */
export const talkFirst: CaseloadSignal = {
	key: 'talkFirst',
	label: 'Wil eerst met u praten',
	tone: 'call',
	href: '#consent-title',
	when: ({ participantId }) =>
		sql`coalesce((select ${consentEvents.decision} from ${consentEvents} where ${consentEvents.participantId} = ${participantId} and ${consentEvents.purpose} = 'coaching' order by ${consentEvents.at} desc limit 1) = 'talkFirst', false)`
};
