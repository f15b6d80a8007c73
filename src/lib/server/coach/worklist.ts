import { and, asc, desc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	appointments,
	assignments,
	coaches,
	devices,
	journalNotes,
	ladderRungs,
	messages,
	moduleSubmissions,
	participants,
	pushSubscriptions
} from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { amsterdamToday } from '$lib/time/amsterdam';
import { visibleTo } from './caseload';
import { CASELOAD_SIGNALS, signalByKey, type SignalContext } from './signals';

/** Where a trajectory stands. Closed participants are out of the default view. */
export const CASE_STATUSES = ['intake', 'active', 'aftercare', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** What the coach sets by hand; aftercare and closed come only by closing a trajectory (server/closure). */
export const OPEN_CASE_STATUSES = ['intake', 'active'] as const satisfies readonly CaseStatus[];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
	intake: 'Intake',
	active: 'Actief',
	aftercare: 'Nazorg',
	closed: 'Afgesloten'
};

export const SORTS = ['name', 'lastContact', 'nextAppointment', 'rung', 'status'] as const;

/** Rows a page shows at most (a team of 1,500 is searched and filtered, not scrolled). */
export const WORKLIST_LIMIT = 300;

/**
 * The caseload's filters as they come in the URL (a GET form, so it works without JavaScript). Anything unknown
 * falls back to the default rather than failing: a stale bookmark still opens the list.
 */
