import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { shownRate, suppress, type CountTable, type ShownTable } from './suppression';
import { closureReasons } from '../closure/reasons';
import { amsterdamDay } from '$lib/time/amsterdam';
import { JOURNAL_KINDS, type JournalKind } from '../journal/kinds';

/** The indicators, each a table of groups × parts that add up to the group's total. */
export const INDICATORS = [
	{
		id: 'response',
		title: 'Check-ins beantwoord',
		parts: [
			['answered', 'beantwoord'],
			['notAnswered', 'niet beantwoord']
		],
		rate: 'answered'
	},
	{
		id: 'contact',
		title: '"Ik wil contact" (van de beantwoorde check-ins)',
		parts: [
			['wantsContact', 'wil contact'],
			['noContact', 'geen vraag om contact']
		],
		rate: 'wantsContact'
	},
	{
		id: 'ladder',
		title: 'Participatieladder: laatste trede tegenover de vorige',
		parts: [
			['up', 'omhoog'],
			['same', 'gelijk'],
			['down', 'omlaag']
		],
		rate: 'up'
	},
	{
		id: 'reached',
		title: 'Bereikt: hoogste trede in de periode (wie een trede kreeg)',
		parts: [
			['paid', 'betaald werk (trede 5–6)'],
			['volunteer', 'vrijwilligerswerk of ander onbetaald werk (trede 4)'],
			['below', 'nog niet (trede 1–3)']
		],
		rate: 'paid'
	},
	{
		id: 'activities',
		title: 'Meedoen aan activiteiten (deelnemers in traject)',
		parts: [
			['tookPart', 'deed mee (vroeg aan of ging mee met de coach)'],
			['notYet', 'nog niet']
		],
		rate: 'tookPart'
	},
	{
		id: 'contacts',
		title: 'Contacten per deelnemer (journaal en bijgewoonde afspraken)',
		parts: [
			['none', 'geen contact'],
			['few', '1–2 contacten'],
			['some', '3–5 contacten'],
			['many', '6 of meer contacten']
		],
		rate: 'none'
	}
] as const;

/** Contacts with the participant: every journal kind except a talk with another professional about them. */
const CONTACT_KINDS = (Object.keys(JOURNAL_KINDS) as JournalKind[]).filter((k) => k !== 'professional');

/**
 * Trajectories closed in the period (not reopened since), per reason: its parts are the municipality's reasons
 * (server/closure/reasons.ts), so it is built beside the fixed ones. The headline share is the list's first reason
 * (by default "Betaald werk gevonden").
 */
const CLOSURES = { id: 'closures', title: 'Trajecten afgesloten, per reden' } as const;

export type IndicatorId = (typeof INDICATORS)[number]['id'] | (typeof CLOSURES)['id'];

export interface IndicatorTable extends ShownTable {
	id: IndicatorId;
	title: string;
	partLabels: string[];
	/** Which part's share of the total is the headline (e.g. "answered"). */
	ratePart: number;
	/** That share per group in percent, null when either count is suppressed; and for all groups together. */
	rates: (number | null)[];
	totalRate: number | null;
}

export interface Indicators {
	/** Per coach (a team lead) or per team (a policy officer). */
	groupKind: 'coach' | 'team';
	from: Date;
	to: Date;
	tables: IndicatorTable[];
}

interface Group {
	id: string;
	name: string;
}

/**
 * Who is counted, and by what: a team lead sees the coaches of the team, a policy officer the teams of the
 * municipality (the parent of their own team). Nobody else sees indicators.
 */
function scopeOf(actor: CoachActor): { kind: 'coach' | 'team'; groups: SQL; key: SQL } | null {
	if (!can(actor, 'indicators.view')) return null;
	if (actor.role === 'team_lead')
		return {
			kind: 'coach',
			groups: sql`select id, name from coaches where team_id = ${actor.teamId} and role in ('coach', 'team_lead')`,
			key: sql`p.coach_id`
		};
	return {
		kind: 'team',
		groups: sql`select id, name from organisations where kind = 'team' and parent_id =
			(select parent_id from organisations where id = ${actor.teamId})`,
		key: sql`(select team_id from coaches where coaches.id = p.coach_id)`
	};
}

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

