import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';

/**
 * The limits and the push check over HTTP, against the built server. The server takes the client's address from
 * X-Forwarded-For (as behind a proxy), so one test can be a stranger, a coach at home and a whole wijkcentrum.
 */
describe('locked doors over HTTP: login and pairing limits, push endpoints', () => {
	let server: RunningServer;
	let push: PushEndpoint;
	let coachCookie = '';
	const phones: { participant: string; cookie: string }[] = [];

	beforeAll(async () => {
		push = await startPushEndpoint();
		server = await startBuiltServer({
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			NODE_EXTRA_CA_CERTS: push.caFile,
			PUSH_SERVICE_HOSTS: push.host
		});
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
		await push?.close();
	});

	const cookiesOf = (response: Response) =>
		response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0]!)
			.filter((c) => !c.endsWith('='))
			.join('; ');

	function post(path: string, fields: Record<string, string>, ip: string, cookie = '') {
		return fetch(`${server.origin}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				// A plain form post, as without JavaScript (else SvelteKit answers the action as JSON).
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				origin: server.origin,
				'x-forwarded-for': ip,
				...(cookie ? { cookie } : {})
			},
			body: new URLSearchParams(fields)
		});
	}
	const get = (path: string, cookie: string, ip = '198.51.100.7') =>
		fetch(`${server.origin}${path}`, { redirect: 'manual', headers: { cookie, 'x-forwarded-for': ip } });
	const tryLogin = (password: string, ip: string) =>
		post('/coach/login', { email: 'lotte@demo.opstap.nl', password }, ip);

	it('a stranger guessing Lotte’s password is slowed and refused; Lotte logs in from home and is told', async () => {
		const stranger = '203.0.113.66';
		const statuses: number[] = [];
		let refused: Response | undefined;
		for (let i = 0; i < 8 && !refused; i++) {
			const response = await tryLogin('raden-raden-raden', stranger);
			statuses.push(response.status);
			if (response.status === 429) refused = response;
		}
		expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
		expect(refused, `statuses ${statuses}`).toBeDefined();
		const wait = Number(refused!.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(15 * 60);
		expect(await refused!.text()).toContain('Te veel pogingen');
		// The right password from the guessing address: refused too.
		expect((await tryLogin('opstap-demo-2026', stranger)).status).toBe(429);
		const attempts = statuses.length + 1;

		// Lotte, from her own address, is not locked out.
		const home = await tryLogin('opstap-demo-2026', '198.51.100.7');
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe('/coach');
		coachCookie = cookiesOf(home);
		expect(coachCookie).toContain('opstap_coach=');
		const first = await get('/coach', coachCookie);
		expect(first.status).toBe(200);
		const html = await first.text();
		expect(html).toContain(`Sinds uw vorige login: ${attempts} mislukte pogingen om in te loggen (laatste:`);
		// Shown once.
		const sessionOnly = coachCookie
			.split('; ')
			.filter((c) => c.startsWith('opstap_coach='))
			.join('; ');
		expect(await (await get('/coach', sessionOnly)).text()).not.toContain('mislukte pogingen');
		coachCookie = sessionOnly;
	});

	/** A fresh pairing code for this participant, as the coach's "new code" button makes it. */
	async function newCode(participant: string): Promise<string> {
		const response = await fetch(`${server.origin}/coach/participants/${participant}?/newCode`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin: server.origin,
				'x-forwarded-for': '198.51.100.7',
				cookie: coachCookie
			},
			body: ''
		});
		const code = /code=(\d{8})/.exec(await response.text())?.[1];
		if (!code) throw new Error(`no code (${response.status})`);
		return code;
	}

	it('twenty phones pair in a row over one wijkcentrum Wi-Fi, typos and all', async () => {
		// Pairing limits use quarter-hour windows: do not start just before one ends.
		const left = 900_000 - (Date.now() % 900_000);
		if (left < 45_000) await new Promise((r) => setTimeout(r, left + 1000));
		const html = await (await get('/coach', coachCookie)).text();
		const participants = [
			...new Set([...html.matchAll(/\/coach\/participants\/([0-9a-f-]{36})/g)].map((m) => m[1]!))
		];
		expect(participants.length).toBeGreaterThanOrEqual(2);
		const wifi = '192.0.2.10';
		const statuses: number[] = [];
		for (let i = 0; i < 20; i++) {
			const participant = participants[i % 2]!;
			const code = await newCode(participant);
			if (i % 5 === 0) {
				const typo = code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);
				expect((await post('/pair', { code: typo }, wifi)).status).toBe(400);
			}
			const paired = await post('/pair', { code }, wifi);
			statuses.push(paired.status);
			if (paired.status === 303) {
				// A new phone is asked for consent first (issue 16).
				expect(paired.headers.get('location')).toBe('/consent');
				phones.push({ participant, cookie: cookiesOf(paired) });
			}
		}
		expect(statuses).toEqual(Array(20).fill(303));
	});

	it('a phone may register a browser push service, not an address inside, and not another phone’s endpoint', async () => {
		const [a, b] = [phones[0]!, phones[1]!];
		expect(a.participant).not.toBe(b.participant);
		const subscription = push.subscribe();
		const register = (cookie: string, body: unknown) =>
			fetch(`${server.origin}/api/push/subscription`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.origin, cookie },
				body: JSON.stringify(body)
			});
		for (const [endpoint, why] of [
			['https://127.0.0.1:9443/internal-admin', /not an IP address/],
			['https://169.254.169.254/latest/meta-data/', /not an IP address/],
			['https://intranet.gemeente.local/admin', /not at a push service/],
			['http://fcm.googleapis.com/fcm/send/x', /https/],
			['https://fcm.googleapis.com:8443/fcm/send/x', /port/]
		] as const) {
			const response = await register(a.cookie, { endpoint, keys: subscription.keys });
			expect(response.status, endpoint).toBe(400);
			const body = await response.json();
			expect(body.message, endpoint).toMatch(why);
			expect(body.message).toMatch(/^Invalid push subscription: endpoint: /);
		}
		const badKey = await register(a.cookie, {
			endpoint: subscription.endpoint,
			keys: { ...subscription.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') }
		});
		expect(badKey.status).toBe(400);
		expect((await badKey.json()).message).toMatch(/keys\.p256dh: must be an uncompressed P-256 point/);

		expect(
			(await register(a.cookie, { endpoint: subscription.endpoint, keys: subscription.keys })).status
		).toBe(201);
		const other = push.subscribe();
		const takeover = await register(b.cookie, { endpoint: subscription.endpoint, keys: other.keys });
		expect(takeover.status).toBe(409);
		expect((await takeover.json()).message).toMatch(/another phone/);
		expect((await register('', { endpoint: subscription.endpoint, keys: subscription.keys })).status).toBe(
			401
		);
		// A real browser's push service is fine.
		expect(
			(
				await register(b.cookie, {
					endpoint: 'https://fcm.googleapis.com/fcm/send/opstap-test',
					keys: other.keys
				})
			).status
		).toBe(201);
	});

	it('wrong codes from many addresses: after 300 in a quarter of an hour, pairing waits, with Retry-After', async () => {
		const typos = 4; // from the Wi-Fi test above, in this quarter of an hour
		let wrong = 0;
		let refused: Response | undefined;
		for (let n = 0; n < 400 && !refused; n++) {
			// Ten wrong codes per address, far below each address's own limit.
			const response = await post('/pair', { code: String(20_000_000 + n) }, `10.88.${Math.floor(n / 10)}.1`);
			if (response.status === 400) wrong++;
			else if (response.status === 429) refused = response;
			else throw new Error(`unexpected ${response.status}`);
		}
		expect(wrong + typos).toBe(300);
		const wait = Number(refused!.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(900);
		// A participant with a right code, from an address that never tried: waits as well.
		const code = await newCode(phones[0]!.participant);
		const honest = await post('/pair', { code }, '198.51.100.99');
		expect(honest.status).toBe(429);
		expect(honest.headers.get('retry-after')).toBeTruthy();
		const page = await fetch(`${server.origin}/pair`, { headers: { 'x-forwarded-for': '198.51.100.98' } });
		expect(page.status).toBe(200);
	});
});
