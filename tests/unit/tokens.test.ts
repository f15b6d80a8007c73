import { describe, expect, it } from 'vitest';
import {
	formatPairingCode,
	hashPassword,
	keyedHash,
	newPairingCode,
	normalisePairingCode,
	verifyPassword
} from '../../src/lib/server/security/tokens';

describe('passwords', () => {
	it('verifies the right password and rejects a wrong one, with a fresh salt each time', async () => {
		const a = await hashPassword('een lang wachtwoord');
		const b = await hashPassword('een lang wachtwoord');
		expect(a).not.toBe(b);
		expect(a.startsWith('scrypt$16384$8$1$')).toBe(true);
		expect(await verifyPassword('een lang wachtwoord', a)).toBe(true);
		expect(await verifyPassword('een lang wachtwoord!', a)).toBe(false);
		expect(await verifyPassword('x', 'garbage')).toBe(false);
	});
});

describe('pairing codes', () => {
	it('are eight digits, spread over all digits', () => {
		const codes = Array.from({ length: 200 }, newPairingCode);
		for (const c of codes) expect(c).toMatch(/^\d{8}$/);
		expect(new Set(codes.join('')).size).toBe(10);
		expect(new Set(codes).size).toBe(200);
	});

	it('read aloud in two groups and accept what people type', () => {
		expect(formatPairingCode('48210937')).toBe('4821 0937');
		expect(normalisePairingCode(' 4821-0937 ')).toBe('48210937');
		expect(normalisePairingCode('4821.0937')).toBe('48210937');
	});

	it('are hashed with the server secret', () => {
		expect(keyedHash('a', '48210937')).not.toBe(keyedHash('b', '48210937'));
		expect(keyedHash('a', '48210937')).toBe(keyedHash('a', '48210937'));
	});
});
