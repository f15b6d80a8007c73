import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, PASSWORD } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import {
	changePassword,
	coachFromSession,
	LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_ADDRESSES,
	login,
	logout
} from '../../src/lib/server/auth/coach';

describe.each(ENGINES)('coach accounts on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
		await makeCoach(database.db, { email: 'anna@example.nl' });
	});
	afterAll(() => database.close());

	it('logs in with the right password, case-insensitively on the e-mail, and the session finds the coach', async () => {
		const result = await login(database.db, {
			email: ' Anna@Example.NL ',
			password: PASSWORD,
			ip: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const coach = await coachFromSession(database.db, result.token);
		expect(coach?.email).toBe('anna@example.nl');
		// Only a hash of the token is stored.
		const stored = await database.db.execute(sql`select token_hash from coach_sessions`);
		expect(JSON.stringify(stored)).not.toContain(result.token);
	});

	it('gives the same answer for a wrong password and for an unknown e-mail', async () => {
		const wrong = await login(database.db, { email: 'anna@example.nl', password: 'nope', ip: '10.0.0.2' });
		const unknown = await login(database.db, {
			email: 'nobody@example.nl',
			password: 'nope',
			ip: '10.0.0.2'
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
	});

	describe('limits that stop guessing, not the coach', () => {
		// Each test works in its own quarter of an hour (fixed windows), a day apart, starting on a full quarter.
		let day = 0;
		const quarter = () => new Date(Date.UTC(2031, 0, 1 + ++day, 9, 0, 5));
		const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
		const wrong = (email: string, ip: string, now: Date) =>
			login(database.db, { email, password: 'wrong', ip }, now);
		const right = (email: string, ip: string, now: Date) =>
			login(database.db, { email, password: PASSWORD, ip }, now);

		it('a stranger’s guesses slow and then block the stranger’s address, never the coach elsewhere', async () => {
			await makeCoach(database.db, { email: 'bram@example.nl' });
			const t = quarter();
			const stranger = '203.0.113.66';
			const results = [];
			for (let i = 0; i < 4; i++) results.push(await wrong('bram@example.nl', stranger, at(t, i)));
			// Three a minute, then slowed until the minute is over.
			expect(results.slice(0, 3)).toEqual(Array(3).fill({ ok: false, reason: 'invalid' }));
			expect(results[3]).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 52 });
			// The next minute: two more, then refused until the quarter of an hour is over.
			expect(await wrong('bram@example.nl', stranger, at(t, 61))).toEqual({ ok: false, reason: 'invalid' });
			expect(await wrong('bram@example.nl', stranger, at(t, 62))).toEqual({ ok: false, reason: 'invalid' });
			expect(await wrong('bram@example.nl', stranger, at(t, 63))).toEqual({
				ok: false,
				reason: 'rate_limited',
				retryAfterSeconds: 15 * 60 - 68
			});
			// Even the right password from the guessing address is refused …
			expect(await right('bram@example.nl', stranger, at(t, 64))).toMatchObject({ reason: 'rate_limited' });
			// … while Bram, from an address that has not been guessing, logs in, and hears how many tries there were.
			const bram = await right('bram@example.nl', '198.51.100.7', at(t, 65));
			expect(bram.ok).toBe(true);
			if (!bram.ok) return;
			expect(bram.failedSinceLastLogin.count).toBe(8);
			expect(bram.failedSinceLastLogin.last).toBeInstanceOf(Date);
			// Shown once: the next login has nothing to report.
			const again = await right('bram@example.nl', '198.51.100.7', at(t, 66));
			expect(again.ok && again.failedSinceLastLogin).toEqual({ count: 0, last: null });
			// The failures name the account they were aimed at, never the password typed.
			const rows = await database.db.execute(
				sql`select subject_id, details from audit_log where action = 'coach.login.failed' and subject_id = ${bram.coach.id}`
			);
			const stored = JSON.stringify(rows);
			expect(stored).toContain(stranger);
			expect(stored).not.toContain('wrong');
			// After the quarter of an hour, the stranger may try again.
			expect(await wrong('bram@example.nl', stranger, at(t, 15 * 60))).toEqual({
				ok: false,
				reason: 'invalid'
			});
		});

		it('a few wrong guesses an hour from many addresses do not lock the coach out', async () => {
			await makeCoach(database.db, { email: 'dirk@example.nl' });
			const t = quarter();
			for (let round = 0; round < 4; round++) {
				for (let i = 0; i < 5; i++)
					expect(await wrong('dirk@example.nl', `203.0.113.${10 + i}`, at(t, round * 900 + i))).toEqual({
						ok: false,
						reason: 'invalid'
					});
				expect((await right('dirk@example.nl', '198.51.100.8', at(t, round * 900 + 10))).ok).toBe(true);
			}
		});

		it('successes do not count: a team logging in from one office address, many times, always gets in', async () => {
			const t = quarter();
			const office = '192.0.2.200';
			for (let i = 0; i < 8; i++) await makeCoach(database.db, { email: `team${i}@example.nl` });
			const outcomes = [];
			for (let n = 0; n < 40; n++)
				outcomes.push((await right(`team${n % 8}@example.nl`, office, at(t, n))).ok);
			expect(outcomes.every(Boolean)).toBe(true);
			// One colleague’s typos are forgiven by their next successful login from there.
			await wrong('team0@example.nl', office, at(t, 50));
			await wrong('team0@example.nl', office, at(t, 51));
			expect((await right('team0@example.nl', office, at(t, 52))).ok).toBe(true);
			expect(await wrong('team0@example.nl', office, at(t, 53))).toEqual({ ok: false, reason: 'invalid' });
			expect(await wrong('team0@example.nl', office, at(t, 54))).toEqual({ ok: false, reason: 'invalid' });
		});

		it('one address trying many accounts is refused after thirty failures', async () => {
			const t = quarter();
			const scanner = '203.0.113.99';
			const results = [];
			for (let i = 0; i < 31; i++)
				results.push(await wrong(`nobody${i}@example.nl`, scanner, at(t, 61 * Math.floor(i / 3) + (i % 3))));
			expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(30);
			expect(results[30]).toMatchObject({ ok: false, reason: 'rate_limited' });
			expect((await right('anna@example.nl', scanner, at(t, 800))).ok).toBe(false);
			expect((await right('anna@example.nl', '198.51.100.9', at(t, 800))).ok).toBe(true);
		});

		it('parallel guesses cannot slip past the limit', async () => {
			const t = quarter();
			const results = await Promise.all(
				Array.from({ length: 12 }, () => wrong('anna@example.nl', '203.0.113.77', t))
			);
			// At most three passwords checked (fewer when refused ones are still in flight), the rest refused.
			const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
			expect(checked).toBeGreaterThanOrEqual(1);
			expect(checked).toBeLessThanOrEqual(3);
			expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(12 - checked);
		});

		it('under a distributed attack the account opens only from addresses it logged in from before', async () => {
			await makeCoach(database.db, { email: 'eva@example.nl' });
			const t = quarter();
			const home = '198.51.100.20';
			expect((await right('eva@example.nl', home, t)).ok).toBe(true);
			for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_ADDRESSES.max; i++)
				await wrong('eva@example.nl', `10.66.${Math.floor(i / 200)}.${i % 200}`, at(t, 1));
			const fromNewAddress = await right('eva@example.nl', '198.51.100.21', at(t, 2));
			expect(fromNewAddress).toMatchObject({ ok: false, reason: 'rate_limited' });
			const fromHome = await right('eva@example.nl', home, at(t, 3));
			expect(fromHome.ok).toBe(true);
			expect(fromHome.ok && fromHome.failedSinceLastLogin.count).toBe(
				LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_ADDRESSES.max + 1
			);
			// Other accounts are not affected.
			expect((await right('anna@example.nl', '198.51.100.21', at(t, 4))).ok).toBe(true);
		});
	});

	it('ends a session on logout and when it expires', async () => {
		const r = await login(database.db, { email: 'anna@example.nl', password: PASSWORD, ip: '10.0.0.3' });
		if (!r.ok) throw new Error('login failed');
		expect(await coachFromSession(database.db, r.token, new Date(Date.now() + 13 * 3600_000))).toBeNull();
		await logout(database.db, r.token);
		expect(await coachFromSession(database.db, r.token)).toBeNull();
	});

	it('ends every session on a password change and accepts only the new password', async () => {
		const coach = await makeCoach(database.db, { email: 'cees@example.nl' });
		const first = await login(database.db, { email: 'cees@example.nl', password: PASSWORD, ip: '10.2.0.1' });
		const second = await login(database.db, { email: 'cees@example.nl', password: PASSWORD, ip: '10.2.0.2' });
		if (!first.ok || !second.ok) throw new Error('login failed');

		expect(
			await changePassword(database.db, coach.id, { current: 'wrong', next: 'a new long password' })
		).toEqual({
			ok: false,
			reason: 'wrong_password'
		});
		expect(await changePassword(database.db, coach.id, { current: PASSWORD, next: 'short' })).toEqual({
			ok: false,
			reason: 'too_short'
		});
		const changed = await changePassword(database.db, coach.id, {
			current: PASSWORD,
			next: 'a new long password'
		});
		expect(changed.ok).toBe(true);
		expect(await coachFromSession(database.db, first.token)).toBeNull();
		expect(await coachFromSession(database.db, second.token)).toBeNull();
		if (changed.ok) expect((await coachFromSession(database.db, changed.token))?.id).toBe(coach.id);

		const old = await login(database.db, { email: 'cees@example.nl', password: PASSWORD, ip: '10.2.0.3' });
		expect(old.ok).toBe(false);
		const fresh = await login(database.db, {
			email: 'cees@example.nl',
			password: 'a new long password',
			ip: '10.2.0.3'
		});
		expect(fresh.ok).toBe(true);
	});
});
