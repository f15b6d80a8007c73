import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { devices, pushSubscriptions } from '../db/schema';
import type { ParticipantActor } from '../pairing';

/*
 * Push endpoints cannot point inside. The server connects to whatever endpoint a phone registers, so a paired phone
 * could otherwise make it knock on https://127.0.0.1:9443/internal-admin (and keep retrying). Only the push services
 * browsers use are accepted, over https on port 443, by name; more hosts only by configuration (PUSH_SERVICE_HOSTS,
 * comma-separated: `push.example.nl`, `*.push.example.nl`, or with a port or as an IP literal for tests:
 * `127.0.0.1:8443`, `[::1]:8443`). The worker checks again before sending, so rows stored before this check are
 * dropped instead of sent.
 */
export const BROWSER_PUSH_SERVICES = [
	'fcm.googleapis.com', // Chrome, Edge on Android, Samsung Internet, most Android browsers
	'updates.push.services.mozilla.com', // Firefox (autopush)
	'*.push.services.mozilla.com',
	'*.notify.windows.com', // Edge on Windows (WNS)
	'*.push.apple.com' // Safari, and web apps on the iPhone home screen
];

interface HostRule {
	/** Lower case; an IPv6 literal in brackets, as URL.hostname has it. */
	host: string;
	/** `*.host`: any name under it (not the name itself). */
	wildcard: boolean;
	/** '' for 443, as URL.port has it for https. */
	port: string;
}

export function parsePushServiceHosts(list: string): HostRule[] {
	const rules: HostRule[] = [];
	for (const entry of list.split(/[\s,]+/).filter(Boolean)) {
		const wildcard = entry.startsWith('*.');
		let url: URL;
		try {
			url = new URL(`https://${wildcard ? entry.slice(2) : entry}/`);
		} catch {
			console.warn(`PUSH_SERVICE_HOSTS: ignoring "${entry}" (not a host name)`);
			continue;
		}
		if (wildcard && isIpLiteral(url.hostname)) {
			console.warn(`PUSH_SERVICE_HOSTS: ignoring "${entry}" (a wildcard needs a name)`);
			continue;
		}
		rules.push({ host: url.hostname, wildcard, port: url.port });
	}
	return rules;
}

function isIpLiteral(hostname: string): boolean {
	return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

let configured: { list: string; rules: HostRule[] } | undefined;

/** The browsers' push services plus PUSH_SERVICE_HOSTS (read when used, so a test can set it). */
export function pushServiceRules(): HostRule[] {
	const list = process.env.PUSH_SERVICE_HOSTS ?? '';
	if (configured?.list !== list) {
		configured = { list, rules: parsePushServiceHosts([...BROWSER_PUSH_SERVICES, list].join(',')) };
	}
	return configured.rules;
}

/** Why the server will not send to this endpoint, or null when it will. */
export function pushEndpointProblem(endpoint: string, rules = pushServiceRules()): string | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return 'The endpoint is not a URL.';
	}
	if (url.protocol !== 'https:') return 'The endpoint must be an https address.';
	if (url.username || url.password) return 'The endpoint must not contain a user name or password.';
	const host = url.hostname;
	const allowed = rules.some(
		(rule) => rule.port === url.port && (rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host)
	);
	if (allowed) return null;
	if (isIpLiteral(host)) return 'The endpoint must name a push service, not an IP address.';
	if (url.port && rules.some((rule) => (rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host)))
		return 'The endpoint must use the standard https port (443).';
	return `The endpoint is not at a push service that browsers use (${BROWSER_PUSH_SERVICES.join(', ')}).`;
}

function base64urlBytes(length: number, check: (bytes: Buffer) => boolean, message: string) {
	return z
		.string()
		.max(200)
		.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
		.refine((value) => {
			const bytes = Buffer.from(value, 'base64url');
			return bytes.length === length && check(bytes);
		}, message);
}

