import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, coaches, erasureRequests, participants } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { can } from '../access/policy';
import { refused, type Result } from '../result';

/**
 * Removes everything Opstap holds about one participant, in one transaction: the participant row, and with it (by
 * the foreign keys' ON DELETE CASCADE) every row that belongs to them: phones, pairing codes, questionnaires and
 * answers, files (stored in the database, so no file on disk stays behind), messages, appointments and replies,
 * push subscriptions and queued pushes, activity requests, ladder steps, consent rows, an erasure request; then the
 * audit rows about them or by them. What remains is one audit entry without personal data: that an erasure happened,
 * why, and (for a request) which two admins did it. tests/db/erasure.test.ts checks every table of the catalogue.
 */
export async function eraseParticipant(
	db: Db,
	participantId: string,
	why: { reason: 'request'; requestedBy: string; confirmedBy: string } | { reason: 'retention' }
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const deleted = await tx
			.delete(participants)
			.where(eq(participants.id, participantId))
			.returning({ id: participants.id });
		if (!deleted.length) return false;
		await tx
			.delete(auditLog)
			.where(
				or(
					eq(auditLog.subjectId, participantId),
					eq(auditLog.actorId, participantId),
					sql`${auditLog.details}::text like ${'%' + participantId + '%'}`
				)
			);
		await audit(
			tx as unknown as Db,
			why.reason === 'request' ? { type: 'coach', id: why.confirmedBy } : { type: 'system' },
			{ action: 'participant.erased', details: { ...why } }
		);
		return true;
	});
}

export interface OpenErasureRequest {
	id: string;
	participantId: string;
	displayName: string;
	coachName: string;
	requestedBy: string;
	requestedByMe: boolean;
	createdAt: Date;
}

/** Open requests, for the admins: who asked to erase whom (names are needed to check it is the right person). */
export async function openErasureRequests(db: Db, admin: CoachActor): Promise<OpenErasureRequest[]> {
	if (!can(admin, 'participant.erase')) return [];
	const rows = await db
		.select({
			id: erasureRequests.id,
			participantId: erasureRequests.participantId,
			displayName: participants.displayName,
			coachId: participants.coachId,
			requestedByCoachId: erasureRequests.requestedByCoachId,
			createdAt: erasureRequests.createdAt
		})
		.from(erasureRequests)
		.innerJoin(participants, eq(participants.id, erasureRequests.participantId))
		.orderBy(erasureRequests.createdAt);
	const names = new Map(
		(await db.select({ id: coaches.id, name: coaches.name }).from(coaches)).map((c) => [c.id, c.name])
	);
	return rows.map((r) => ({
		id: r.id,
		participantId: r.participantId,
		displayName: r.displayName,
		coachName: names.get(r.coachId) ?? '',
		requestedBy: names.get(r.requestedByCoachId) ?? '',
		requestedByMe: r.requestedByCoachId === admin.id,
		createdAt: r.createdAt
	}));
}

/** The first admin records the participant's request (by the participant number their coach gives). */
export async function requestErasure(
	db: Db,
	admin: CoachActor,
	participantId: string
): Promise<Result<object, 'forbidden' | 'not_found' | 'conflict'>> {
	if (!can(admin, 'participant.erase')) return refused('forbidden');
	const [found] = await db
		.select({ id: participants.id })
		.from(participants)
		.where(eq(participants.id, participantId));
	if (!found) return refused('not_found');
	const inserted = await db
		.insert(erasureRequests)
		.values({ participantId, requestedByCoachId: admin.id })
		.onConflictDoNothing()
		.returning({ id: erasureRequests.id });
	if (!inserted.length) return refused('conflict');
	await audit(
		db,
		{ type: 'coach', id: admin.id },
		{ action: 'participant.erasure_requested', subjectType: 'participant', subjectId: participantId }
	);
	return { ok: true };
}

/** A second admin (never the one who asked) confirms: the participant is erased at once. */
export async function confirmErasure(
	db: Db,
	admin: CoachActor,
	requestId: string
): Promise<Result<object, 'forbidden' | 'not_found'>> {
	if (!can(admin, 'participant.erase')) return refused('forbidden');
	const [request] = await db
		.select()
		.from(erasureRequests)
		.where(and(eq(erasureRequests.id, requestId), ne(erasureRequests.requestedByCoachId, admin.id)));
	if (!request) return refused('not_found');
	await eraseParticipant(db, request.participantId, {
		reason: 'request',
		requestedBy: request.requestedByCoachId,
		confirmedBy: admin.id
	});
	return { ok: true };
}

/** Either admin withdraws a request made in error. */
export async function cancelErasure(db: Db, admin: CoachActor, requestId: string): Promise<boolean> {
	if (!can(admin, 'participant.erase')) return false;
	const deleted = await db
		.delete(erasureRequests)
		.where(eq(erasureRequests.id, requestId))
		.returning({ participantId: erasureRequests.participantId });
	if (deleted.length)
		await audit(
			db,
			{ type: 'coach', id: admin.id },
			{
				action: 'participant.erasure_cancelled',
				subjectType: 'participant',
				subjectId: deleted[0]!.participantId
			}
		);
	return deleted.length > 0;
}
