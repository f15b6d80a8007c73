import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { aftercareChecks, closures, participants } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from '../coach/caseload';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';
import { addMonths } from '$lib/time/zoned';
import { amsterdamToday } from '$lib/time/amsterdam';
import { civilDate } from '../validation';
import { cancelUpcomingAppointments } from '../appointments/commands';

/**
 * Closing a trajectory (issue 14 §5). The coach chooses a reason from the municipality's list and a date; the
 * participant moves to aftercare, in which the coach calls after 1, 3 and 6 months (as chosen) and on the end of a
 * short contract, each a signal on the caseload on its day. After aftercare (by the coach, or by itself the day after
 * its last day) the participant is closed, and retention counts from then. A trajectory can be reopened.
 */

/** How long aftercare may last, in months (0: none). */
export const AFTERCARE_MONTHS = [0, 3, 6, 12] as const;
export const DEFAULT_AFTERCARE_MONTHS = 6;
/** The calls of aftercare, in months after closing (only those within the chosen length). */
const CHECK_MONTHS = [
	[1, 'months1'],
	[3, 'months3'],
	[6, 'months6'],
	[12, 'months12']
] as const;

const day = civilDate('Vul een bestaande datum in.');

/** The closing form, checked against the municipality's reasons and today's date (Amsterdam). */
export function closureForm(reasons: readonly string[], today: string) {
	return z
		.object({
			closureReason: z
				.string('Kies een reden uit de lijst.')
				.refine((r) => reasons.includes(r), 'Kies een reden uit de lijst.'),
			closedOn: day.refine((d) => d <= today, 'Afsluiten kan vandaag of eerder, niet in de toekomst.'),
			aftercareMonths: z.coerce
				.number('Kies hoe lang de nazorg duurt.')
				.refine((m) => (AFTERCARE_MONTHS as readonly number[]).includes(m), 'Kies hoe lang de nazorg duurt.'),
			contractEndsOn: day.or(z.literal('')).default(''),
			closureNote: z
				.string()
				.trim()
				.max(2000, 'De toelichting is te lang (hoogstens 2000 tekens).')
				.default(''),
			// A checkbox, ticked by default on the form: the appointments still to come are cancelled.
			cancelAppointments: z.stringbool().default(false)
		})
		.refine((f) => !f.contractEndsOn || f.contractEndsOn > f.closedOn, {
			message: 'Het contract eindigt na de dag van afsluiten.',
			path: ['contractEndsOn']
		})
		.refine((f) => !f.contractEndsOn || f.contractEndsOn <= addMonths(f.closedOn, 24), {
			message: 'Nazorg duurt hoogstens twee jaar: kies een einddatum binnen twee jaar.',
			path: ['contractEndsOn']
		});
}
export type ClosureInput = z.infer<ReturnType<typeof closureForm>>;

export const AftercareCheckForm = z.object({ checkId: z.uuid('Onbekend nazorgmoment.') });

/** The trajectory's closing that counts now: the newest one not reopened. */
export async function currentClosure(db: Db, participantId: string) {
	const [row] = await db
		.select()
		.from(closures)
		.where(and(eq(closures.participantId, participantId), isNull(closures.reopenedAt)))
		.orderBy(desc(closures.at))
		.limit(1);
	return row ?? null;
}

/** The aftercare calls for a closing: their kind and day. */
export function aftercarePlan(input: Pick<ClosureInput, 'closedOn' | 'aftercareMonths' | 'contractEndsOn'>) {
	const checks: { kind: (typeof aftercareChecks.$inferInsert)['kind']; dueOn: string }[] =
		CHECK_MONTHS.filter(([m]) => m <= input.aftercareMonths).map(([m, kind]) => ({
			kind,
			dueOn: addMonths(input.closedOn, m)
		}));
	if (input.contractEndsOn) checks.push({ kind: 'contractEnd', dueOn: input.contractEndsOn });
	checks.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
	const ends = [
		input.aftercareMonths ? addMonths(input.closedOn, input.aftercareMonths) : '',
		input.contractEndsOn
	]
		.filter(Boolean)
		.sort();
	return { checks, aftercareUntil: ends.at(-1) ?? null };
}

/** The participant whose trajectory this person may close or reopen (policy and caseload), or why not. */
async function closable(
	db: Db,
	actor: CoachActor,
	participantId: string
): Promise<
	Result<
		{ participant: NonNullable<Awaited<ReturnType<typeof participantForCoach>>> },
		'forbidden' | 'not_found'
	>
> {
	if (!can(actor, 'participant.close')) return refused('forbidden');
	const participant = await participantForCoach(db, actor, participantId);
	return participant ? { ok: true, participant } : refused('not_found');
}

export async function closeTrajectory(
	db: Db,
	actor: CoachActor,
	participantId: string,
	input: ClosureInput,
	now = new Date()
): Promise<
	Result<{ status: 'aftercare' | 'closed'; cancelled: number }, 'forbidden' | 'not_found' | 'conflict'>
