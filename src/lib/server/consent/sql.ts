import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { consentEvents } from '../db/schema';
import type { Decision, Purpose } from '$lib/consent/purposes';

/**
 * The newest decision of one purpose for the participant in `participantId` (a column of the outer query), as SQL:
 * for queries that must obey consent (the team lead's view, the research export, the caseload's signal). Its own
 * file, so that the caseload can use it without importing the consent area (which uses the caseload).
 */
export function latestDecision(participantId: AnyPgColumn, purpose: Purpose): SQL<Decision | null> {
	return sql<Decision | null>`(select ${consentEvents.decision} from ${consentEvents} where ${consentEvents.participantId} = ${participantId} and ${consentEvents.purpose} = ${purpose} order by ${consentEvents.at} desc limit 1)`;
}
