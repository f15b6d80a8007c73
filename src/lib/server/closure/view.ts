import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { aftercareChecks, closures, coaches } from '../db/schema';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { amsterdamToday } from '$lib/time/amsterdam';
import { AFTERCARE_MONTHS, DEFAULT_AFTERCARE_MONTHS, currentClosure } from './closure';
import { closureReasons } from './reasons';
import { upcomingAppointmentCount } from '../appointments/coach-view';
import { AFTERCARE_CHECK_LABELS } from '$lib/closure/labels';

/**
 * The closing section of a participant's page: the form (reasons, aftercare lengths) while the trajectory is open;
 * the closing with its aftercare calls when it is not. The caller has checked that the participant is visible.
 */
export async function closureForCoach(db: Db, actor: CoachActor, participantId: string, now = new Date()) {
	if (!can(actor, 'participant.close')) return null;
	const today = amsterdamToday(now);
	const [reasons, closure, upcomingAppointments] = await Promise.all([
		closureReasons(db, actor.teamId),
		currentClosure(db, participantId),
		upcomingAppointmentCount(db, participantId, now)
	]);
	const checks = closure
		? await db
				.select({
					id: aftercareChecks.id,
					kind: aftercareChecks.kind,
					dueOn: aftercareChecks.dueOn,
					doneAt: aftercareChecks.doneAt,
					doneBy: coaches.name
				})
				.from(aftercareChecks)
				.leftJoin(coaches, eq(coaches.id, aftercareChecks.doneByCoachId))
				.where(eq(aftercareChecks.closureId, closure.id))
				.orderBy(asc(aftercareChecks.dueOn))
		: [];
	return {
		today,
		reasons,
		aftercareMonths: AFTERCARE_MONTHS,
		defaultAftercareMonths: DEFAULT_AFTERCARE_MONTHS,
		upcomingAppointments,
		current: closure
			? {
					reason: closure.reason,
					closedOn: closure.closedOn,
					aftercareUntil: closure.aftercareUntil,
					contractEndsOn: closure.contractEndsOn,
					note: closure.note,
					endedAt: closure.endedAt?.toISOString() ?? null,
					checks: checks.map((c) => ({
						id: c.id,
						label: AFTERCARE_CHECK_LABELS[c.kind],
						dueOn: c.dueOn,
						due: c.dueOn <= today,
						doneAt: c.doneAt?.toISOString() ?? null,
						doneBy: c.doneBy
					}))
				}
			: null
	};
}

/** Every closing of a participant's trajectory, oldest first, with its aftercare calls (my data, the record). */
export async function closureHistory(db: Db, participantId: string) {
	const [rows, calls] = await Promise.all([
		db.select().from(closures).where(eq(closures.participantId, participantId)).orderBy(asc(closures.at)),
		db
			.select()
			.from(aftercareChecks)
			.where(eq(aftercareChecks.participantId, participantId))
			.orderBy(asc(aftercareChecks.dueOn))
	]);
	return rows.map((c) => ({
		reason: c.reason,
		closedOn: c.closedOn,
		aftercareUntil: c.aftercareUntil,
		contractEndsOn: c.contractEndsOn,
		note: c.note,
		endedAt: c.endedAt,
		reopenedAt: c.reopenedAt,
		aftercareCalls: calls
			.filter((k) => k.closureId === c.id)
			.map((k) => ({ moment: k.kind, dueOn: k.dueOn, doneAt: k.doneAt }))
	}));
}