> {
	const found = await closable(db, actor, participantId);
	if (!found.ok) return found;
	const { caseStatus } = found.participant;
	if (caseStatus === 'aftercare' || caseStatus === 'closed') return refused('conflict');
	const plan = aftercarePlan(input);
	const status = plan.aftercareUntil ? 'aftercare' : 'closed';
	const cancelled = await db.transaction(async (tx) => {
		const [closure] = await tx
			.insert(closures)
			.values({
				participantId,
				coachId: actor.id,
				reason: input.closureReason,
				closedOn: input.closedOn,
				aftercareUntil: plan.aftercareUntil,
				contractEndsOn: input.contractEndsOn || null,
				note: input.closureNote,
				at: now,
				endedAt: status === 'closed' ? now : null
			})
			.returning({ id: closures.id });
		if (plan.checks.length)
			await tx
				.insert(aftercareChecks)
				.values(plan.checks.map((c) => ({ ...c, closureId: closure!.id, participantId })));
		await tx
			.update(participants)
			.set({ caseStatus: status, ...(status === 'closed' ? { trajectoryEndedAt: now } : {}) })
			.where(eq(participants.id, participantId));
		const cancelled = input.cancelAppointments
			? await cancelUpcomingAppointments(tx as unknown as Db, actor, participantId, now)
			: 0;
		await audit(
			tx as unknown as Db,
			{ type: 'coach', id: actor.id },
			{
				action: 'participant.closed',
				subjectType: 'participant',
				subjectId: participantId,
				details: {
					reason: input.closureReason,
					closedOn: input.closedOn,
					aftercareUntil: plan.aftercareUntil,
					appointmentsCancelled: cancelled
				}
			}
		);
		return cancelled;
	});
	return { ok: true, status, cancelled };
}

/** "I called": an aftercare call done. Again is fine (the first time counts). */
export async function aftercareDone(
	db: Db,
	actor: CoachActor,
	participantId: string,
	checkId: string,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found'>> {
	const found = await closable(db, actor, participantId);
	if (!found.ok) return found;
	const [check] = await db
		.select({ id: aftercareChecks.id, doneAt: aftercareChecks.doneAt, kind: aftercareChecks.kind })
		.from(aftercareChecks)
		.where(and(eq(aftercareChecks.id, checkId), eq(aftercareChecks.participantId, participantId)));
	if (!check) return refused('not_found');
	if (check.doneAt) return { ok: true };
	await db
		.update(aftercareChecks)
		.set({ doneAt: now, doneByCoachId: actor.id })
		.where(and(eq(aftercareChecks.id, checkId), isNull(aftercareChecks.doneAt)));
	await audit(
		db,
		{ type: 'coach', id: actor.id },
		{
			action: 'participant.aftercare_done',
			subjectType: 'participant',
			subjectId: participantId,
			details: { kind: check.kind }
		}
	);
	return { ok: true };
}

/** Aftercare over: closed from now on (retention counts from here). */
export async function finishAftercare(
	db: Db,
	actor: CoachActor,
	participantId: string,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found' | 'conflict'>> {
	const found = await closable(db, actor, participantId);
	if (!found.ok) return found;
	const closure = await currentClosure(db, participantId);
	if (found.participant.caseStatus !== 'aftercare' || !closure) return refused('conflict');
	await endAftercare(db, participantId, closure.id, now);
	await audit(
		db,
		{ type: 'coach', id: actor.id },
		{ action: 'participant.aftercare_ended', subjectType: 'participant', subjectId: participantId }
	);
	return { ok: true };
}

async function endAftercare(db: Db, participantId: string, closureId: string, now: Date) {
	await db.transaction(async (tx) => {
		await tx.update(closures).set({ endedAt: now }).where(eq(closures.id, closureId));
		await tx
			.update(participants)
			.set({ caseStatus: 'closed', trajectoryEndedAt: now })
			.where(and(eq(participants.id, participantId), eq(participants.caseStatus, 'aftercare')));
	});
}

/** Back to active: the closing stays in the journal; aftercare calls not yet made are dropped. */
export async function reopenTrajectory(
	db: Db,
	actor: CoachActor,
	participantId: string,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found' | 'conflict'>> {
	const found = await closable(db, actor, participantId);
	if (!found.ok) return found;
	const { caseStatus } = found.participant;
	if (caseStatus !== 'aftercare' && caseStatus !== 'closed') return refused('conflict');
	const closure = await currentClosure(db, participantId);
	await db.transaction(async (tx) => {
		if (closure) {
			await tx.update(closures).set({ reopenedAt: now }).where(eq(closures.id, closure.id));
			await tx
				.delete(aftercareChecks)
				.where(and(eq(aftercareChecks.closureId, closure.id), isNull(aftercareChecks.doneAt)));
		}
		await tx
			.update(participants)
			.set({ caseStatus: 'active', trajectoryEndedAt: null })
			.where(eq(participants.id, participantId));
		await audit(
			tx as unknown as Db,
			{ type: 'coach', id: actor.id },
			{ action: 'participant.reopened', subjectType: 'participant', subjectId: participantId }
		);
	});
	return { ok: true };
}

/**
 * Aftercare whose last day has passed ends by itself (the hourly retention run calls this first): closed, and
 * retention counts from now. Returns how many participants it closed.
 */
export async function endFinishedAftercare(db: Db, now = new Date()): Promise<number> {
	const today = amsterdamToday(now);
	const due = await db
		.select({ participantId: closures.participantId, closureId: closures.id })
		.from(closures)
		.innerJoin(participants, eq(participants.id, closures.participantId))
		.where(
			and(
				eq(participants.caseStatus, 'aftercare'),
				isNull(closures.reopenedAt),
				isNull(closures.endedAt),
				lt(closures.aftercareUntil, today)
			)
		);
	for (const d of due) {
		await endAftercare(db, d.participantId, d.closureId, now);
		await audit(
			db,
			{ type: 'system' },
			{ action: 'participant.aftercare_ended', subjectType: 'participant', subjectId: d.participantId }
		);
	}
	return due.length;
}
