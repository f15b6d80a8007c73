import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, assignments, coaches, goals, goalSteps } from '../db/schema';
import { participantForCoach } from '../coach/caseload';
import type { CoachActor } from '../auth/coach';
import { formatDay, relativeDayKey } from '$lib/time/format';
import { amsterdamNoon, amsterdamToday } from '$lib/time/amsterdam';
import type { GoalState } from '$lib/plan/kinds';

/** The shipped intake's "what is your first small step?": shown to the coach when they write the first goal. */
const INTAKE_WISH_ITEM = 'firstGoal';

export interface PlanStep {
	id: string;
	text: string;
	ownText: string | null;
	dueOn: string | null;
	done: boolean;
	doneBy: 'participant' | 'coach' | null;
	doneAt: string | null;
}

export interface PlanGoal {
	id: string;
	pictogram: string;
	text: string;
	ownText: string | null;
	ownLanguage: string | null;
	state: GoalState;
	rating: number | null;
	closedAt: string | null;
	createdAt: string;
	coachName: string | null;
	steps: PlanStep[];
}

/** Goals oldest first (the first one agreed stays on top), steps by their day (those without one last). */
export async function planOf(db: Db, participantId: string): Promise<PlanGoal[]> {
	const goalRows = await db
		.select({
			id: goals.id,
			pictogram: goals.pictogram,
			text: goals.text,
			ownText: goals.ownText,
			ownLanguage: goals.ownLanguage,
			state: goals.state,
			rating: goals.rating,
			closedAt: goals.closedAt,
			createdAt: goals.createdAt,
			coachName: coaches.name
		})
		.from(goals)
		.leftJoin(coaches, eq(coaches.id, goals.createdByCoachId))
		.where(eq(goals.participantId, participantId))
		.orderBy(asc(goals.createdAt));
	if (!goalRows.length) return [];
	const stepRows = await db
		.select()
		.from(goalSteps)
		.where(
			and(
				eq(goalSteps.participantId, participantId),
				inArray(
					goalSteps.goalId,
					goalRows.map((g) => g.id)
				)
			)
		)
		.orderBy(sql`${goalSteps.dueOn} asc nulls last`, asc(goalSteps.createdAt));
	return goalRows.map((g) => ({
		...g,
		closedAt: g.closedAt?.toISOString() ?? null,
		createdAt: g.createdAt.toISOString(),
		steps: stepRows
			.filter((s) => s.goalId === g.id)
			.map((s) => ({
				id: s.id,
				text: s.text,
				ownText: s.ownText,
				dueOn: s.dueOn,
				done: s.doneAt !== null,
				doneBy: s.doneBy,
				doneAt: s.doneAt?.toISOString() ?? null
			}))
	}));
}

/** What the participant said at intake about their first small step: text, or the id of a spoken answer. */
async function intakeWish(db: Db, participantId: string) {
	const [row] = await db
		.select({ value: answers.value, answeredAt: answers.answeredAt })
		.from(answers)
		.innerJoin(assignments, eq(assignments.id, answers.assignmentId))
		.where(and(eq(assignments.participantId, participantId), eq(answers.itemId, INTAKE_WISH_ITEM)))
		.orderBy(desc(answers.answeredAt))
		.limit(1);
	const response = (
		row?.value as { type?: string; response?: { mode: string; text?: string; clip?: string } } | null
	)?.response;
	if (!row || !response) return null;
	return response.mode === 'text'
		? { text: response.text ?? '', attachmentId: null }
		: { text: null, attachmentId: response.clip ?? null };
}

/**
 * What a question that shows the participant's plan (an item with `show: "plan"`, e.g. the evaluation's "how far did
 * you get with your goal?") shows beside it: their goals (not the stopped ones), and what they said at intake about
 * their first small step, in their own words or their own voice.
 */
export async function planForQuestion(db: Db, participantId: string) {
	const [plan, wish] = await Promise.all([planOf(db, participantId), intakeWish(db, participantId)]);
	return {
		goals: plan
			.filter((g) => g.state !== 'stopped')
			.map((g) => ({
				id: g.id,
				pictogram: g.pictogram,
				text: g.text,
				ownText: g.ownText,
				ownLanguage: g.ownLanguage
			})),
		wish
	};
}

/** The plan as the coach sees it, with the intake's wish; null when the participant is not visible to them. */
export async function planForCoach(db: Db, coach: CoachActor, participantId: string) {
	if (!(await participantForCoach(db, coach, participantId))) return null;
	const [plan, wish] = await Promise.all([planOf(db, participantId), intakeWish(db, participantId)]);
	return { goals: plan, wish };
}

/** A step's day in the participant's language ("donderdag 10 december"), and "today"/"tomorrow" where it is. */
export interface PhoneStep extends PlanStep {
	day: string | null;
	relative: 'yesterday' | 'today' | 'tomorrow' | null;
	late: boolean;
}

export interface PhoneGoal extends Omit<PlanGoal, 'steps' | 'coachName'> {
	steps: PhoneStep[];
}

/**
 * The participant's own plan for the phone: the active goals and the reached ones (a stopped goal is no longer
 * theirs to see), with the days already in their language (the phone's browser may lack the calendar data). A text
 * written in the participant's own language shows in every language the phone is set to, marked with its language:
 * the coach wrote it for them.
 */
export async function myPlan(
	db: Db,
	participantId: string,
	lang: string,
	now = new Date()
): Promise<PhoneGoal[]> {
	const today = amsterdamToday(now);
	return (await planOf(db, participantId))
		.filter((g) => g.state !== 'stopped')
		.map(({ coachName: _coach, ...g }) => ({
			...g,
			steps: g.steps.map((s) => {
				const noon = s.dueOn ? amsterdamNoon(s.dueOn) : null;
				return {
					...s,
					day: noon ? formatDay(noon, lang) : null,
					relative: noon ? relativeDayKey(noon, now) : null,
					late: !s.done && !!s.dueOn && s.dueOn < today
				};
			})
		}));
}
