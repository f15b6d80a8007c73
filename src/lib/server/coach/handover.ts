import { and, asc, eq, gte, inArray, isNull, ne, desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { appointments, coaches, handovers, participants } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from './caseload';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';

/**
 * Handing a participant to another coach of the same team (issue 14 §4): by the coach or their team lead, with a
 * note for the new coach. Everything stays with the participant (journal, answers, messages, plan); appointments
 * still to come move to the new coach; the phone shows the new coach for a while (NEW_COACH_DAYS).
 */

/** How long the phone's home screen introduces the new coach. */
export const NEW_COACH_DAYS = 14;

export const HandoverForm = z.object({
	toCoachId: z.uuid('Kies een collega.'),
	note: z
		.string('Schrijf een korte overdracht voor uw collega.')
		.trim()
		.min(1, 'Schrijf een korte overdracht voor uw collega.')
		.max(4000, 'De overdracht is te lang (hoogstens 4000 tekens).')
});
export type HandoverInput = z.infer<typeof HandoverForm>;

/** The colleagues a participant can go to: the coaches and team leads of the participant's team, not the current one. */
export async function handoverTargets(db: Db, actor: CoachActor, participantId: string) {
	if (!can(actor, 'participant.handover')) return [];
	const participant = await participantForCoach(db, actor, participantId);
	return participant ? colleaguesOf(db, participant.coachId) : [];
}

/** The coaches and team leads of this coach's team, the coach left out. */
async function colleaguesOf(db: Db, coachId: string) {
	const [current] = await db.select({ teamId: coaches.teamId }).from(coaches).where(eq(coaches.id, coachId));
	if (!current) return [];
	return db
		.select({ id: coaches.id, name: coaches.name, role: coaches.role })
		.from(coaches)
		.where(
			and(
				eq(coaches.teamId, current.teamId),
				ne(coaches.id, coachId),
				inArray(coaches.role, ['coach', 'team_lead'])
			)
		)
		.orderBy(asc(coaches.name));
}

export async function handOver(
	db: Db,
	actor: CoachActor,
	participantId: string,
	input: HandoverInput,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found' | 'invalid'>> {
	if (!can(actor, 'participant.handover')) return refused('forbidden');
	const participant = await participantForCoach(db, actor, participantId);
	if (!participant) return refused('not_found');
	const targets = await colleaguesOf(db, participant.coachId);
	if (!targets.some((t) => t.id === input.toCoachId)) return refused('invalid');
	await db.transaction(async (tx) => {
		await tx.update(participants).set({ coachId: input.toCoachId }).where(eq(participants.id, participantId));
		await tx
			.update(appointments)
			.set({ coachId: input.toCoachId })
			.where(
				and(
					eq(appointments.participantId, participantId),
					eq(appointments.coachId, participant.coachId),
					gte(appointments.startsAt, now),
					isNull(appointments.cancelledAt)
				)
			);
		await tx.insert(handovers).values({
			participantId,
			fromCoachId: participant.coachId,
			toCoachId: input.toCoachId,
			byCoachId: actor.id,
			note: input.note,
			at: now
		});
		await audit(
			tx as unknown as Db,
			{ type: 'coach', id: actor.id },
			{
				action: 'participant.handed_over',
				subjectType: 'participant',
				subjectId: participantId,
				details: { from: participant.coachId, to: input.toCoachId }
			}
		);
	});
	return { ok: true };
}

/** The newest handover of a participant within NEW_COACH_DAYS: the phone's home introduces the new coach. */
export async function recentHandover(db: Db, participantId: string, now = new Date()) {
	const since = new Date(now.getTime() - NEW_COACH_DAYS * 86_400_000);
	const [row] = await db
		.select({ at: handovers.at, toCoachId: handovers.toCoachId, coachId: participants.coachId })
		.from(handovers)
		.innerJoin(participants, eq(participants.id, handovers.participantId))
		.where(and(eq(handovers.participantId, participantId), gte(handovers.at, since)))
		.orderBy(desc(handovers.at))
		.limit(1);
	// Only while that coach is still theirs.
	return row && row.toCoachId === row.coachId ? { at: row.at.toISOString() } : null;
}

/** "Fatma is now with Karim": the confirmation on the caseload for whoever just did the handover (no one else). */
export async function handoverDoneBy(db: Db, actor: CoachActor, participantId: string) {
	if (!z.uuid().safeParse(participantId).success) return null;
	const [row] = await db
		.select({ participant: participants.displayName, to: coaches.name })
		.from(handovers)
		.innerJoin(participants, eq(participants.id, handovers.participantId))
		.innerJoin(coaches, eq(coaches.id, handovers.toCoachId))
		.where(and(eq(handovers.participantId, participantId), eq(handovers.byCoachId, actor.id)))
		.orderBy(desc(handovers.at))
		.limit(1);
	return row ?? null;
}
