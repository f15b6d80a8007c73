import { and, desc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { devices, pairingCodes, participants } from '../db/schema';
import { audit } from '../audit';
import { hit, peekAll, release, releaseAll, type Counter, type Limit } from '../security/rate-limit';
import { serverSecret } from '../security/secret';
import {
	hashToken,
	keyedHash,
	newPairingCode,
	newToken,
	normalisePairingCode,
	PAIRING_CODE_LENGTH
} from '../security/tokens';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';

export const DEVICE_COOKIE = 'opstap_device';
/** Browsers keep a cookie at most 400 days; it is renewed on use, so an active phone stays paired. */
export const DEVICE_COOKIE_DAYS = 400;
export const PAIRING_CODE_DAYS = 7;
/** A code on a pairing letter must outlast the post: valid this many days by default, at most LETTER_CODE_MAX_DAYS. */
export const LETTER_CODE_DAYS = 30;
export const LETTER_CODE_MAX_DAYS = 60;
/** Letters per print: a whole team (about 1,500 people) in one go, as one document to print or save as PDF. */
export const LETTERS_PER_PRINT = 1_500;
/*
 * Pairing limits count failed codes only (a pairing that works gives its attempt back), so twenty participants at a
 * group session on one Wi-Fi all get in. Per address: twenty wrong codes a quarter of an hour, enough for shaky
 * fingers on a shared network. Across all addresses: three hundred wrong codes a quarter of an hour, then every
 * pairing is refused until the quarter is over: someone with many addresses cannot guess faster than that. The cost
 * of guessing is in the README ("Pairing a phone").
 */
export const PAIRING_LIMIT: Limit = { max: 20, windowMs: 15 * 60_000 };
export const PAIRING_GLOBAL_LIMIT: Limit = { max: 300, windowMs: 15 * 60_000 };
const GLOBAL_KEY = 'pair:all';

export interface IssuedCode {
	code: string;
	expiresAt: Date;
}

/** Makes a new one-time code for a participant of this coach; older unused codes of that participant stop working. */
export async function issuePairingCode(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date(),
	days = PAIRING_CODE_DAYS
): Promise<IssuedCode | null> {
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return null;
	const secret = await serverSecret(db);
	const expiresAt = new Date(now.getTime() + days * 86_400_000);
	await db
		.delete(pairingCodes)
		.where(
			or(
				eq(pairingCodes.participantId, participantId),
				lt(pairingCodes.expiresAt, now),
				isNotNull(pairingCodes.usedAt)
			)
		);
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = newPairingCode();
		const inserted = await db
			.insert(pairingCodes)
			.values({ participantId, codeHash: keyedHash(secret, code), createdByCoachId: coach.id, expiresAt })
			.onConflictDoNothing()
			.returning({ id: pairingCodes.id });
		if (inserted.length) {
			await audit(
				db,
				{ type: 'coach', id: coach.id },
				{
					action: 'pairing_code.issued',
					subjectType: 'participant',
					subjectId: participantId
				}
			);
			return { code, expiresAt };
		}
	}
	throw new Error('could not find a free pairing code');
}

export type PairResult =
	| { ok: true; token: string; participantId: string; deviceId: string }
	| { ok: false; reason: 'invalid'; remaining: number }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export async function pairingTriesLeft(db: Db, ip: string, now = new Date()) {
	return peekAll(db, counters(ip), now);
}

const counters = (ip: string): Counter[] => [
	{ key: `pair:ip:${ip}`, limit: PAIRING_LIMIT },
	{ key: GLOBAL_KEY, limit: PAIRING_GLOBAL_LIMIT }
];

