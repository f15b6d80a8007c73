import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, PASSWORD } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import { changePassword, coachFromSession, login, logout } from '../../src/lib/server/auth/coach';

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

	it('limits login attempts per e-mail address, even with the right password afterwards', async () => {
		await makeCoach(database.db, { email: 'bram@example.nl' });
		for (let i = 0; i < 5; i++) {
			const r = await login(database.db, { email: 'bram@example.nl', password: 'wrong', ip: `10.1.0.${i}` });
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		const blocked = await login(database.db, {
			email: 'bram@example.nl',
			password: PASSWORD,
			ip: '10.1.0.9'
		});
		expect(blocked.ok).toBe(false);
		expect(!blocked.ok && blocked.reason).toBe('rate_limited');
		// A quarter of an hour later the window has passed.
		const later = await login(
			database.db,
			{ email: 'bram@example.nl', password: PASSWORD, ip: '10.1.0.9' },
			new Date(Date.now() + 16 * 60_000)
		);
		expect(later.ok).toBe(true);
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
