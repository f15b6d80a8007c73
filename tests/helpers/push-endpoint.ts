import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A push service on this machine, over https with a self-signed certificate, that does what a real one must:
 * checks the VAPID JWT (ES256 signature with the key in the header, audience, expiry, subject) and decrypts the
 * aes128gcm payload (RFC 8291) with the subscription's private key. Tests see what a phone would get.
 */
export interface ReceivedPush {
	subscription: string;
	payload: Record<string, unknown>;
	topic: string | undefined;
	ttl: number;
	urgency: string | undefined;
	claims: { aud: string; exp: number; sub: string };
	vapidKey: string;
}

export interface TestSubscription {
	id: string;
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface PushEndpoint {
	origin: string;
	/** `127.0.0.1:<port>`: give it to the server as PUSH_SERVICE_HOSTS, or it will not send here. */
	host: string;
	/** PEM of the self-signed certificate: trust it with an https.Agent or NODE_EXTRA_CA_CERTS. */
	caFile: string;
	agent: Agent;
	received: ReceivedPush[];
	/** Requests refused (bad JWT, undecryptable): should stay empty. */
	refused: string[];
	subscribe(id?: string): TestSubscription;
	/** Make the push service answer this status for a subscription (404/410: gone; 500: try again; 0: normal). */
	answer(id: string, status: number): void;
	/** Delay every answer (to restart a server in the middle of sending). */
	delayMs: number;
	close(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');

function hmac(key: Buffer, data: Buffer): Buffer {
	return createHmac('sha256', key).update(data).digest();
}

function verifyVapid(header: string | undefined, origin: string) {
	const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
	if (!m) throw new Error('no vapid authorization');
	const [head, body, sig] = m[1]!.split('.');
	const jwtHeader = JSON.parse(Buffer.from(head!, 'base64url').toString());
	if (jwtHeader.alg !== 'ES256') throw new Error('alg is not ES256');
	const key = Buffer.from(m[2]!, 'base64url');
	if (key.length !== 65 || key[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
	const publicKey = createPublicKey({
		key: { kty: 'EC', crv: 'P-256', x: b64u(key.subarray(1, 33)), y: b64u(key.subarray(33)) },
		format: 'jwk'
	});
	const ok = verify(
		'sha256',
		Buffer.from(`${head}.${body}`),
		{ key: publicKey, dsaEncoding: 'ieee-p1363' },
		Buffer.from(sig!, 'base64url')
	);
	if (!ok) throw new Error('bad JWT signature');
	const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
	if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
	const now = Date.now() / 1000;
	if (!(claims.exp > now && claims.exp <= now + 24 * 3600 + 60)) throw new Error('exp out of range');
	if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error('sub is not mailto: or https:');
	return { claims, vapidKey: m[2]! };
}

function decrypt(body: Buffer, ecdh: ReturnType<typeof createECDH>, auth: Buffer): Buffer {
	const salt = body.subarray(0, 16);
	const idLength = body[20]!;
	const senderKey = body.subarray(21, 21 + idLength);
	const ciphertext = body.subarray(21 + idLength);
	const shared = ecdh.computeSecret(senderKey);
	const receiverKey = ecdh.getPublicKey();
	const ikm = hmac(
		hmac(auth, shared),
		Buffer.concat([Buffer.from('WebPush: info\0'), receiverKey, senderKey, Buffer.from([1])])
	);
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
	const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
	const padded = Buffer.concat([
		decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
		decipher.final()
	]);
	let end = padded.length - 1;
	while (end >= 0 && padded[end] === 0) end--;
	if (padded[end] !== 2) throw new Error('no last-record delimiter');
	return padded.subarray(0, end);
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
	const dir = mkdtempSync(join(tmpdir(), 'opstap-push-'));
	const keyFile = join(dir, 'key.pem');
	const caFile = join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:P-256',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-keyout',
			keyFile,
			'-out',
			caFile
		],
		{ stdio: 'ignore' }
	);
	const subscriptions = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
	const statuses = new Map<string, number>();
	const received: ReceivedPush[] = [];
	const refused: string[] = [];
	let origin = '';

	const endpoint: PushEndpoint = {
		origin: '',
		host: '',
		caFile,
		agent: undefined as unknown as Agent,
		received,
		refused,
		delayMs: 0,
		subscribe(id = b64u(randomBytes(9))) {
			const ecdh = createECDH('prime256v1');
			ecdh.generateKeys();
			const auth = randomBytes(16);
			subscriptions.set(id, { ecdh, auth });
			return {
				id,
				endpoint: `${origin}/push/${id}`,
				keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) }
			};
		},
		answer(id, status) {
			if (status) statuses.set(id, status);
			else statuses.delete(id);
		},
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			rmSync(dir, { recursive: true, force: true });
		}
	};

	const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			if (endpoint.delayMs) await new Promise((r) => setTimeout(r, endpoint.delayMs));
			const id = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
			const subscription = subscriptions.get(id);
			const status = statuses.get(id);
			if (!subscription || status === 404 || status === 410) {
				res.writeHead(status ?? 404).end();
				return;
			}
			if (status) {
				res.writeHead(status).end();
				return;
			}
			try {
				if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
				const { claims, vapidKey } = verifyVapid(req.headers.authorization, origin);
				const plain = decrypt(Buffer.concat(chunks), subscription.ecdh, subscription.auth);
				received.push({
					subscription: id,
					payload: JSON.parse(plain.toString('utf8')),
					topic: req.headers.topic as string | undefined,
					ttl: Number(req.headers.ttl),
					urgency: req.headers.urgency as string | undefined,
					claims,
					vapidKey
				});
				res.writeHead(201).end();
			} catch (error) {
				refused.push(String((error as Error).message));
				res.writeHead(400).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	endpoint.origin = origin;
	endpoint.host = new URL(origin).host;
	endpoint.agent = new Agent({ ca: readFileSync(caFile), keepAlive: true });
	return endpoint;
}
