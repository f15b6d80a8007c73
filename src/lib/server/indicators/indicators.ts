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
		key: sql`sc.team_id`
	};
}

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

const ids = (list: readonly string[]) =>
	sql.join(
		list.map((k) => sql`${k}`),
		sql`, `
	);

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
	// Everyone counted, with their group, read once per query as a CTE: each indicator then joins its rows to it
	// (one hash join over the period's rows, not a lookup per participant: 50,000 for a policy officer).
	const counted = sql`g as (${scope.groups}),
		pop as (
			select p.id, ${scope.key} as group_id,
				p.created_at < ${toAt} and (p.trajectory_ended_at is null or p.trajectory_ended_at >= ${fromAt}) as in_period
			from participants p join coaches sc on sc.id = p.coach_id
			where ${scope.key} in (select id from g)
		)`;
	const [groups, checkinCounts, ladderCounts, closureCounts, reasons, taking] = await Promise.all([
		db.execute(sql`${scope.groups} order by name, id`).then((r) => rowsOf<Group>(r)),
		db
			.execute(
				sql`with ${counted}
				select pop.group_id,
					count(*) filter (where c.answered_at is not null)::int as answered,
					count(*) filter (where c.answered_at is null)::int as not_answered,
					count(*) filter (where c.answered_at is not null and c.wants_contact)::int as wants_contact,
					count(*) filter (where c.answered_at is not null and not c.wants_contact)::int as no_contact
				from checkins c join pop on pop.id = c.participant_id
				where c.due_at >= ${fromAt} and c.due_at < ${toAt}
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
		// The ladder, of who got a rung in the period: the highest one then (what was reached), and the last rung
		// against the one before it (a move). The last rung before the end is in the period, as a rung was; each rung
		// carries the one before it (migration 0020), so nobody's history is read.
		db
			.execute(
				sql`with ${counted},
				per_person as (
					select pop.group_id, max(l.rung) as highest,
						(array_agg(l.rung order by l.created_at desc, l.id desc))[1] as last,
						(array_agg(l.previous_rung order by l.created_at desc, l.id desc))[1] as previous
					from ladder_rungs l join pop on pop.id = l.participant_id
					where l.created_at >= ${fromAt} and l.created_at < ${toAt}
					group by l.participant_id, pop.group_id
				)
				select group_id,
					count(*) filter (where last > previous)::int as up,
					count(*) filter (where last = previous)::int as same,
					count(*) filter (where last < previous)::int as down,
					count(*) filter (where highest >= 5)::int as paid,
					count(*) filter (where highest = 4)::int as volunteer,
					count(*) filter (where highest <= 3)::int as below
				from per_person group by 1`
			)
			.then((r) =>
				rowsOf<{
					group_id: string;
					up: number;
					same: number;
					down: number;
					paid: number;
					volunteer: number;
					below: number;
				}>(r)
			),
		db
			.execute(
				sql`with ${counted}
				select pop.group_id, c.reason, count(*)::int as n
				from closures c join pop on pop.id = c.participant_id
				where c.closed_on >= ${amsterdamDay(from)} and c.closed_on < ${amsterdamDay(to)}
					and c.reopened_at is null
				group by 1, 2`
			)
			.then((r) => rowsOf<{ group_id: string; reason: string; n: number }>(r)),
		closureReasons(db, actor.teamId),
		// Of those in a trajectory in the period: who took part in an activity (asked on the phone, or went along with
		// the coach) and how many contacts they had (journal, except talks with other professionals, and attended
		// appointments).
		db
			.execute(
				sql`with ${counted},
				notes as (
					select j.participant_id,
						count(*) filter (where j.kind in (${ids(CONTACT_KINDS)}))::int as contacts,
						bool_or(j.kind = 'activityAlong') as along
					from journal_notes j join pop on pop.id = j.participant_id
					where j.at >= ${fromAt} and j.at < ${toAt}
					group by 1
				),
				met as (
					select a.participant_id, count(*)::int as n
					from appointments a join pop on pop.id = a.participant_id
					where a.attendance = 'attended' and a.starts_at >= ${fromAt} and a.starts_at < ${toAt}
					group by 1
				),
				asked as (
					select distinct r.participant_id
					from activity_requests r join pop on pop.id = r.participant_id
					where r.at >= ${fromAt} and r.at < ${toAt}
				),
				per_person as (
					select pop.group_id,
						coalesce(notes.along, false) or asked.participant_id is not null as took_part,
						coalesce(notes.contacts, 0) + coalesce(met.n, 0) as contacts
					from pop
					left join notes on notes.participant_id = pop.id
					left join met on met.participant_id = pop.id
					left join asked on asked.participant_id = pop.id
					where pop.in_period
				)
				select group_id,
					count(*) filter (where took_part)::int as took_part,
					count(*) filter (where not took_part)::int as not_yet,
					count(*) filter (where contacts = 0)::int as none,
					count(*) filter (where contacts between 1 and 2)::int as few,
					count(*) filter (where contacts between 3 and 5)::int as some,
					count(*) filter (where contacts >= 6)::int as many
				from per_person group by 1`
			)
			.then((r) =>
				rowsOf<{
					group_id: string;
					took_part: number;
					not_yet: number;
					none: number;
					few: number;
					some: number;
					many: number;
				}>(r)
			)
	]);
	const byGroup = <T extends { group_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.group_id, r]));
	const checkinsBy = byGroup(checkinCounts);
	const ladderBy = byGroup(ladderCounts);
	const takingBy = byGroup(taking);
	const counts: Record<(typeof INDICATORS)[number]['id'], (g: Group) => number[]> = {
		response: (g) => [checkinsBy.get(g.id)?.answered ?? 0, checkinsBy.get(g.id)?.not_answered ?? 0],
		contact: (g) => [checkinsBy.get(g.id)?.wants_contact ?? 0, checkinsBy.get(g.id)?.no_contact ?? 0],
		ladder: (g) => [
			ladderBy.get(g.id)?.up ?? 0,
			ladderBy.get(g.id)?.same ?? 0,
			ladderBy.get(g.id)?.down ?? 0
		],
		reached: (g) => [
			ladderBy.get(g.id)?.paid ?? 0,
			ladderBy.get(g.id)?.volunteer ?? 0,
			ladderBy.get(g.id)?.below ?? 0
		],
		activities: (g) => [takingBy.get(g.id)?.took_part ?? 0, takingBy.get(g.id)?.not_yet ?? 0],
		contacts: (g) => {
			const c = takingBy.get(g.id);
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
