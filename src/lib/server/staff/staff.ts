import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { coachSessions, coaches, organisations, staffLinks } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { municipalityOf } from '../organisations';
import { refused, type Result } from '../result';
import { createSession, MIN_PASSWORD_LENGTH, type CoachActor } from '../auth/coach';
import { hashPassword, hashToken, newToken } from '../security/tokens';

/**
 * The admin manages the people of the municipality's teams (issue 14 §4): adds a colleague with a role and a team,
 * changes either, switches an account off (no login, every session ended) and on again, and hands out one-time links
 * to set a password: an invite for a new account (valid INVITE_DAYS) or a reset (RESET_HOURS). Opstap sends no
 * e-mail: the admin passes the link on. A link is 256 random bits (only its hash is stored), works once, and ends when
 * a newer one is made; guessing one is not feasible, so the link page needs no rate limit of its own.
 */

export const INVITE_DAYS = 7;
export const RESET_HOURS = 24;

export const STAFF_ROLES = [
	'coach',
	'team_lead',
	'translator',
	'admin',
	'policy_officer',
	'privacy_officer'
] as const;
export const STAFF_ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], string> = {
	coach: 'Coach',
	team_lead: 'Teamleider',
	translator: 'Vertaler (stemmen)',
	admin: 'Beheerder',
	policy_officer: 'Beleidsmedewerker (indicatoren)',
	privacy_officer: 'Privacyfunctionaris (auditlog)'
};

export const StaffForm = z.object({
	name: z
		.string('Vul een naam in.')
		.trim()
		.min(1, 'Vul een naam in.')
		.max(100, 'De naam is te lang (hoogstens 100 tekens).'),
	email: z
		.string('Vul een e-mailadres in.')
		.trim()
		.toLowerCase()
		.pipe(z.email('Dit is geen e-mailadres.').max(200, 'Dit e-mailadres is te lang.')),
	role: z.enum(STAFF_ROLES, 'Kies een rol.'),
	teamId: z.uuid('Kies een team.')
});
export type StaffInput = z.infer<typeof StaffForm>;

export const StaffChangeForm = z.object({
	coachId: z.uuid('Onbekende medewerker.'),
	role: z.enum(STAFF_ROLES, 'Kies een rol.'),
	teamId: z.uuid('Kies een team.')
});
export const StaffIdForm = z.object({ coachId: z.uuid('Onbekende medewerker.') });

export const PasswordForm = z
	.object({
		password: z
			.string('Kies een wachtwoord.')
			.min(MIN_PASSWORD_LENGTH, `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`)
			.max(200, 'Dit wachtwoord is te lang.'),
		repeat: z.string().default('')
	})
	.refine((f) => f.password === f.repeat, {
		message: 'De twee wachtwoorden zijn niet gelijk.',
		path: ['repeat']
	});

/**
 * What an admin manages: the teams of their municipality (or their own team when it has none above it), and where
 * people may sit (those teams and the municipality itself).
 */
async function scopeOf(db: Db, admin: CoachActor) {
	const municipality = await municipalityOf(db, admin.teamId);
	if (!municipality) return { teams: [], places: [] };
	const found = await db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(and(eq(organisations.parentId, municipality.id), eq(organisations.kind, 'team')))
		.orderBy(asc(organisations.name));
	// People sit in teams; a municipality without teams is its own.
	const teams = found.length ? found : [{ id: municipality.id, name: municipality.name }];
	return { teams, places: [municipality.id, ...teams.map((t) => t.id)] };
}

/** Everyone in the admin's teams, with whether a link is waiting to be used. */
export async function staffOverview(db: Db, admin: CoachActor, now = new Date()) {
	if (!can(admin, 'staff.manage')) return null;
	const { teams, places } = await scopeOf(db, admin);
	if (!places.length) return { teams, people: [] };
	const people = await db
		.select({
			id: coaches.id,
			name: coaches.name,
			email: coaches.email,
			role: coaches.role,
			teamId: coaches.teamId,
			deactivatedAt: coaches.deactivatedAt,
			// Written out with its own alias: in a one-table select Drizzle leaves columns unqualified, and "id" would
			// then be the link's own.
			openLink: sql<string | null>`(select l.purpose from ${staffLinks} l where l.coach_id = "coaches"."id"
				and l.used_at is null and l.expires_at > ${now.toISOString()} order by l.created_at desc limit 1)`
		})
		.from(coaches)
		.where(inArray(coaches.teamId, places))
		.orderBy(sql`${coaches.deactivatedAt} is not null`, asc(sql`lower(${coaches.name})`));
	return { teams, people };
}

