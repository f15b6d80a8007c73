import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { audit } from '../audit';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { refused, type Result } from '../result';
import { latestDefinition } from './definitions';

/** Whose participants: the coach's own, one coach of the team's, or the whole team's (a team lead). */
export type GroupScope = 'mine' | 'coach' | 'team';

export interface GroupAssignment {
	questionnaireId: string;
	/** The moment's name, e.g. "3 maanden": who has this questionnaire at this moment already is left out. */
	moment: string;
	scope: GroupScope;
	/** For 'coach'. */
	coachId?: string;
}

/**
 * Sets a questionnaire ready for a group at a named moment (issue 13 §4: "the coach, or a team-wide plan"), e.g. the
 * wellbeing index at "3 maanden" for everyone in the team: everyone in a trajectory (not closed) of the group who
 * does not have it at that moment yet (the same name, whatever its capitals or spaces). A coach does so for their own
 * participants; a team lead also for a coach of the team or the whole team, whose participants they need not see
 * (the coach of each sees the answers). One statement, so a team of 1,500 is one round trip; one audit entry names
 * every participant it reached.
 */
export async function assignToGroup(
	db: Db,
	actor: CoachActor,
	input: GroupAssignment
): Promise<
	Result<{ assigned: number; already: number; version: string }, 'forbidden' | 'not_found' | 'invalid'>
> {
	if (!can(actor, 'participant.manage')) return refused('forbidden');
	if (input.scope !== 'mine' && !can(actor, 'questionnaires.assignGroup')) return refused('forbidden');
	const moment = input.moment.trim().replace(/\s+/g, ' ');
	if (!moment || input.questionnaireId === 'coach') return refused('invalid');
	const definition = await latestDefinition(db, input.questionnaireId);
	if (!definition) return refused('not_found');
	const coachId = input.scope === 'coach' ? input.coachId : actor.id;
	const group =
		input.scope === 'team'
			? sql`c.team_id = ${actor.teamId}`
			: sql`c.id = ${coachId ?? null} and c.team_id = ${actor.teamId}`;
	const rows = (
		(await db.execute(sql`
			with members as (
				select p.id from participants p join coaches c on c.id = p.coach_id
				where ${group} and p.trajectory_ended_at is null and p.case_status <> 'closed'
			),
			has as (
				select distinct a.participant_id from assignments a join members m on m.id = a.participant_id
				where a.questionnaire_id = ${definition.id} and lower(a.moment) = lower(${moment})
			),
			added as (
				insert into assignments (participant_id, questionnaire_id, version, wave, moment, module_ids, mode,
					assigned_by_coach_id)
				select m.id, ${definition.id}, ${definition.version}, 'moment', ${moment},
					${JSON.stringify(definition.modules.map((m) => m.id))}::jsonb, 'alone', ${actor.id}
				from members m where m.id not in (select participant_id from has)
				returning participant_id
			)
			select (select count(*) from members)::int as members,
				coalesce((select json_agg(participant_id) from added), '[]'::json) as added`)) as unknown as {
			rows: { members: number; added: string[] | string }[];
		}
	).rows;
	const members = rows[0]?.members ?? 0;
	const raw = rows[0]?.added ?? [];
	const added: string[] = typeof raw === 'string' ? JSON.parse(raw) : raw;
	if (input.scope === 'coach' && members === 0 && !(await coachInTeam(db, actor, coachId)))
		return refused('not_found');
	await audit(
		db,
		{ type: 'coach', id: actor.id },
		{
			action: 'questionnaire.assignedGroup',
			details: {
				questionnaireId: definition.id,
				version: definition.version,
				moment,
				scope: input.scope,
				...(input.scope === 'coach' ? { coachId } : {}),
				// The privacy officer finds this entry under each of them (privacy/audit-view.ts).
				participants: added
			}
		}
	);
	return { ok: true, assigned: added.length, already: members - added.length, version: definition.version };
}

async function coachInTeam(db: Db, actor: CoachActor, coachId: string | undefined): Promise<boolean> {
	if (!coachId) return false;
	const found = (await db.execute(
		sql`select 1 from coaches where id = ${coachId} and team_id = ${actor.teamId}`
	)) as unknown as { rows: unknown[] };
	return found.rows.length > 0;
}
