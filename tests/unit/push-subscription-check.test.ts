import { createECDH, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
	parsePushServiceHosts,
	pushEndpointProblem,
	subscriptionBody
} from '../../src/lib/server/push/subscriptions';

const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const keys = {
	p256dh: ecdh.getPublicKey().toString('base64url'),
	auth: randomBytes(16).toString('base64url')
};

describe('which push endpoints the server sends to', () => {
	afterEach(() => {
		delete process.env.PUSH_SERVICE_HOSTS;
	});

	it('accepts the push services of the browsers, over https on port 443', () => {
		for (const endpoint of [
			'https://fcm.googleapis.com/fcm/send/dXk2:APA91b',
			'https://fcm.googleapis.com:443/wp/abc',
			'https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB',
			'https://updates-autopush.stage.push.services.mozilla.com/wpush/v2/x',
			'https://wns2-db5p.notify.windows.com/w/?token=BQYAAA',
			'https://web.push.apple.com/QGuQyavXutnMH',
			'https://FCM.GoogleAPIs.com/fcm/send/x'
		])
			expect(pushEndpointProblem(endpoint), endpoint).toBeNull();
	});

	it('refuses addresses inside, other hosts, other ports, plain http and look-alikes', () => {
		const refused: [string, RegExp][] = [
			['https://127.0.0.1:9443/internal-admin', /IP address/],
			['https://127.0.0.1/internal-admin', /IP address/],
			['https://2130706433/x', /IP address/], // 127.0.0.1 written as a number
			['https://0x7f.1/x', /IP address/],
			['https://[::1]/x', /IP address/],
			['https://[::ffff:169.254.169.254]/latest/meta-data', /IP address/],
			['https://169.254.169.254/latest/meta-data', /IP address/],
			['https://localhost/x', /not at a push service/],
			['https://fcm.googleapis.com:9443/x', /port/],
			['http://fcm.googleapis.com/fcm/send/x', /https/],
			['https://fcm.googleapis.com.evil.example/x', /not at a push service/],
			['https://evilfcm.googleapis.com/x', /not at a push service/],
			['https://push.apple.com/x', /not at a push service/], // the wildcard is for names under it
			['https://notify.windows.com.attacker.nl/x', /not at a push service/],
			['https://user:pw@fcm.googleapis.com/x', /user name/],
			['not a url', /not a URL/],
			['file:///etc/passwd', /https/]
		];
		for (const [endpoint, why] of refused) expect(pushEndpointProblem(endpoint), endpoint).toMatch(why);
	});

	it('takes more hosts from PUSH_SERVICE_HOSTS: by name on 443, or exactly with the port or IP given', () => {
		expect(pushEndpointProblem('https://127.0.0.1:8443/push/1')).not.toBeNull();
		process.env.PUSH_SERVICE_HOSTS = '127.0.0.1:8443, push.example.nl *.push.gemeente.nl,[::1]:9000';
		expect(pushEndpointProblem('https://127.0.0.1:8443/push/1')).toBeNull();
		expect(pushEndpointProblem('https://127.0.0.1:8444/push/1')).not.toBeNull();
		expect(pushEndpointProblem('https://127.0.0.1/push/1')).not.toBeNull();
		expect(pushEndpointProblem('https://push.example.nl/x')).toBeNull();
		expect(pushEndpointProblem('https://push.example.nl:8443/x')).toMatch(/port/);
		expect(pushEndpointProblem('https://a.push.gemeente.nl/x')).toBeNull();
		expect(pushEndpointProblem('https://[::1]:9000/x')).toBeNull();
		// The browsers' services stay allowed.
		expect(pushEndpointProblem('https://fcm.googleapis.com/fcm/send/x')).toBeNull();
		// A wildcard over IP addresses makes no sense and is ignored.
		expect(parsePushServiceHosts('*.10.0.0.1')).toEqual([]);
	});
});

describe('the keys of a subscription', () => {
	const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';
	const ok = (k: unknown) => subscriptionBody.safeParse({ endpoint, keys: k }).success;

	it('accepts a P-256 public key and a 16-byte secret, as browsers make them', () => {
		expect(ok(keys)).toBe(true);
		expect(subscriptionBody.safeParse({ endpoint, expirationTime: null, keys }).success).toBe(true);
	});

	/** A valid key written in standard base64 that really uses + or / (a random one has neither about 6 % of the time). */
	function withStandardAlphabet(): string {
		for (;;) {
			const other = createECDH('prime256v1');
			other.generateKeys();
			const standard = other.getPublicKey().toString('base64');
			if (/[+/]/.test(standard)) return standard;
		}
	}

	it('refuses keys of the wrong length, form or curve', () => {
		const point = ecdh.getPublicKey();
		const compressed = ecdh.getPublicKey(null, 'compressed');
		const offCurve = Buffer.from(point);
		offCurve[64] = offCurve[64]! ^ 1;
		const noPrefix = Buffer.from(point);
		noPrefix[0] = 5;
		for (const p256dh of [
			compressed.toString('base64url'),
			noPrefix.toString('base64url'),
			offCurve.toString('base64url'),
			withStandardAlphabet(), // standard base64 with + and / is not base64url
			'',
			'short'
		])
			if (p256dh !== point.toString('base64url')) expect(ok({ ...keys, p256dh }), p256dh).toBe(false);
		for (const auth of [randomBytes(8), randomBytes(17)].map((b) => b.toString('base64url')))
			expect(ok({ ...keys, auth }), auth).toBe(false);
		expect(ok({ p256dh: keys.p256dh })).toBe(false);
		expect(ok({ ...keys, extra: 'x' })).toBe(false);
	});

	it('says what is wrong', () => {
		const result = subscriptionBody.safeParse({ endpoint: 'https://127.0.0.1:9443/internal-admin', keys });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['endpoint', 'The endpoint must name a push service, not an IP address.']
		]);
	});
});
