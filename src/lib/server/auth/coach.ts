import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { coachSessions, coaches } from '../db/schema';
import { audit } from '../audit';
import { hit, reset, type Limit } from '../security/rate-limit';
import { DUMMY_PASSWORD_HASH, hashPassword, hashToken, newToken, verifyPassword } from '../security/tokens';

export const COACH_COOKIE = 'opstap_coach';
export const COACH_SESSION_HOURS = 12;

/** Five tries per e-mail address and thirty per network address in fifteen minutes. */
export const LOGIN_LIMIT_PER_EMAIL: Limit = { max: 5, windowMs: 15 * 60_000 };
export const LOGIN_LIMIT_PER_IP: Limit = { max: 30, windowMs: 15 * 60_000 };

export interface CoachActor {
	id: string;
	teamId: string;
	name: string;
	email: string;
	phone: string | null;
	role: 'coach' | 'team_lead' | 'translator' | 'admin';
}

const actorColumns = {
	id: coaches.id,
	teamId: coaches.teamId,
	name: coaches.name,
	email: coaches.email,
	phone: coaches.phone,
	role: coaches.role
};

export type LoginResult =
	| { ok: true; token: string; coach: CoachActor; expiresAt: Date }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export async function login(
	db: Db,
	input: { email: string; password: string; ip: string },
	now = new Date()
): Promise<LoginResult> {
	const email = input.email.trim().toLowerCase();
	const byEmail = await hit(db, `login:email:${email}`, LOGIN_LIMIT_PER_EMAIL, now);
	const byIp = await hit(db, `login:ip:${input.ip}`, LOGIN_LIMIT_PER_IP, now);
	if (!byEmail.allowed || !byIp.allowed) {
		await audit(db, { type: 'anonymous' }, { action: 'coach.login.rate_limited', details: { ip: input.ip } });
		return {
			ok: false,
			reason: 'rate_limited',
			retryAfterSeconds: Math.max(
				byEmail.allowed ? 0 : byEmail.retryAfterSeconds,
				byIp.allowed ? 0 : byIp.retryAfterSeconds
			)
		};
	}
	const [row] = await db
		.select({ ...actorColumns, passwordHash: coaches.passwordHash })
		.from(coaches)
		.where(eq(sql`lower(${coaches.email})`, email));
	// Always run scrypt, so an unknown address takes as long as a wrong password.
	const valid = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_PASSWORD_HASH);
	if (!row || !valid) {
		await audit(db, { type: 'anonymous' }, { action: 'coach.login.failed', details: { ip: input.ip } });
		return { ok: false, reason: 'invalid' };
	}
	await reset(db, `login:email:${email}`);
	const { passwordHash: _ignored, ...coach } = row;
	const session = await createSession(db, coach.id, now);
	await audit(db, { type: 'coach', id: coach.id }, { action: 'coach.login' });
	return { ok: true, coach, ...session };
}

async function createSession(db: Db, coachId: string, now: Date) {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + COACH_SESSION_HOURS * 3600_000);
	await db.insert(coachSessions).values({ coachId, tokenHash: hashToken(token), expiresAt });
	return { token, expiresAt };
}

export async function coachFromSession(
	db: Db,
	token: string | undefined,
	now = new Date()
): Promise<CoachActor | null> {
	if (!token) return null;
	const [row] = await db
		.select(actorColumns)
		.from(coachSessions)
		.innerJoin(coaches, eq(coaches.id, coachSessions.coachId))
		.where(and(eq(coachSessions.tokenHash, hashToken(token)), gt(coachSessions.expiresAt, now)));
	return row ?? null;
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
	if (!token) return;
	await db.delete(coachSessions).where(eq(coachSessions.tokenHash, hashToken(token)));
}

export const MIN_PASSWORD_LENGTH = 12;

export type PasswordChangeResult =
	{ ok: true; token: string; expiresAt: Date } | { ok: false; reason: 'wrong_password' | 'too_short' };

/** Changes the password and ends every session of this coach (a stolen session dies with it); returns a fresh one. */
export async function changePassword(
	db: Db,
	coachId: string,
	input: { current: string; next: string },
	now = new Date()
): Promise<PasswordChangeResult> {
	if (input.next.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'too_short' };
	const [row] = await db.select({ hash: coaches.passwordHash }).from(coaches).where(eq(coaches.id, coachId));
	if (!row || !(await verifyPassword(input.current, row.hash)))
		return { ok: false, reason: 'wrong_password' };
	const passwordHash = await hashPassword(input.next);
	await db.transaction(async (tx) => {
		await tx.update(coaches).set({ passwordHash, passwordChangedAt: now }).where(eq(coaches.id, coachId));
		await tx.delete(coachSessions).where(eq(coachSessions.coachId, coachId));
	});
	await audit(db, { type: 'coach', id: coachId }, { action: 'coach.password_changed' });
	return { ok: true, ...(await createSession(db, coachId, now)) };
}
