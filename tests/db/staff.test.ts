import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { coachFromSession, login } from '../../src/lib/server/auth/coach';
import {
	addStaff,
	changeStaff,
	openLink,
	passwordLink,
	PasswordForm,
	setStaffActive,
	staffOverview,
	usePasswordLink
} from '../../src/lib/server/staff/staff';
import { auditLog, organisations } from '../../src/lib/server/db/schema';

const NOW = new Date('2026-12-05T10:00:00Z');
const HOUR = 3_600_000;
const PASSWORD = 'een lang genoeg wachtwoord';

describe.each(ENGINES)(
	'staff: an admin adds, changes, switches off and hands password links, on %s',
	(engine) => {
		let database: Database;
		let admin: CoachActor, lead: CoachActor, elsewhere: CoachActor;
		let teamNoord: string, teamZuid: string;
		let noor: { id: string; token: string };

		beforeAll(async () => {
			database = await freshDatabase(engine);
			const db = database.db;
			const [municipality] = await db
				.insert(organisations)
				.values({ kind: 'municipality', name: 'Gemeente Test' })
				.returning();
			const teams = await db
				.insert(organisations)
				.values([
					{ kind: 'team', name: 'Team Noord', parentId: municipality!.id },
					{ kind: 'team', name: 'Team Zuid', parentId: municipality!.id }
				])
				.returning();
			teamNoord = teams[0]!.id;
			teamZuid = teams[1]!.id;
			admin = await makeCoach(db, { email: 'admin@test.nl', teamId: teamNoord, role: 'admin' });
			lead = await makeCoach(db, { email: 'lead@test.nl', teamId: teamZuid, role: 'team_lead' });
			// Another municipality's admin.
			elsewhere = await makeCoach(db, { email: 'other-admin@test.nl', role: 'admin' });
		});
		afterAll(() => database.close());

		it('adds a colleague with a one-time invite link; the link sets the password once and logs in', async () => {
			const db = database.db;
			const added = await addStaff(
				db,
				admin,
				{ name: 'Noor Bakker', email: 'noor@test.nl', role: 'coach', teamId: teamZuid },
				NOW
			);
			expect(added.ok).toBe(true);
			noor = added as { ok: true; id: string; token: string };
			// No password yet: nothing logs in.
			expect((await login(db, { email: 'noor@test.nl', password: PASSWORD, ip: '192.0.2.1' }, NOW)).ok).toBe(
				false
			);
			expect(await openLink(db, noor.token, NOW)).toMatchObject({ name: 'Noor Bakker', purpose: 'invite' });
			const invited = (await staffOverview(db, admin, NOW))!.people.find((p) => p.id === noor.id);
			expect(invited!.openLink).toBe('invite');
			// The same e-mail twice, any case: refused.
			expect(
				await addStaff(db, admin, {
					name: 'Noor',
					email: 'NOOR@test.nl'.toLowerCase(),
					role: 'coach',
					teamId: teamZuid
				})
			).toEqual({ ok: false, reason: 'conflict' });
			// A team of another municipality: refused.
			const [foreign] = await db.select().from(organisations).where(eq(organisations.id, elsewhere.teamId));
			expect(
				await addStaff(db, admin, { name: 'X', email: 'x@test.nl', role: 'coach', teamId: foreign!.id })
			).toEqual({ ok: false, reason: 'invalid' });
			expect(
				await addStaff(db, lead, { name: 'X', email: 'x@test.nl', role: 'admin', teamId: teamZuid })
			).toEqual({ ok: false, reason: 'forbidden' });

			const used = await usePasswordLink(db, noor.token, PASSWORD, new Date(NOW.getTime() + HOUR));
			expect(used.ok).toBe(true);
			const session = await coachFromSession(
				db,
				(used as { token: string }).token,
				new Date(NOW.getTime() + HOUR)
			);
			expect(session).toMatchObject({ name: 'Noor Bakker', role: 'coach', teamId: teamZuid });
			// Once only.
			expect(await usePasswordLink(db, noor.token, 'nog een ander wachtwoord', NOW)).toEqual({
				ok: false,
				reason: 'not_found'
			});
			expect((await login(db, { email: 'noor@test.nl', password: PASSWORD, ip: '192.0.2.1' }, NOW)).ok).toBe(
				true
			);
		});

		it('a link expires, and a newer one ends the older; the form checks length and repeat', async () => {
			const db = database.db;
			const first = await passwordLink(db, admin, noor.id, NOW);
			const second = await passwordLink(db, admin, noor.id, new Date(NOW.getTime() + 1000));
			expect(first.ok && second.ok).toBe(true);
			const t1 = (first as { token: string }).token;
			const t2 = (second as { token: string }).token;
			expect(await openLink(db, t1, new Date(NOW.getTime() + 2000))).toBeNull();
			expect(await openLink(db, t2, new Date(NOW.getTime() + 2000))).not.toBeNull();
			// A reset link lasts a day.
			expect(await openLink(db, t2, new Date(NOW.getTime() + 25 * HOUR))).toBeNull();
			expect(await openLink(db, 'made-up', NOW)).toBeNull();
			expect(PasswordForm.safeParse({ password: 'kort', repeat: 'kort' }).success).toBe(false);
			const mismatch = PasswordForm.safeParse({ password: PASSWORD, repeat: `${PASSWORD}!` });
			expect(mismatch.success ? [] : mismatch.error.issues.map((i) => i.message)).toEqual([
				'De twee wachtwoorden zijn niet gelijk.'
			]);
		});

		it('switching off ends every session and link and stops the login; on again, the password works again', async () => {
			const db = database.db;
			const signedIn = await login(db, { email: 'noor@test.nl', password: PASSWORD, ip: '192.0.2.1' }, NOW);
			const token = (signedIn as { token: string }).token;
			const link = (await passwordLink(db, admin, noor.id, NOW)) as { token: string };
			expect(await setStaffActive(db, admin, noor.id, false, NOW)).toEqual({ ok: true });
			expect(await coachFromSession(db, token, NOW)).toBeNull();
			expect(await openLink(db, link.token, NOW)).toBeNull();
			expect((await login(db, { email: 'noor@test.nl', password: PASSWORD, ip: '192.0.2.1' }, NOW)).ok).toBe(
				false
			);
			expect(await passwordLink(db, admin, noor.id, NOW)).toEqual({ ok: false, reason: 'conflict' });
			const overview = await staffOverview(db, admin, NOW);
			expect(overview!.people.find((p) => p.id === noor.id)!.deactivatedAt).not.toBeNull();
			// Not their own account; not another municipality's people.
			expect(await setStaffActive(db, admin, admin.id, false)).toEqual({ ok: false, reason: 'conflict' });
			expect(await setStaffActive(db, elsewhere, noor.id, false)).toEqual({ ok: false, reason: 'not_found' });
			expect(await setStaffActive(db, admin, noor.id, true, NOW)).toEqual({ ok: true });
			expect((await login(db, { email: 'noor@test.nl', password: PASSWORD, ip: '192.0.2.1' }, NOW)).ok).toBe(
				true
			);
		});

		it('changes role and team within the municipality; an admin keeps their own rights', async () => {
			const db = database.db;
			expect(
				await changeStaff(db, admin, { coachId: noor.id, role: 'team_lead', teamId: teamNoord })
			).toEqual({
				ok: true
			});
			const overview = await staffOverview(db, admin, NOW);
			expect(overview!.teams.map((t) => t.name)).toEqual(['Team Noord', 'Team Zuid']);
			expect(overview!.people.find((p) => p.id === noor.id)).toMatchObject({
				role: 'team_lead',
				teamId: teamNoord
			});
			expect(await changeStaff(db, admin, { coachId: admin.id, role: 'coach', teamId: teamNoord })).toEqual({
				ok: false,
				reason: 'conflict'
			});
			expect(
				await changeStaff(db, elsewhere, { coachId: noor.id, role: 'coach', teamId: teamNoord })
			).toEqual({
				ok: false,
				reason: 'not_found'
			});
			expect(await staffOverview(db, lead)).toBeNull();
			const actions = (await db.select().from(auditLog)).map((a) => a.action);
			for (const action of [
				'staff.added',
				'staff.invite_used',
				'staff.password_link',
				'staff.deactivated',
				'staff.reactivated',
				'staff.changed'
			])
				expect(actions).toContain(action);
		});
	}
);