/** A person of the admin's teams (by the places of scopeOf), or null. */
async function memberOf(db: Db, places: string[], coachId: string) {
	if (!places.length) return null;
	const [row] = await db
		.select({ id: coaches.id, deactivatedAt: coaches.deactivatedAt })
		.from(coaches)
		.where(and(eq(coaches.id, coachId), inArray(coaches.teamId, places)));
	return row ?? null;
}

/** A fresh one-time link; older unused links of this person end. Returns the token (shown once, never stored). */
async function newLink(db: Db, admin: CoachActor, coachId: string, purpose: 'invite' | 'reset', now: Date) {
	const token = newToken();
	const validMs = purpose === 'invite' ? INVITE_DAYS * 86_400_000 : RESET_HOURS * 3_600_000;
	await db.transaction(async (tx) => {
		await tx
			.update(staffLinks)
			.set({ expiresAt: now })
			.where(and(eq(staffLinks.coachId, coachId), isNull(staffLinks.usedAt), gt(staffLinks.expiresAt, now)));
		await tx.insert(staffLinks).values({
			coachId,
			purpose,
			tokenHash: hashToken(token),
			createdByCoachId: admin.id,
			createdAt: now,
			expiresAt: new Date(now.getTime() + validMs)
		});
	});
	return token;
}

export async function addStaff(
	db: Db,
	admin: CoachActor,
	input: StaffInput,
	now = new Date()
): Promise<Result<{ id: string; token: string }, 'forbidden' | 'invalid' | 'conflict'>> {
	if (!can(admin, 'staff.manage')) return refused('forbidden');
	if (!(await scopeOf(db, admin)).teams.some((t) => t.id === input.teamId)) return refused('invalid');
	const [taken] = await db
		.select({ id: coaches.id })
		.from(coaches)
		.where(eq(sql`lower(${coaches.email})`, input.email));
	if (taken) return refused('conflict');
	// No password until the link is used: a random one nobody knows.
	const [row] = await db
		.insert(coaches)
		.values({
			teamId: input.teamId,
			name: input.name,
			email: input.email,
			role: input.role,
			passwordHash: await hashPassword(newToken())
		})
		.onConflictDoNothing()
		.returning({ id: coaches.id });
	if (!row) return refused('conflict');
	const token = await newLink(db, admin, row.id, 'invite', now);
	await audit(
		db,
		{ type: 'coach', id: admin.id },
		{ action: 'staff.added', subjectType: 'coach', subjectId: row.id, details: { role: input.role } }
	);
	return { ok: true, id: row.id, token };
}

export async function changeStaff(
	db: Db,
	admin: CoachActor,
	input: z.infer<typeof StaffChangeForm>
): Promise<Result<object, 'forbidden' | 'not_found' | 'invalid' | 'conflict'>> {
	if (!can(admin, 'staff.manage')) return refused('forbidden');
	const scope = await scopeOf(db, admin);
	if (!(await memberOf(db, scope.places, input.coachId))) return refused('not_found');
	if (!scope.teams.some((t) => t.id === input.teamId)) return refused('invalid');
	// An admin does not take away their own rights (the municipality would be left without one).
	if (input.coachId === admin.id && input.role !== 'admin') return refused('conflict');
	await db
		.update(coaches)
		.set({ role: input.role, teamId: input.teamId })
		.where(eq(coaches.id, input.coachId));
	await audit(
		db,
		{ type: 'coach', id: admin.id },
		{
			action: 'staff.changed',
			subjectType: 'coach',
			subjectId: input.coachId,
			details: { role: input.role, teamId: input.teamId }
		}
	);
	return { ok: true };
}

