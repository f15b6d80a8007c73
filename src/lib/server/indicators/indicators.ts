import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { shownRate, suppress, type CountTable, type ShownTable } from './suppression';
import { closureReasons } from '../closure/reasons';
import { amsterdamDay } from '$lib/time/amsterdam';

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
	}
] as const;

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
	const [groups, checkinCounts, ladderCounts, closureCounts, reasons] = await Promise.all([
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
		closureReasons(db, actor.teamId)
	]);
	const byGroup = <T extends { group_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.group_id, r]));
	const checkinsBy = byGroup(checkinCounts);
	const ladderBy = byGroup(ladderCounts);
	const counts: Record<(typeof INDICATORS)[number]['id'], (g: Group) => number[]> = {
		response: (g) => [checkinsBy.get(g.id)?.answered ?? 0, checkinsBy.get(g.id)?.not_answered ?? 0],
		contact: (g) => [checkinsBy.get(g.id)?.wants_contact ?? 0, checkinsBy.get(g.id)?.no_contact ?? 0],
		ladder: (g) => [ladderBy.get(g.id)?.up ?? 0, ladderBy.get(g.id)?.same ?? 0, ladderBy.get(g.id)?.down ?? 0]
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