/** Exchanges a one-time code for a long-lived device session. */
export async function pairDevice(
	db: Db,
	input: { code: string; ip: string; label?: string },
	now = new Date()
): Promise<PairResult> {
	// Counted before the code is checked, so parallel guesses cannot overshoot; given back when the code works.
	const [perAddress, global] = counters(input.ip) as [Counter, Counter];
	const attempt = await hit(db, perAddress.key, perAddress.limit, now);
	if (!attempt.allowed) {
		// A refused attempt checks no code: the counters hold only the wrong codes actually checked.
		await release(db, perAddress.key, perAddress.limit, now);
		await audit(db, { type: 'anonymous' }, { action: 'pairing.rate_limited', details: { ip: input.ip } });
		return { ok: false, reason: 'rate_limited', retryAfterSeconds: attempt.retryAfterSeconds };
	}
	const everywhere = await hit(db, global.key, global.limit, now);
	if (!everywhere.allowed) {
		await releaseAll(db, [perAddress, global], now);
		await audit(
			db,
			{ type: 'anonymous' },
			{ action: 'pairing.rate_limited', details: { ip: input.ip, scope: 'all addresses' } }
		);
		return { ok: false, reason: 'rate_limited', retryAfterSeconds: everywhere.retryAfterSeconds };
	}
	const code = normalisePairingCode(input.code);
	if (code.length !== PAIRING_CODE_LENGTH || !/^\d+$/.test(code)) {
		return { ok: false, reason: 'invalid', remaining: attempt.remaining };
	}
	const secret = await serverSecret(db);
	const token = newToken();
	const result = await db.transaction(async (tx) => {
		// Claiming the code and creating the device happen together: a code pairs exactly one phone.
		const [claimed] = await tx
			.update(pairingCodes)
			.set({ usedAt: now })
			.where(
				and(
					eq(pairingCodes.codeHash, keyedHash(secret, code)),
					isNull(pairingCodes.usedAt),
					gt(pairingCodes.expiresAt, now)
				)
			)
			.returning({ participantId: pairingCodes.participantId });
		if (!claimed) return null;
		const [device] = await tx
			.insert(devices)
			.values({ participantId: claimed.participantId, tokenHash: hashToken(token), label: input.label ?? '' })
			.returning({ id: devices.id });
		return { participantId: claimed.participantId, deviceId: device!.id };
	});
	if (!result) {
		await audit(db, { type: 'anonymous' }, { action: 'pairing.failed', details: { ip: input.ip } });
		return { ok: false, reason: 'invalid', remaining: attempt.remaining };
	}
	await releaseAll(db, [perAddress, global], now);
	await audit(
		db,
		{ type: 'participant', id: result.participantId },
		{
			action: 'device.paired',
			subjectType: 'device',
			subjectId: result.deviceId
		}
	);
	return { ok: true, token, ...result };
}

export interface ParticipantActor {
	id: string;
	deviceId: string;
	displayName: string;
	preferredLanguage: string;
	coachId: string;
}

export async function participantFromDevice(
	db: Db,
	token: string | undefined,
	now = new Date()
): Promise<ParticipantActor | null> {
	if (!token) return null;
	// Every request of a phone asks this, so it is a prepared statement; never cached: an unpaired phone is refused
	// at its next request.
	const lookup = prepared(db, 'participant_from_device', (db) =>
		db
			.select({
				id: participants.id,
				deviceId: devices.id,
				displayName: participants.displayName,
				preferredLanguage: participants.preferredLanguage,
				coachId: participants.coachId,
				lastSeenAt: devices.lastSeenAt
			})
			.from(devices)
			.innerJoin(participants, eq(participants.id, devices.participantId))
			.where(and(eq(devices.tokenHash, sql.placeholder('tokenHash')), isNull(devices.revokedAt)))
			.prepare('participant_from_device')
	);
	const [row] = await lookup.execute({ tokenHash: hashToken(token) });
	if (!row) return null;
	// Note when the phone was last used (at most once an hour, to spare the database).
	if (now.getTime() - row.lastSeenAt.getTime() > 3600_000) {
		await db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, row.deviceId));
	}
	const { lastSeenAt: _seen, ...actor } = row;
	return actor;
}

export async function devicesOf(db: Db, coach: CoachActor, participantId: string) {
	if (!(await participantForCoach(db, coach, participantId))) return null;
	return db
		.select({
			id: devices.id,
			label: devices.label,
			createdAt: devices.createdAt,
			lastSeenAt: devices.lastSeenAt,
			revokedAt: devices.revokedAt
		})
		.from(devices)
		.where(eq(devices.participantId, participantId))
		.orderBy(desc(devices.createdAt));
}

/** A lost phone: the coach ends that device's session. Returns false when the device is not in this coach's caseload. */
export async function unpairDevice(
	db: Db,
	coach: CoachActor,
	deviceId: string,
	now = new Date()
): Promise<boolean> {
	const [device] = await db
		.select({ participantId: devices.participantId })
		.from(devices)
		.where(eq(devices.id, deviceId));
	if (!device || !(await participantForCoach(db, coach, device.participantId))) return false;
	await db
		.update(devices)
		.set({ revokedAt: now })
		.where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)));
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'device.unpaired',
			subjectType: 'device',
			subjectId: deviceId
		}
	);
	return true;
}

export async function setPreferredLanguage(db: Db, participantId: string, language: string): Promise<void> {
	await db
		.update(participants)
		.set({ preferredLanguage: language })
		.where(eq(participants.id, participantId));
}