/** Off: no login, every session ends, open links end. On: logs in again with the password they had. */
export async function setStaffActive(
	db: Db,
	admin: CoachActor,
	coachId: string,
	active: boolean,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found' | 'conflict'>> {
	if (!can(admin, 'staff.manage')) return refused('forbidden');
	if (!(await memberOf(db, (await scopeOf(db, admin)).places, coachId))) return refused('not_found');
	if (coachId === admin.id) return refused('conflict');
	await db.transaction(async (tx) => {
		await tx
			.update(coaches)
			.set({ deactivatedAt: active ? null : now })
			.where(eq(coaches.id, coachId));
		if (!active) {
			await tx.delete(coachSessions).where(eq(coachSessions.coachId, coachId));
			await tx
				.update(staffLinks)
				.set({ expiresAt: now })
				.where(
					and(eq(staffLinks.coachId, coachId), isNull(staffLinks.usedAt), gt(staffLinks.expiresAt, now))
				);
		}
	});
	await audit(
		db,
		{ type: 'coach', id: admin.id },
		{ action: active ? 'staff.reactivated' : 'staff.deactivated', subjectType: 'coach', subjectId: coachId }
	);
	return { ok: true };
}

/** A one-time link to set a new password (the old one keeps working until it is used). */
export async function passwordLink(
	db: Db,
	admin: CoachActor,
	coachId: string,
	now = new Date()
): Promise<Result<{ token: string }, 'forbidden' | 'not_found' | 'conflict'>> {
	if (!can(admin, 'staff.manage')) return refused('forbidden');
	const member = await memberOf(db, (await scopeOf(db, admin)).places, coachId);
	if (!member) return refused('not_found');
	if (member.deactivatedAt) return refused('conflict');
	const token = await newLink(db, admin, coachId, 'reset', now);
	await audit(
		db,
		{ type: 'coach', id: admin.id },
		{ action: 'staff.password_link', subjectType: 'coach', subjectId: coachId }
	);
	return { ok: true, token };
}

/** The link's person and purpose while it can be used; null otherwise (unknown, used, expired, switched off). */
export async function openLink(db: Db, token: string, now = new Date()) {
	if (!token || token.length > 100) return null;
	const [row] = await db
		.select({
			id: staffLinks.id,
			coachId: coaches.id,
			name: coaches.name,
			email: coaches.email,
			purpose: staffLinks.purpose
		})
		.from(staffLinks)
		.innerJoin(coaches, eq(coaches.id, staffLinks.coachId))
		.where(
			and(
				eq(staffLinks.tokenHash, hashToken(token)),
				isNull(staffLinks.usedAt),
				gt(staffLinks.expiresAt, now),
				isNull(coaches.deactivatedAt)
			)
		);
	return row ?? null;
}

/**
 * Sets the password through a link, once: every other session of this person ends, and they are logged in. Two
 * tabs using the same link at once: only one wins (the link is claimed before the password is set).
 */
export async function usePasswordLink(
	db: Db,
	token: string,
	password: string,
	now = new Date()
): Promise<Result<{ token: string; expiresAt: Date }, 'not_found'>> {
	const link = await openLink(db, token, now);
	if (!link) return refused('not_found');
	const passwordHash = await hashPassword(password);
	const claimed = await db.transaction(async (tx) => {
		const [used] = await tx
			.update(staffLinks)
			.set({ usedAt: now })
			.where(and(eq(staffLinks.id, link.id), isNull(staffLinks.usedAt)))
			.returning({ id: staffLinks.id });
		if (!used) return false;
		await tx
			.update(coaches)
			.set({ passwordHash, passwordChangedAt: now })
			.where(eq(coaches.id, link.coachId));
		await tx.delete(coachSessions).where(eq(coachSessions.coachId, link.coachId));
		return true;
	});
	if (!claimed) return refused('not_found');
	await audit(
		db,
		{ type: 'coach', id: link.coachId },
		{
			action: link.purpose === 'invite' ? 'staff.invite_used' : 'staff.password_reset',
			subjectType: 'coach',
			subjectId: link.coachId
		}
	);
	return { ok: true, ...(await createSession(db, link.coachId, now)) };
}
