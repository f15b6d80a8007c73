import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { checkinPlans, coaches, participants } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from '../coach/caseload';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';

const DAY_MS = 24 * 3600 * 1000;

export type PlanScope = (typeof checkinPlans.$inferSelect)['scope'];

export interface PlanInput {
	scope: PlanScope;
	/** For 'participant'. */
	participantId?: string;
	/** For 'coach': whose participants (a coach: only themself). */
	coachId?: string;
	/** When the first round is asked. */
	startAt: Date;
	/** Null: once. */
	everyDays: number | null;
	remindAfterDays?: number;
	silentAfterDays?: number;
}

/**
 * Makes a plan. A coach plans for one of their participants or for all of them; a team lead also for a coach of the
 * team or for the whole team. Who is asked is decided at each round (a participant added later is asked too).
 */
export async function createPlan(
	db: Db,
	coach: CoachActor,
	input: PlanInput
): Promise<Result<{ id: string }, 'forbidden' | 'not_found' | 'invalid'>> {
	if (!can(coach, 'checkins.plan')) return refused('forbidden');
	const remindAfterDays = input.remindAfterDays ?? 3;
	const silentAfterDays = input.silentAfterDays ?? 7;
	if (remindAfterDays < 1 || silentAfterDays <= remindAfterDays) return refused('invalid');
	if (input.everyDays !== null && input.everyDays < silentAfterDays) return refused('invalid');
	const values = {
		scope: input.scope,
		everyDays: input.everyDays,
		nextAt: input.startAt,
		remindAfterDays,
		silentAfterDays,
		createdByCoachId: coach.id
	};
	let target: Partial<typeof checkinPlans.$inferInsert>;
	if (input.scope === 'participant') {
		if (!input.participantId || !(await participantForCoach(db, coach, input.participantId)))
			return refused('not_found');
		target = { participantId: input.participantId };
	} else if (input.scope === 'coach') {
		const coachId = input.coachId ?? coach.id;
		if (coachId !== coach.id) {
			if (!can(coach, 'checkins.planGroup')) return refused('forbidden');
			const [colleague] = await db
				.select({ id: coaches.id })
				.from(coaches)
				.where(and(eq(coaches.id, coachId), eq(coaches.teamId, coach.teamId)));
			if (!colleague) return refused('not_found');
		}
		target = { coachId };
	} else {
		if (!can(coach, 'checkins.planGroup')) return refused('forbidden');
		target = { teamId: coach.teamId };
	}
	const [row] = await db
		.insert(checkinPlans)
		.values({ ...values, ...target })
		.returning({ id: checkinPlans.id });
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'checkins.planned',
			subjectType: input.scope === 'participant' ? 'participant' : 'checkin_plan',
			subjectId: input.scope === 'participant' ? input.participantId! : row!.id,
			details: { scope: input.scope, everyDays: input.everyDays, planId: row!.id }
		}
	);
	return { ok: true, id: row!.id };
}

/** The plans this person may see and stop: their own, and for a team lead the team's. */
function plansVisibleTo(coach: CoachActor) {
	if (!can(coach, 'checkins.plan')) return sql`false`;
	const creator = sql`(select ${coaches.teamId} from ${coaches} where ${coaches.id} = ${checkinPlans.createdByCoachId})`;
	return coach.role === 'team_lead'
		? sql`${creator} = ${coach.teamId}`
		: eq(checkinPlans.createdByCoachId, coach.id);
}

export interface PlanRow {
	id: string;
	scope: PlanScope;
	participantName: string | null;
	coachName: string | null;
	everyDays: number | null;
	nextAt: Date | null;
	stoppedAt: Date | null;
	createdAt: Date;
}

export async function listPlans(db: Db, coach: CoachActor, participantId?: string): Promise<PlanRow[]> {
	return db
		.select({
			id: checkinPlans.id,
			scope: checkinPlans.scope,
			participantName: participants.displayName,
			coachName: coaches.name,
			everyDays: checkinPlans.everyDays,
			nextAt: checkinPlans.nextAt,
			stoppedAt: checkinPlans.stoppedAt,
			createdAt: checkinPlans.createdAt
		})
		.from(checkinPlans)
		.leftJoin(participants, eq(participants.id, checkinPlans.participantId))
		.leftJoin(coaches, eq(coaches.id, checkinPlans.coachId))
		.where(
			and(plansVisibleTo(coach), participantId ? eq(checkinPlans.participantId, participantId) : undefined)
		)
		.orderBy(desc(checkinPlans.createdAt))
		.limit(200);
}

