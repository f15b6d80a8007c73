import { createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** A long random token for cookies; only its hash is stored, so a database leak gives no sessions. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Keyed hash for short secrets (pairing codes): without the server secret a leaked hash cannot be brute-forced. */
export function keyedHash(secret: string, value: string): string {
	return createHmac('sha256', secret).update(value).digest('hex');
}

/** Eight digits: short enough to read aloud and type on a digit pad, with 10^8 possibilities against guessing. */
export const PAIRING_CODE_LENGTH = 8;

export function newPairingCode(): string {
	let code = '';
	for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += String(randomInt(0, 10));
	return code;
}

/** "48210937" -> "4821 0937": read aloud in two groups of four. */
export function formatPairingCode(code: string): string {
	return code.replace(/^(\d{4})(\d{4})$/, '$1 $2');
}

/** Accepts what people type or paste: spaces, dashes and dots are ignored. */
export function normalisePairingCode(input: string): string {
	return input.replace(/[\s.\-–]/g, '');
}

// scrypt from node:crypto: memory-hard and without native addons.
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number) {
	return new Promise<Buffer>((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
	return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [alg, n, r, p, salt, hash] = stored.split('$');
	if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await scryptAsync(
		password,
		Buffer.from(salt, 'base64'),
		Number(n),
		Number(r),
		Number(p),
		expected.length
	);
	return timingSafeEqual(key, expected);
}

/** A hash to compare against when the e-mail is unknown, so that the answer takes as long either way. */
export const DUMMY_PASSWORD_HASH =
	'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');
