import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { activities, activityRequests, participants } from '../db/schema';
import { rejected, type EntryResult } from '../sync/areas';
import type { RequestKind } from '$lib/activities/categories';
import { listCaseload } from '../coach/caseload';
import type { CoachActor } from '../auth/coach';
import { catalogueOwnerOfParticipant } from './catalogue';
import { audit } from '../audit';

export { activityRequestData } from '$lib/outbox/contract';

/**
 * Stores "I want to try this" / "go together with my coach" once per clientId. The activity must be in the
 * participant's own catalogue.
 */
export async function storeActivityRequest(
	db: Db,
	participantId: string,
	entry: { clientId: string; at: Date; data: { activityId: string; kind: RequestKind } }
): Promise<EntryResult> {
	const owner = await catalogueOwnerOfParticipant(db, participantId);
	const [activity] = owner
		? await db
				.select({ id: activities.id })
				.from(activities)
				.where(and(eq(activities.id, entry.data.activityId), eq(activities.organisationId, owner)))
		: [];
	if (!activity) return rejected(entry.clientId, 'unknown_activity');
	const inserted = await db
		.insert(activityRequests)
		.values({
			participantId,
			activityId: activity.id,
			kind: entry.data.kind,
			clientId: entry.clientId,
			at: entry.at
		})
		.onConflictDoNothing()
		.returning({ id: activityRequests.id });
	if (inserted.length) return { clientId: entry.clientId, status: 'stored' };
	// The id is taken: by this same request (a retry), or by something else, which is not this phone's to know.
	const [holder] = await db
		.select({
			participantId: activityRequests.participantId,
			activityId: activityRequests.activityId,
			kind: activityRequests.kind
		})
		.from(activityRequests)
		.where(eq(activityRequests.clientId, entry.clientId));
	return holder?.participantId === participantId &&
		holder.activityId === activity.id &&
		holder.kind === entry.data.kind
		? { clientId: entry.clientId, status: 'already' }
		: rejected(entry.clientId, 'client_id_reused');
}

export interface InterestRow {
	id: string;
	participantId: string;
	participantName: string;
	activityId: string;
	activityTitle: string;
	category: string;
	kind: RequestKind;
	at: Date;
	handledAt: Date | null;
}

/** Which participants of the coach's caseload asked for what, newest first (open ones, or all). */
export async function interestForCoach(
	db: Db,
	coach: CoachActor,
	options: { participantId?: string; includeHandled?: boolean } = {}
): Promise<InterestRow[]> {
	const visible = (await listCaseload(db, coach)).map((p) => p.id);
	const ids = options.participantId ? visible.filter((id) => id === options.participantId) : visible;
	if (!ids.length) return [];
	const conditions = [inArray(activityRequests.participantId, ids)];
	if (!options.includeHandled) conditions.push(isNull(activityRequests.handledAt));
	return db
		.select({
			id: activityRequests.id,
			participantId: activityRequests.participantId,
			participantName: participants.displayName,
			activityId: activityRequests.activityId,
			activityTitle: activities.title,
			category: activities.category,
			kind: activityRequests.kind,
			at: activityRequests.at,
			handledAt: activityRequests.handledAt
		})
		.from(activityRequests)
		.innerJoin(participants, eq(participants.id, activityRequests.participantId))
		.innerJoin(activities, eq(activities.id, activityRequests.activityId))
		.where(and(...conditions))
		.orderBy(desc(activityRequests.at));
}

/** The coach marks a request as dealt with; only for their own caseload (else false: a 404). */
export async function markHandled(db: Db, coach: CoachActor, requestId: string): Promise<boolean> {
	const visible = (await listCaseload(db, coach)).map((p) => p.id);
	if (!visible.length) return false;
	const updated = await db
		.update(activityRequests)
		.set({ handledAt: new Date() })
		.where(and(eq(activityRequests.id, requestId), inArray(activityRequests.participantId, visible)))
		.returning({ id: activityRequests.id, participantId: activityRequests.participantId });
	if (updated[0]) {
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'activity_request.handled', subjectType: 'participant', subjectId: updated[0].participantId }
		);
	}
	return updated.length > 0;
}

/** What this participant asked for (to show "you asked" on the phone), newest first. */
export async function myRequests(db: Db, participantId: string) {
	return db
		.select({ activityId: activityRequests.activityId, kind: activityRequests.kind, at: activityRequests.at })
		.from(activityRequests)
		.where(eq(activityRequests.participantId, participantId))
		.orderBy(desc(activityRequests.at));
}