export const WorklistQuery = z.object({
	q: z.string().trim().max(80).catch('').default(''),
	status: z
		.enum(['open', 'all', ...CASE_STATUSES])
		.catch('open')
		.default('open'),
	signal: z.string().max(40).catch('').default(''),
	coach: z
		.union([z.uuid(), z.literal('')])
		.catch('')
		.default(''),
	sort: z.enum(SORTS).catch('name').default('name')
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export function worklistQueryFrom(url: URL): WorklistQuery {
	return WorklistQuery.parse(Object.fromEntries(url.searchParams));
}

export interface WorklistRow {
	id: string;
	displayName: string;
	nameDetail: string;
	preferredLanguage: string;
	caseStatus: CaseStatus;
	coachId: string;
	coachName: string;
	createdAt: Date;
	activeDevices: number;
	/** Phones with reminders (push) on: 0 means reminders only show when the app is opened. */
	pushDevices: number;
	/** Another participant in the team has the same name: show the distinguishing detail. */
	sameName: boolean;
	lastContact: Date | null;
	nextAppointment: Date | null;
	/** The latest questionnaire set: modules sent of modules asked. */
	questionnaire: { questionnaireId: string; wave: string; sent: number; total: number } | null;
	/** The latest ladder rung, the one before it, and when it was set. */
	rung: number | null;
	previousRung: number | null;
	rungAt: Date | null;
	signals: string[];
	/** All rows matching the filters (the page shows at most WORKLIST_LIMIT). */
	total: number;
}

const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The caseload as a working list, in one SQL query: per visible participant the status, last contact, next
 * appointment, questionnaire progress, ladder rung with its last move, and every registered signal; searched,
 * filtered and sorted in the database. Each column is an indexed lookup on participant_id, so the cost grows with
 * the caseload shown, not with the municipality (bench/caseload.js: 50,000 participants).
 */
export async function worklist(
	db: Db,
	coach: CoachActor,
	query: WorklistQuery,
	now = new Date(),
	limit = WORKLIST_LIMIT
): Promise<WorklistRow[]> {
	const rows = await worklistStatement(db, coach, query, now, limit);
	return rows.map(({ rungs: r, ...row }) => ({
		...row,
		lastContact: toDate(row.lastContact),
		nextAppointment: toDate(row.nextAppointment),
		rung: r?.[0]?.rung ?? null,
		previousRung: r?.[1]?.rung ?? null,
		rungAt: toDate(r?.[0]?.at),
		signals: row.signals ?? []
	}));
}

/** The caseload's SQL statement (awaited by worklist; the bench explains it). */
export function worklistStatement(
	db: Db,
	coach: CoachActor,
	query: WorklistQuery,
	now = new Date(),
	limit = WORKLIST_LIMIT
) {
	const ctx: SignalContext = {
		participantId: sql`${participants.id}`,
		caseStatus: sql`${participants.caseStatus}`,
		createdAt: sql`${participants.createdAt}`,
		now,
		today: amsterdamToday(now)
	};
	const id = participants.id;
	const lastContact = sql<string | null>`greatest(
		(select max(${messages.createdAt}) from ${messages} where ${messages.participantId} = ${id}),
		(select max(${appointments.startsAt}) from ${appointments} where ${appointments.participantId} = ${id} and ${appointments.attendance} = 'attended'),
		(select max(${journalNotes.at}) from ${journalNotes} where ${journalNotes.participantId} = ${id}))`;
	const nextAppointment = sql<
		string | null
	>`(select min(${appointments.startsAt}) from ${appointments} where ${appointments.participantId} = ${id} and ${appointments.startsAt} >= ${now.toISOString()} and ${appointments.cancelledAt} is null)`;
	const questionnaire = sql<WorklistRow['questionnaire']>`(select json_build_object(
			'questionnaireId', ${assignments.questionnaireId}, 'wave', ${assignments.wave},
			'total', jsonb_array_length(${assignments.moduleIds}),
			'sent', (select count(*)::int from ${moduleSubmissions} where ${moduleSubmissions.assignmentId} = ${assignments.id}
				and ${assignments.moduleIds} ? ${moduleSubmissions.moduleId}))
		from ${assignments} where ${assignments.participantId} = ${id} order by ${assignments.createdAt} desc limit 1)`;
	const rungs = sql<
		{ rung: number; at: string }[] | null
	>`(select json_agg(json_build_object('rung', r.rung, 'at', r.created_at)) from (select ${ladderRungs.rung} as rung, ${ladderRungs.createdAt} as created_at from ${ladderRungs} where ${ladderRungs.participantId} = ${id} order by ${ladderRungs.createdAt} desc limit 2) r)`;
	const signals = sql<string[]>`array_remove(array[${sql.join(
		CASELOAD_SIGNALS.map((s) => sql`case when ${s.when(ctx)} then ${s.key} end`),
		sql`, `
	)}]::text[], null)`;
	// The inner participants are "q" (the outer "participants" stays the row's own).
	const sameName = sql<boolean>`coalesce((select true from ${participants} as q inner join ${coaches} as qc on qc.id = q.coach_id
		where qc.team_id = ${coaches.teamId} and lower(q.display_name) = lower(${participants.displayName}) and q.id <> ${id} limit 1), false)`;

	const conditions: (SQL | undefined)[] = [visibleTo(coach)];
	if (query.status === 'open') conditions.push(ne(participants.caseStatus, 'closed'));
	else if (query.status !== 'all') conditions.push(eq(participants.caseStatus, query.status));
	if (query.q) {
		const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(or(ilike(participants.displayName, pattern), ilike(participants.nameDetail, pattern)));
	}
	const signal = signalByKey(query.signal);
	if (signal) conditions.push(signal.when(ctx));
	if (query.coach && coach.role === 'team_lead') conditions.push(eq(participants.coachId, query.coach));

	const order: SQL[] = {
		name: [asc(sql`lower(${participants.displayName})`)],
		// Longest without contact first: they are the ones to call.
		lastContact: [sql`last_contact asc nulls first`],
		nextAppointment: [sql`next_appointment asc nulls last`],
		rung: [sql`(${rungs})->0->>'rung' asc nulls first`],
		status: [
			sql`array_position(array['intake','active','aftercare','closed']::text[], ${participants.caseStatus})`
		]
	}[query.sort];

	return db
		.select({
			id,
			displayName: participants.displayName,
			nameDetail: participants.nameDetail,
			preferredLanguage: participants.preferredLanguage,
			caseStatus: participants.caseStatus,
			coachId: participants.coachId,
			coachName: coaches.name,
			createdAt: participants.createdAt,
			activeDevices: sql<number>`(select count(*)::int from ${devices} where ${devices.participantId} = ${id} and ${devices.revokedAt} is null)`,
			pushDevices: sql<number>`(select count(*)::int from ${pushSubscriptions} where ${pushSubscriptions.participantId} = ${id})`,
			sameName: sameName.as('same_name'),
			lastContact: lastContact.as('last_contact'),
			nextAppointment: nextAppointment.as('next_appointment'),
			questionnaire: questionnaire.as('questionnaire'),
			rungs: rungs.as('rungs'),
			signals: signals.as('signals'),
			total: sql<number>`(count(*) over ())::int`.as('total')
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(and(...conditions))
		.orderBy(...order, asc(sql`lower(${participants.displayName})`), desc(participants.createdAt))
		.limit(limit);
}

/** The coaches of a team lead's team, for the "coach" filter. */
export async function teamCoaches(db: Db, coach: CoachActor) {
	if (coach.role !== 'team_lead') return [];
	return db
		.select({ id: coaches.id, name: coaches.name })
		.from(coaches)
		.where(
			and(eq(coaches.teamId, coach.teamId), or(eq(coaches.role, 'coach'), eq(coaches.role, 'team_lead')))
		)
		.orderBy(asc(coaches.name));
}
