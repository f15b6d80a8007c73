import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { assignments, auditLog, participants } from '../../src/lib/server/db/schema';
import { installBuiltInDefinitions } from '../../src/lib/server/survey/definitions';
import { assignModules } from '../../src/lib/server/survey/assignments';
import { assignToGroup } from '../../src/lib/server/survey/assign-group';

describe.each(ENGINES)('a questionnaire set ready for a group at a moment (issue 13 §4), on %s', (engine) => {
	let database: Database;
	let db: Db;
	let coach: CoachActor;
	let colleague: CoachActor;
	let lead: CoachActor;
	let stranger: CoachActor;
	const ids: Record<string, string> = {};

	const evaluationsAt = async (moment: string) =>
		(
			await db
				.select({ participantId: assignments.participantId })
				.from(assignments)
				.where(and(eq(assignments.questionnaireId, 'evaluation'), eq(assignments.moment, moment)))
		)
			.map((r) => Object.keys(ids).find((name) => ids[name] === r.participantId))
			.sort();

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		await installBuiltInDefinitions(db);
		coach = await makeCoach(db, { email: `coach-${engine}@g.nl` });
		colleague = await makeCoach(db, { email: `colleague-${engine}@g.nl`, teamId: coach.teamId });
		lead = await makeCoach(db, { email: `lead-${engine}@g.nl`, role: 'team_lead', teamId: coach.teamId });
		stranger = await makeCoach(db, { email: `stranger-${engine}@g.nl` });
		for (const [name, owner] of [
			['Amina', coach],
			['Bram', coach],
			['Closed', coach],
			['Dewi', colleague],
			['Elsewhere', stranger]
		] as const)
			ids[name] = (await makeParticipant(db, owner, name)).id;
		await db
			.update(participants)
			.set({ caseStatus: 'closed', trajectoryEndedAt: new Date() })
			.where(eq(participants.id, ids.Closed!));
		// Bram has the evaluation at "3 maanden" already (set by hand, written differently).
		const had = await assignModules(db, coach, ids.Bram!, {
			questionnaireId: 'evaluation',
			wave: 'moment',
			moment: '3 Maanden '
		});
		if (!had.ok) throw new Error(had.reason);
	});
	afterAll(() => database?.close());

	it('a coach: their own participants in a trajectory, not twice at the same moment', async () => {
		const result = await assignToGroup(db, coach, {
			questionnaireId: 'evaluation',
			moment: '3 maanden',
			scope: 'mine'
		});
		expect(result).toMatchObject({ ok: true, assigned: 1, already: 1 });
		expect(await evaluationsAt('3 maanden')).toEqual(['Amina']);
		// Again: nobody new.
		expect(
			await assignToGroup(db, coach, { questionnaireId: 'evaluation', moment: '3  maanden', scope: 'mine' })
		).toMatchObject({ ok: true, assigned: 0, already: 2 });
		// The coach's new participant gets the same form the coach would set ready one by one: every module.
		const [row] = await db
			.select()
			.from(assignments)
			.where(and(eq(assignments.participantId, ids.Amina!), eq(assignments.moment, '3 maanden')));
		expect(row!.wave).toBe('moment');
		expect(row!.moduleIds.length).toBeGreaterThan(0);
		expect(row!.assignedByCoachId).toBe(coach.id);
	});

	it('a coach cannot do so for the team or a colleague; a team lead can, within the team only', async () => {
		for (const scope of ['team', 'coach'] as const)
			expect(
				await assignToGroup(db, coach, {
					questionnaireId: 'evaluation',
					moment: '6 maanden',
					scope,
					coachId: colleague.id
				})
			).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			await assignToGroup(db, lead, {
				questionnaireId: 'evaluation',
				moment: '6 maanden',
				scope: 'coach',
				coachId: stranger.id
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect(
			await assignToGroup(db, lead, {
				questionnaireId: 'evaluation',
				moment: '6 maanden',
				scope: 'coach',
				coachId: colleague.id
			})
		).toMatchObject({ ok: true, assigned: 1, already: 0 });
		expect(await evaluationsAt('6 maanden')).toEqual(['Dewi']);
		expect(
			await assignToGroup(db, lead, { questionnaireId: 'evaluation', moment: '6 maanden', scope: 'team' })
		).toMatchObject({ ok: true, assigned: 2, already: 1 });
		// Everyone in the team's trajectories; not the closed one, not another team's.
		expect(await evaluationsAt('6 maanden')).toEqual(['Amina', 'Bram', 'Dewi']);
	});

	it('refuses an unknown questionnaire, the coach items and an empty moment; the audit names who got it', async () => {
		expect(
			await assignToGroup(db, coach, { questionnaireId: 'nope', moment: '1 jaar', scope: 'mine' })
		).toEqual({ ok: false, reason: 'not_found' });
		for (const [questionnaireId, moment] of [
			['coach', '1 jaar'],
			['evaluation', '   ']
		] as const)
			expect(await assignToGroup(db, coach, { questionnaireId, moment, scope: 'mine' })).toEqual({
				ok: false,
				reason: 'invalid'
			});
		const entries = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'questionnaire.assignedGroup'), eq(auditLog.actorId, lead.id)));
		const team = entries.find((e) => (e.details as { scope: string }).scope === 'team')!;
		expect((team.details as { participants: string[] }).participants.sort()).toEqual(
			[ids.Amina!, ids.Bram!].sort()
		);
	});
});