/** Counts per group for one period: only numbers leave this function, and only after suppression. */
export async function indicatorsFor(
	db: Db,
	actor: CoachActor,
	from: Date,
	to: Date,
	now = new Date()
): Promise<Indicators | null> {
	const scope = scopeOf(actor);
	if (!scope) return null;
	const fromAt = from.toISOString();
	const toAt = new Date(Math.min(to.getTime(), now.getTime())).toISOString();
	// Who was in a trajectory at some time in the period: the people the activity and contact shares are about.
	const inPeriod = sql`select p.id, ${scope.key} as group_id from participants p
		where p.created_at < ${toAt} and (p.trajectory_ended_at is null or p.trajectory_ended_at >= ${fromAt})
			and ${scope.key} in (select id from g)`;
	const [groups, checkinCounts, ladderCounts, closureCounts, reasons, reached, activities, contacts] =
		await Promise.all([
			db.execute(sql`${scope.groups} order by name, id`).then((r) => rowsOf<Group>(r)),
			db
				.execute(
					sql`with g as (${scope.groups})
				select ${scope.key} as group_id,
					count(*) filter (where c.answered_at is not null)::int as answered,
					count(*) filter (where c.answered_at is null)::int as not_answered,
					count(*) filter (where c.answered_at is not null and c.wants_contact)::int as wants_contact,
					count(*) filter (where c.answered_at is not null and not c.wants_contact)::int as no_contact
				from checkins c join participants p on p.id = c.participant_id
				where c.due_at >= ${from.toISOString()} and c.due_at < ${to.toISOString()}
					and c.due_at <= ${now.toISOString()}
					and ${scope.key} in (select id from g)
				group by 1`
				)
				.then((r) =>
					rowsOf<{
						group_id: string;
						answered: number;
						not_answered: number;
						wants_contact: number;
						no_contact: number;
					}>(r)
				),
			db
				.execute(
					sql`with g as (${scope.groups}),
				ranked as (
					select participant_id, rung, created_at,
						row_number() over (partition by participant_id order by created_at desc, id desc) as n
					from ladder_rungs where created_at < ${to.toISOString()}
				)
				select ${scope.key} as group_id,
					count(*) filter (where a.rung > b.rung)::int as up,
					count(*) filter (where a.rung = b.rung)::int as same,
					count(*) filter (where a.rung < b.rung)::int as down
				from ranked a
				join ranked b on b.participant_id = a.participant_id and b.n = 2
				join participants p on p.id = a.participant_id
				where a.n = 1 and a.created_at >= ${from.toISOString()}
					and ${scope.key} in (select id from g)
				group by 1`
				)
				.then((r) => rowsOf<{ group_id: string; up: number; same: number; down: number }>(r)),
			db
				.execute(
					sql`with g as (${scope.groups})
				select ${scope.key} as group_id, c.reason, count(*)::int as n
				from closures c join participants p on p.id = c.participant_id
				where c.closed_on >= ${amsterdamDay(from)} and c.closed_on < ${amsterdamDay(to)}
					and c.reopened_at is null
					and ${scope.key} in (select id from g)
				group by 1, 2`
				)
				.then((r) => rowsOf<{ group_id: string; reason: string; n: number }>(r)),
			closureReasons(db, actor.teamId),
			db
				.execute(
					sql`with g as (${scope.groups}),
				highest as (
					select participant_id, max(rung) as rung from ladder_rungs
					where created_at >= ${fromAt} and created_at < ${toAt} group by 1
				)
				select ${scope.key} as group_id,
					count(*) filter (where h.rung >= 5)::int as paid,
					count(*) filter (where h.rung = 4)::int as volunteer,
					count(*) filter (where h.rung <= 3)::int as below
				from highest h join participants p on p.id = h.participant_id
				where ${scope.key} in (select id from g)
				group by 1`
				)
				.then((r) => rowsOf<{ group_id: string; paid: number; volunteer: number; below: number }>(r)),
			db
				.execute(
					sql`with g as (${scope.groups}), pop as (${inPeriod}),
				took as (
					select pop.group_id, exists (
						select 1 from activity_requests r
						where r.participant_id = pop.id and r.at >= ${fromAt} and r.at < ${toAt}
					) or exists (
						select 1 from journal_notes j
						where j.participant_id = pop.id and j.kind = 'activityAlong' and j.at >= ${fromAt} and j.at < ${toAt}
					) as yes
					from pop
				)
				select group_id, count(*) filter (where yes)::int as took_part, count(*) filter (where not yes)::int as not_yet
				from took group by 1`
				)
				.then((r) => rowsOf<{ group_id: string; took_part: number; not_yet: number }>(r)),
			db
				.execute(
					sql`with g as (${scope.groups}), pop as (${inPeriod}),
				counted as (
					select pop.group_id,
						(select count(*) from journal_notes j
							where j.participant_id = pop.id and j.at >= ${fromAt} and j.at < ${toAt}
								and j.kind in (${sql.join(
									CONTACT_KINDS.map((k) => sql`${k}`),
									sql`, `
								)}))
						+ (select count(*) from appointments a
							where a.participant_id = pop.id and a.attendance = 'attended'
								and a.starts_at >= ${fromAt} and a.starts_at < ${toAt}) as n
					from pop
				)
				select group_id,
					count(*) filter (where n = 0)::int as none,
					count(*) filter (where n between 1 and 2)::int as few,
					count(*) filter (where n between 3 and 5)::int as some,
					count(*) filter (where n >= 6)::int as many
				from counted group by 1`
				)
				.then((r) => rowsOf<{ group_id: string; none: number; few: number; some: number; many: number }>(r))
		]);
	const byGroup = <T extends { group_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.group_id, r]));
	const checkinsBy = byGroup(checkinCounts);
	const ladderBy = byGroup(ladderCounts);
	const reachedBy = byGroup(reached);
	const activitiesBy = byGroup(activities);
	const contactsBy = byGroup(contacts);
	const counts: Record<(typeof INDICATORS)[number]['id'], (g: Group) => number[]> = {
		response: (g) => [checkinsBy.get(g.id)?.answered ?? 0, checkinsBy.get(g.id)?.not_answered ?? 0],
		contact: (g) => [checkinsBy.get(g.id)?.wants_contact ?? 0, checkinsBy.get(g.id)?.no_contact ?? 0],
		ladder: (g) => [
			ladderBy.get(g.id)?.up ?? 0,
			ladderBy.get(g.id)?.same ?? 0,
			ladderBy.get(g.id)?.down ?? 0
		],
		reached: (g) => {
			const r = reachedBy.get(g.id);
			return [r?.paid ?? 0, r?.volunteer ?? 0, r?.below ?? 0];
		},
		activities: (g) => [activitiesBy.get(g.id)?.took_part ?? 0, activitiesBy.get(g.id)?.not_yet ?? 0],
		contacts: (g) => {
			const c = contactsBy.get(g.id);
			return [c?.none ?? 0, c?.few ?? 0, c?.some ?? 0, c?.many ?? 0];
		}
	};
	// The municipality's reasons, then any other wording found (a reason renamed since it was chosen).
	const closureParts = [...new Set([...reasons, ...closureCounts.map((c) => c.reason)])];
	const closureCells = (g: Group) =>
		closureParts.map(
			(reason) => closureCounts.find((c) => c.group_id === g.id && c.reason === reason)?.n ?? 0
		);
	return {
		groupKind: scope.kind,
		from,
		to,
		tables: [
			...INDICATORS.map((indicator) =>
				table(
					indicator.id,
					indicator.title,
					indicator.parts.map(([, label]) => label),
					indicator.parts.findIndex(([id]) => id === indicator.rate),
					{
						groups: groups.map((g) => g.name),
						parts: indicator.parts.map(([id]) => id),
						cells: groups.map((g) => counts[indicator.id](g))
					}
				)
			),
			table(CLOSURES.id, CLOSURES.title, closureParts, 0, {
				groups: groups.map((g) => g.name),
				parts: closureParts,
				cells: groups.map(closureCells)
			})
		]
	};
}

/** One indicator's counts, suppressed, with the headline share per group and in total. */
function table(
	id: IndicatorId,
	title: string,
	partLabels: string[],
	ratePart: number,
	counts: CountTable
): IndicatorTable {
	const shown = suppress(counts);
	return {
		id,
		title,
		partLabels,
		ratePart,
		rates: shown.cells.map((row, g) => shownRate(row[ratePart]!, shown.rowTotals[g]!)),
		totalRate: shownRate(shown.columnTotals[ratePart]!, shown.total),
		...shown
	};
}
