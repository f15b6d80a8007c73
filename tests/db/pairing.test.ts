import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import {
	devicesOf,
	issuePairingCode,
	pairDevice,
	PAIRING_LIMIT,
	participantFromDevice,
	unpairDevice
} from '../../src/lib/server/pairing';
import { formatPairingCode } from '../../src/lib/server/security/tokens';

describe.each(ENGINES)('pairing a phone on %s', (engine) => {
	let database: Database;
	let anna: CoachActor, stranger: CoachActor;
	let fatma: { id: string };
	let ipCounter = 0;
	const ip = () => `192.0.2.${++ipCounter}`;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		anna = await makeCoach(database.db, { email: 'anna@example.nl' });
		stranger = await makeCoach(database.db, { email: 'stranger@example.nl' });
		fatma = await makeParticipant(database.db, anna, 'Fatma', 'tr');
	});
	afterAll(() => database.close());

	it('pairs once with a code typed with a space, and never again with the same code', async () => {
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		expect(issued?.code).toMatch(/^\d{8}$/);
		const typed = formatPairingCode(issued!.code);
		expect(typed).toMatch(/^\d{4} \d{4}$/);

		const paired = await pairDevice(database.db, { code: typed, ip: ip() });
		expect(paired.ok).toBe(true);
		if (!paired.ok) return;
		const actor = await participantFromDevice(database.db, paired.token);
		expect(actor).toMatchObject({ id: fatma.id, displayName: 'Fatma', preferredLanguage: 'tr' });

		const again = await pairDevice(database.db, { code: issued!.code, ip: ip() });
		expect(again).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('a coach cannot make a code for someone outside their caseload', async () => {
		expect(await issuePairingCode(database.db, stranger, fatma.id)).toBeNull();
	});

	it('a code stops working after seven days', async () => {
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
		expect(await pairDevice(database.db, { code: issued!.code, ip: ip() }, eightDaysLater)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		const sixDaysLater = new Date(Date.now() + 6 * 86_400_000);
		expect((await pairDevice(database.db, { code: issued!.code, ip: ip() }, sixDaysLater)).ok).toBe(true);
	});

	it('a new code replaces the participant’s unused one', async () => {
		const first = await issuePairingCode(database.db, anna, fatma.id);
		const second = await issuePairingCode(database.db, anna, fatma.id);
		expect((await pairDevice(database.db, { code: first!.code, ip: ip() })).ok).toBe(false);
		expect((await pairDevice(database.db, { code: second!.code, ip: ip() })).ok).toBe(true);
	});

	it('counts down the tries and then blocks, even for a right code', async () => {
		const address = ip();
		const remaining: number[] = [];
		for (let i = 0; i < PAIRING_LIMIT.max; i++) {
			const r = await pairDevice(database.db, { code: '00000000', ip: address });
			if (!r.ok && r.reason === 'invalid') remaining.push(r.remaining);
		}
		expect(remaining).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		expect(await pairDevice(database.db, { code: issued!.code, ip: address })).toMatchObject({
			ok: false,
			reason: 'rate_limited'
		});
		expect((await pairDevice(database.db, { code: issued!.code, ip: ip() })).ok).toBe(true);
	});

	it('the coach can unpair a lost phone; a stranger cannot', async () => {
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		const paired = await pairDevice(database.db, { code: issued!.code, ip: ip() });
		if (!paired.ok) throw new Error('pairing failed');
		expect(await unpairDevice(database.db, stranger, paired.deviceId)).toBe(false);
		expect(await participantFromDevice(database.db, paired.token)).not.toBeNull();
		expect(await unpairDevice(database.db, anna, paired.deviceId)).toBe(true);
		expect(await participantFromDevice(database.db, paired.token)).toBeNull();
		const devices = await devicesOf(database.db, anna, fatma.id);
		expect(devices?.find((d) => d.id === paired.deviceId)?.revokedAt).toBeInstanceOf(Date);
		expect(await devicesOf(database.db, stranger, fatma.id)).toBeNull();
	});
});

describe('a code handed out before a server restart still works after it (PGlite directory)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'opstap-pglite-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('pairs after closing and reopening the database', async () => {
		const first = await freshDatabase('pglite', dir);
		const coach = await makeCoach(first.db, { email: 'anna@example.nl' });
		const participant = await makeParticipant(first.db, coach, 'Yonas', 'ti');
		const issued = await issuePairingCode(first.db, coach, participant.id);
		await first.close();

		const second = await freshDatabase('pglite', dir);
		const paired = await pairDevice(second.db, { code: issued!.code, ip: '198.51.100.1' });
		expect(paired.ok).toBe(true);
		await second.close();
	});
});