/** An uncompressed P-256 point: 0x04, then x and y, and on the curve (else encrypting to it fails at every try). */
function isP256Point(bytes: Buffer): boolean {
	if (bytes[0] !== 4) return false;
	try {
		createPublicKey({
			key: {
				kty: 'EC',
				crv: 'P-256',
				x: bytes.subarray(1, 33).toString('base64url'),
				y: bytes.subarray(33).toString('base64url')
			},
			format: 'jwk'
		});
		return true;
	} catch {
		return false;
	}
}

/** A PushSubscription as the browser's toJSON() gives it, at a push service we send to. */
export const subscriptionBody = z.object({
	endpoint: z
		.string()
		.max(2000)
		.superRefine((endpoint, ctx) => {
			const problem = pushEndpointProblem(endpoint);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		}),
	expirationTime: z.number().nullable().optional(),
	keys: z.strictObject({
		// The phone's public key (RFC 8291): an uncompressed P-256 point, 65 bytes starting with 0x04.
		p256dh: base64urlBytes(
			65,
			isP256Point,
			'must be an uncompressed P-256 point (65 bytes, starting with 0x04)'
		),
		// The authentication secret: 16 bytes.
		auth: base64urlBytes(16, () => true, 'must be 16 bytes')
	})
});
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

export type SaveResult = { ok: true } | { ok: false; reason: 'taken' };

/**
 * Stores or refreshes this phone's subscription. An endpoint already registered by another participant's phone is
 * not taken over (someone who learnt it would get that participant's reminders cut off, or theirs): refused, unless
 * that phone was unpaired. Between phones of the same participant it moves to the one that registered it last.
 */
export async function saveSubscription(
	db: Db,
	participant: ParticipantActor,
	body: SubscriptionBody
): Promise<SaveResult> {
	const values = {
		deviceId: participant.deviceId,
		participantId: participant.id,
		endpoint: body.endpoint,
		p256dh: body.keys.p256dh,
		auth: body.keys.auth
	};
	const saved = await db
		.insert(pushSubscriptions)
		.values(values)
		.onConflictDoUpdate({
			target: pushSubscriptions.endpoint,
			set: values,
			setWhere: or(
				eq(pushSubscriptions.participantId, participant.id),
				sql`exists (select 1 from ${devices} where ${devices.id} = ${pushSubscriptions.deviceId} and ${devices.revokedAt} is not null)`
			)
		})
		.returning({ id: pushSubscriptions.id });
	return saved.length ? { ok: true } : { ok: false, reason: 'taken' };
}

/**
 * The subscriptions the worker may send to: one that no longer passes the endpoint check (stored before it existed,
 * or a host taken out of PUSH_SERVICE_HOSTS) is removed instead of sent to.
 */
export async function sendableSubscriptionsOf(db: Db, participantId: string) {
	const rows = await subscriptionsOf(db, participantId);
	const bad = rows.filter((row) => pushEndpointProblem(row.endpoint) !== null);
	if (bad.length) {
		await db.delete(pushSubscriptions).where(
			inArray(
				pushSubscriptions.id,
				bad.map((row) => row.id)
			)
		);
		console.warn(`push: dropped ${bad.length} subscription(s) not at an accepted push service`);
	}
	return rows.filter((row) => !bad.includes(row));
}

export async function removeSubscription(db: Db, participant: ParticipantActor, endpoint: string) {
	await db
		.delete(pushSubscriptions)
		.where(
			and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.participantId, participant.id))
		);
}

export async function subscriptionsOf(db: Db, participantId: string) {
	return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.participantId, participantId));
}

export async function hasPush(db: Db, participantId: string): Promise<boolean> {
	const [row] = await db
		.select({ n: count() })
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.participantId, participantId));
	return (row?.n ?? 0) > 0;
}

/** Whether this phone (device) has push on. */
export async function deviceHasPush(db: Db, deviceId: string): Promise<boolean> {
	const [row] = await db
		.select({ n: count() })
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.deviceId, deviceId));
	return (row?.n ?? 0) > 0;
}