/** Stops a plan: no more rounds (what was asked stays asked). */
export async function stopPlan(
	db: Db,
	coach: CoachActor,
	planId: string,
	now = new Date()
): Promise<Result<object, 'not_found'>> {
	const stopped = await db
		.update(checkinPlans)
		.set({ stoppedAt: now, nextAt: null })
		.where(and(eq(checkinPlans.id, planId), plansVisibleTo(coach), isNull(checkinPlans.stoppedAt)))
		.returning({ id: checkinPlans.id });
	if (!stopped.length) return refused('not_found');
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'checkins.planStopped', subjectType: 'checkin_plan', subjectId: planId }
	);
	return { ok: true };
}

export interface RoundResult {
	plans: number;
	checkins: number;
	pushes: number;
}

/**
 * Turns every due plan into check-ins and pushes, a whole round in a few set-based statements (a team of 1,500 or a
 * municipality of 50,000 is the same three inserts). Idempotent: a round is unique per plan, participant and due
 * time, a push per key, so two servers (or a crash half-way) never ask twice. Only participants with a paired phone
 * are asked: someone who has no Opstap yet cannot answer, and must not count as silent.
 */
export async function runDuePlans(db: Db, now = new Date()): Promise<RoundResult> {
	const result: RoundResult = { plans: 0, checkins: 0, pushes: 0 };
	for (;;) {
		const done = await db.transaction(async (tx) => {
			const [plan] = await tx
				.select()
				.from(checkinPlans)
				.where(and(lte(checkinPlans.nextAt, now), isNull(checkinPlans.stoppedAt)))
				.orderBy(checkinPlans.nextAt)
				.limit(1)
				.for('update', { skipLocked: true });
			if (!plan || !plan.nextAt) return false;
			const due = plan.nextAt;
			const remindAt = new Date(due.getTime() + plan.remindAfterDays * DAY_MS);
			const silentAt = new Date(due.getTime() + plan.silentAfterDays * DAY_MS);
			const who =
				plan.scope === 'participant'
					? sql`p.id = ${plan.participantId}`
					: plan.scope === 'coach'
						? sql`p.coach_id = ${plan.coachId}`
						: sql`p.coach_id in (select id from coaches where team_id = ${plan.teamId})`;
			const inserted = await tx.execute(sql`
				insert into checkins (participant_id, plan_id, due_at, remind_at, silent_at)
				select p.id, ${plan.id}, ${due.toISOString()}, ${remindAt.toISOString()}, ${silentAt.toISOString()}
				from participants p
				where ${who} and p.trajectory_ended_at is null
					and exists (select 1 from devices d where d.participant_id = p.id and d.revoked_at is null)
				on conflict (plan_id, participant_id, due_at) do nothing`);
			// Both pushes at once: the reminder renders nothing when the check-in was answered by then.
			const pushed = await tx.execute(sql`
				insert into push_jobs (key, participant_id, kind, payload, run_at)
				select 'checkin:' || c.id || ':' || k.kind, c.participant_id, k.kind,
					jsonb_build_object('checkinId', c.id),
					case when k.kind = 'checkin' then c.due_at else c.remind_at end
				from checkins c cross join (values ('checkin'), ('checkinAgain')) as k(kind)
				where c.plan_id = ${plan.id} and c.due_at = ${due.toISOString()}
				on conflict (key) do nothing`);
			const next = plan.everyDays === null ? null : new Date(due.getTime() + plan.everyDays * DAY_MS);
			await tx
				.update(checkinPlans)
				// A plan that fell far behind (a server off for months) asks once now, not once per missed round.
				.set({ nextAt: next && next <= now ? new Date(now.getTime() + plan.everyDays! * DAY_MS) : next })
				.where(eq(checkinPlans.id, plan.id));
			result.plans++;
			result.checkins += affected(inserted);
			result.pushes += affected(pushed);
			return true;
		});
		if (!done) return result;
	}
}

/** Rows a statement changed, from either driver (node-postgres: rowCount; PGlite: affectedRows). */
function affected(result: unknown): number {
	const r = result as { rowCount?: number | null; affectedRows?: number };
	return r.rowCount ?? r.affectedRows ?? 0;
}
