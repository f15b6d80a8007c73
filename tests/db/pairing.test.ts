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
	PAIRING_GLOBAL_LIMIT,
	PAIRING_LIMIT,
	pairingTriesLeft,
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

	it('counts down the wrong codes of one address and then blocks it, even for a right code', async () => {
		// In the middle of one quarter of an hour: the windows are fixed, and a run that crossed a quarter would
		// start counting again halfway.
		const t = new Date(Math.floor(Date.now() / 900_000) * 900_000 + 450_000);
		const address = ip();
		const remaining: number[] = [];
		for (let i = 0; i < PAIRING_LIMIT.max; i++) {
			const r = await pairDevice(database.db, { code: '00000000', ip: address }, t);
			if (!r.ok && r.reason === 'invalid') remaining.push(r.remaining);
		}
		expect(remaining).toEqual(Array.from({ length: PAIRING_LIMIT.max }, (_, i) => PAIRING_LIMIT.max - 1 - i));
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		const refused = await pairDevice(database.db, { code: issued!.code, ip: address }, t);
		expect(refused).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 450 });
		expect((await pairingTriesLeft(database.db, address, t)).allowed).toBe(false);
		expect((await pairDevice(database.db, { code: issued!.code, ip: ip() }, t)).ok).toBe(true);
	});

	it('twenty phones pair in a row from one wijkcentrum Wi-Fi, some after a typo', async () => {
		const wifi = ip();
		const people = [];
		for (let i = 0; i < 20; i++)
			people.push(await makeParticipant(database.db, anna, `Deelnemer ${i}`, 'nl'));
		const outcomes = [];
		for (const [i, person] of people.entries()) {
			const issued = await issuePairingCode(database.db, anna, person.id);
			// Every fourth participant first mistypes the last digit.
			const typo = issued!.code.slice(0, -1) + ((Number(issued!.code.at(-1)) + 1) % 10);
			if (i % 4 === 0) expect((await pairDevice(database.db, { code: typo, ip: wifi })).ok).toBe(false);
			outcomes.push((await pairDevice(database.db, { code: issued!.code, ip: wifi })).ok);
		}
		expect(outcomes).toEqual(Array(20).fill(true));
		// Only the typos counted.
		expect((await pairingTriesLeft(database.db, wifi)).remaining).toBe(PAIRING_LIMIT.max - 5);
	});

	it('parallel wrong codes from one address cannot slip past its limit', async () => {
		const address = ip();
		const results = await Promise.all(
			Array.from({ length: PAIRING_LIMIT.max + 15 }, () =>
				pairDevice(database.db, { code: '00000001', ip: address })
			)
		);
		// At most the limit is checked (fewer when refused ones are still in flight), the rest refused.
		const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(checked).toBeGreaterThanOrEqual(1);
		expect(checked).toBeLessThanOrEqual(PAIRING_LIMIT.max);
		expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(
			PAIRING_LIMIT.max + 15 - checked
		);
		// Once settled, the counter holds exactly the codes checked.
		expect((await pairingTriesLeft(database.db, address)).remaining).toBe(PAIRING_LIMIT.max - checked);
	});

	it('across all addresses: after 300 wrong codes a quarter of an hour, pairing waits for the next quarter', async () => {
		// Its own quarter of an hour, a day ahead (codes stay valid for seven days).
		const t = new Date(Math.ceil((Date.now() + 86_400_000) / 900_000) * 900_000 + 5_000);
		const issued = await issuePairingCode(database.db, anna, fatma.id);
		let invalid = 0;
		let address = 0;
		for (let n = 0; n < PAIRING_GLOBAL_LIMIT.max; n++) {
			// A hundred and some addresses, each staying under its own limit.
			if (n % 3 === 0) address++;
			const r = await pairDevice(
				database.db,
				{ code: String(10_000_000 + n), ip: `10.77.${address >> 8}.${address & 255}` },
				t
			);
			if (!r.ok && r.reason === 'invalid') invalid++;
		}
		expect(invalid).toBe(PAIRING_GLOBAL_LIMIT.max);
		// Now every address waits, also one that has not tried, also with the right code.
		const refused = await pairDevice(database.db, { code: issued!.code, ip: '198.51.100.200' }, t);
		expect(refused).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 900 - 5 });
		expect((await pairingTriesLeft(database.db, '198.51.100.201', t)).allowed).toBe(false);
		// Refusals do not count against the address that was refused.
		expect(
			(await pairingTriesLeft(database.db, '198.51.100.200', new Date(t.getTime() + 900_000))).remaining
		).toBe(PAIRING_LIMIT.max);
		const nextQuarter = new Date(t.getTime() + 900_000);
		expect(
			(await pairDevice(database.db, { code: issued!.code, ip: '198.51.100.200' }, nextQuarter)).ok
		).toBe(true);
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
