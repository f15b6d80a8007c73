import { and, count, eq, gt, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, coachSessions, coaches } from '../db/schema';
import { audit } from '../audit';
import { hit, hitAll, releaseAll, reset, tiers, type Limit } from '../security/rate-limit';
import { DUMMY_PASSWORD_HASH, hashPassword, hashToken, newToken, verifyPassword } from '../security/tokens';

export const COACH_COOKIE = 'opstap_coach';
export const COACH_SESSION_HOURS = 12;

/*
 * Login limits stop guessing, not people. Only failures count (an attempt is counted before the password is checked,
 * so that parallel guesses cannot overshoot, and given back when it succeeds), and the counters are kept per network
 * address, not per account: a stranger's guesses slow and then block the stranger's address, while the coach, from
 * any address that has not been guessing, still logs in with the right password.
 *
 * - one address on one account: three failures a minute (the typist is slowed), five a quarter of an hour (then
 *   refused until the quarter is over); a successful login from that address clears these;
 * - one address on all accounts: thirty a quarter of an hour, a hundred a day (someone trying many accounts);
 * - one account from all addresses (a distributed attack): past fifty failures in a quarter of an hour, the account
 *   only opens from addresses that have logged in to it before; the coach's usual office or home still works.
 *
 * The failures are recorded in the audit log with the account they were aimed at (never the typed password), and the
 * coach sees how many there were since the previous login.
 */
export const LOGIN_LIMITS_PER_ADDRESS_ACCOUNT: Limit[] = [
	{ max: 3, windowMs: 60_000 },
	{ max: 5, windowMs: 15 * 60_000 }
];
export const LOGIN_LIMITS_PER_ADDRESS: Limit[] = [
	{ max: 30, windowMs: 15 * 60_000 },
	{ max: 100, windowMs: 24 * 3600_000 }
];
export const LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_ADDRESSES: Limit = { max: 50, windowMs: 15 * 60_000 };

export interface CoachActor {
	id: string;
	teamId: string;
	name: string;
	email: string;
	phone: string | null;
	role: 'coach' | 'team_lead' | 'translator' | 'admin' | 'policy_officer' | 'privacy_officer';
}

const actorColumns = {
	id: coaches.id,
	teamId: coaches.teamId,
	name: coaches.name,
	email: coaches.email,
	phone: coaches.phone,
	role: coaches.role
};

export interface FailedLogins {
	/** Failed or refused attempts on this account since its previous successful login. */
	count: number;
	last: Date | null;
}

export type LoginResult =
	| { ok: true; token: string; coach: CoachActor; expiresAt: Date; failedSinceLastLogin: FailedLogins }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

function addressCounters(ip: string, email: string) {
	return {
		account: tiers(`login:addr-account:${ip}|${email}`, LOGIN_LIMITS_PER_ADDRESS_ACCOUNT),
		all: tiers(`login:addr:${ip}`, LOGIN_LIMITS_PER_ADDRESS)
	};
}

export async function login(
	db: Db,
	input: { email: string; password: string; ip: string },
	now = new Date()
): Promise<LoginResult> {
	const email = input.email.trim().toLowerCase();
	// A deactivated account is as good as unknown (the same answer, the same time).
	const [row] = await db
		.select({ ...actorColumns, passwordHash: coaches.passwordHash })
		.from(coaches)
		.where(and(eq(sql`lower(${coaches.email})`, email), isNull(coaches.deactivatedAt)));
	// The account the attempt was aimed at, so the coach can be told; an unknown e-mail is not stored.
	const aimedAt = row ? { subjectType: 'coach', subjectId: row.id } : {};
	const refuse = async (retryAfterSeconds: number, scope: string): Promise<LoginResult> => {
		await audit(
			db,
			{ type: 'anonymous' },
			{ action: 'coach.login.rate_limited', ...aimedAt, details: { ip: input.ip, scope } }
		);
		return { ok: false, reason: 'rate_limited', retryAfterSeconds };
	};

	const byAddress = addressCounters(input.ip, email);
	const reserved = [...byAddress.account, ...byAddress.all];
	const fromAddress = await hitAll(db, reserved, now);
	if (!fromAddress.allowed) {
		// A refused attempt checks no password: the counters hold only the wrong passwords actually checked.
		await releaseAll(db, reserved, now);
		return refuse(fromAddress.retryAfterSeconds, 'address');
	}
	const byAccount = { key: `login:account:${email}`, limit: LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_ADDRESSES };
	// An address this coach has logged in from before is not held back by attacks from elsewhere.
	if (!(row && (await loggedInFrom(db, row.id, input.ip)))) {
		reserved.push(byAccount);
		const onAccount = await hit(db, byAccount.key, byAccount.limit, now);
		if (!onAccount.allowed) {
			// Not tried, so not a failure of this address.
			await releaseAll(db, reserved, now);
			return refuse(onAccount.retryAfterSeconds, 'account');
		}
	}

	// Always run scrypt, so an unknown address takes as long as a wrong password.
	const valid = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_PASSWORD_HASH);
	if (!row || !valid) {
		await audit(
			db,
			{ type: 'anonymous' },
			{ action: 'coach.login.failed', ...aimedAt, details: { ip: input.ip } }
		);
		return { ok: false, reason: 'invalid' };
	}
	// Not a failure: give the attempt back; this address's typos on this account are forgiven.
	await releaseAll(db, reserved, now);
	for (const counter of byAddress.account) await reset(db, counter.key);
	const failedSinceLastLogin = await failedLoginsSinceLastLogin(db, row.id);
	const { passwordHash: _ignored, ...coach } = row;
	const session = await createSession(db, coach.id, now);
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'coach.login', subjectType: 'coach', subjectId: coach.id, details: { ip: input.ip } }
	);
	return { ok: true, coach, ...session, failedSinceLastLogin };
}

const forCoach = (coachId: string) => and(eq(auditLog.subjectType, 'coach'), eq(auditLog.subjectId, coachId));

/** Whether this coach has logged in successfully from this address before (audit log, by the subject index). */
async function loggedInFrom(db: Db, coachId: string, ip: string): Promise<boolean> {
	const [found] = await db
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(
			and(forCoach(coachId), eq(auditLog.action, 'coach.login'), sql`${auditLog.details}->>'ip' = ${ip}`)
		)
		.limit(1);
	return !!found;
}

/** Failed and refused attempts on this account since its last successful login (before the current one). */
export async function failedLoginsSinceLastLogin(db: Db, coachId: string): Promise<FailedLogins> {
	const [previous] = await db
		.select({ at: max(auditLog.at) })
		.from(auditLog)
		.where(and(forCoach(coachId), eq(auditLog.action, 'coach.login')));
	const [failed] = await db
		.select({ n: count(), last: max(auditLog.at) })
		.from(auditLog)
		.where(
			and(
				forCoach(coachId),
				inArray(auditLog.action, ['coach.login.failed', 'coach.login.rate_limited']),
				previous?.at ? gt(auditLog.at, previous.at) : undefined
			)
		);
	return { count: Number(failed?.n ?? 0), last: failed?.last ?? null };
}

export async function createSession(db: Db, coachId: string, now: Date) {
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
		.where(
			and(
				eq(coachSessions.tokenHash, hashToken(token)),
				gt(coachSessions.expiresAt, now),
				isNull(coaches.deactivatedAt)
			)
		);
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
