/**
 * A bounded, seeded fuzz of the built server over HTTP: every page, endpoint and form action from the route tree,
 * with wrong methods, bad and oversized bodies, odd unicode, malformed ids, forged cookies and cross-site origins,
 * as anonymous, as a paired phone and as logged-in coaches. Used by tests/browser/fuzz.test.ts (2,000 requests)
 * and bench/fuzz.js (10,000). Node runs this file as is (type stripping, so no TypeScript that needs compiling);
 * bench/fuzz.js adds the `.ts` that Vite finds for the relative import of tests/helpers/routes.ts.
 *
 * Reproducible: request i is a pure function of (seed, i) and of what the crawl found, which depends only on the
 * route tree and the demo data (ids differ per database, so a failure is printed in full as well).
 */
import { routeOperations } from '../helpers/routes';

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

class Rand {
	next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	int(n: number) {
		return Math.floor(this.next() * n);
	}
	chance(p: number) {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)]!;
	}
	hex(n: number) {
		let s = '';
		for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
		return s;
	}
	uuid() {
		return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`;
	}
	token(n = 43) {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		let s = '';
		for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
		return s;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The route tree

export interface Route {
	/** e.g. /coach/participants/[id] (groups removed) */
	path: string;
	kind: 'page' | 'endpoint';
	/** HTTP methods it answers; pages: GET, plus POST when it has actions */
	methods: string[];
	/** form action names of a page ("default" for the default action) */
	actions: string[];
}

/** The route tree from tests/helpers/routes.ts (the one the access matrix uses), by URL path. */
export function enumerateRoutes(): Route[] {
	const routes = new Map<string, Route>();
	for (const op of routeOperations()) {
		const path =
			op.routeId
				.split('/')
				.filter((s) => !/^\(.+\)$/.test(s))
				.join('/') || '/';
		const kind = op.kind === 'endpoint' ? 'endpoint' : 'page';
		const key = `${kind} ${path}`;
		const route = routes.get(key) ?? { path, kind, methods: kind === 'page' ? ['GET'] : [], actions: [] };
		routes.set(key, route);
		if (op.kind === 'endpoint') route.methods.push(op.method);
		if (op.kind === 'action') {
			route.actions.push(op.name);
			if (!route.methods.includes('POST')) route.methods.push('POST');
		}
	}
	return [...routes.values()];
}

function templateRegex(template: string) {
	const pattern = template.replace(/\[[^\]]+\]/g, '[^/]+').replace(/\./g, '\\.');
	return new RegExp(`^${pattern === '/' ? '/' : pattern}$`);
}

// ---------------------------------------------------------------------------------------------------------------
// Odd values

const LONE_SURROGATE = '\uD800';
export const ODD_STRINGS: readonly string[] = [
	'',
	' ',
	'0',
	'-1',
	'1e309',
	'NaN',
	'null',
	'true',
	'[]',
	'{}',
	'a\u0000b',
	'\u0000',
	`x${LONE_SURROGATE}y`,
	'\uDC00',
	'\u202Egnp.exe',
	'\u200F\u200E',
	'\uFEFF',
	'e\u0301\u0301\u0301',
	'🙂'.repeat(300),
	'ＡＢＣ１２３',
	'مرحبا',
	'٤٨٢١٠٩٣٧',
	'ሰላም',
	'x'.repeat(20_000),
	'\r\nSet-Cookie: x=y',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'%00',
	'%ED%A0%80',
	'2026-02-30',
	'2026-13-01T25:61',
	'0000-01-01',
	'9999-12-31',
	'2026-99-99',
	'9999-12-31T23:59',
	'2026-W99',
	'-2147483649',
	'99999999999999999999',
	'00000000-0000-0000-0000-000000000000',
	'javascript:alert(1)',
	'https://evil.example/',
	'/coach//evil',
	'@@@@',
	'\t\n'
];

const ODD_SEGMENTS: readonly string[] = [
	'x',
	'0',
	'00000000-0000-0000-0000-000000000000',
	'%00',
	'%ED%A0%80',
	'%E2%80%AE',
	'%F0%9F%92%A5',
	'..',
	'%2e%2e',
	'a'.repeat(3000),
	'null',
	'-1',
	'nl',
	'zz',
	'%20',
	'%25'
];

const LANGUAGES = ['nl', 'en', 'tr', 'ar', 'ti', 'so', 'fa', 'uk', 'pl'];

/** Percent-encodes for a form body or URL; a lone surrogate becomes its (invalid) UTF-8 bytes. */
function encode(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
			const d = value.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				out += encodeURIComponent(value[i]! + value[i + 1]!);
				i++;
				continue;
			}
		}
		if (c >= 0xd800 && c <= 0xdfff) {
			out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
			continue;
		}
		out += encodeURIComponent(value[i]!);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// What the crawl learns

export interface Identity {
	name: string;
	cookie: string;
}

export interface Knowledge {
	routes: Route[];
	/** concrete same-origin paths (with query) found in pages, sorted */
	paths: string[];
	/** field names of forms, by route template */
	fields: Map<string, string[]>;
	/** values seen for a field name (inputs, options) */
	values: Map<string, string[]>;
	uuids: string[];
}

function templateOf(routes: Route[], pathname: string): string | undefined {
	return routes.find((r) => templateRegex(r.path).test(pathname))?.path;
}

function addAll(map: Map<string, Set<string>>, key: string, values: Iterable<string>) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	for (const v of values) set.add(v);
}

/** Visits the pages each identity can reach (breadth first, a few per route), collecting links, fields and ids. */
export async function crawl(
	origin: string,
	identities: Identity[],
	routes: Route[],
	headers: Record<string, string>,
	limitPerIdentity = 40
): Promise<Knowledge> {
	const paths = new Set<string>();
	const fields = new Map<string, Set<string>>();
	const values = new Map<string, Set<string>>();
	const uuids = new Set<string>();
	const seeds = routes.filter((r) => r.kind === 'page' && !r.path.includes('[')).map((r) => r.path);
	for (const identity of identities) {
		const queue = [...seeds];
		const seen = new Set<string>(queue);
		const perTemplate = new Map<string, number>();
		let visited = 0;
		while (queue.length && visited < limitPerIdentity) {
			const path = queue.shift()!;
			const template = templateOf(routes, path.split('?')[0]!) ?? path;
			if ((perTemplate.get(template) ?? 0) >= 3) continue;
			perTemplate.set(template, (perTemplate.get(template) ?? 0) + 1);
			visited++;
			const response = await fetch(origin + path, {
				headers: { ...headers, cookie: identity.cookie, accept: 'text/html' },
				redirect: 'manual'
			});
			const html = await response.text();
			if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('html')) continue;
			paths.add(path);
			for (const m of html.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))
				uuids.add(m[0]);
			const names = [...html.matchAll(/<(?:input|select|textarea|button)\b[^>]*?\sname="([^"]+)"/g)].map(
				(m) => m[1]!
			);
			addAll(fields, template, names);
			for (const m of html.matchAll(/<input\b[^>]*?\sname="([^"]+)"[^>]*?\svalue="([^"]*)"/g))
				addAll(values, m[1]!, [m[2]!]);
			for (const m of html.matchAll(/<select\b[^>]*?\sname="([^"]+)"[\s\S]*?<\/select>/g))
				addAll(
					values,
					m[1]!,
					[...m[0].matchAll(/<option\b[^>]*?value="([^"]*)"/g)].map((o) => o[1]!)
				);
			for (const m of html.matchAll(/\shref="(\/[^"#]*)"/g)) {
				const link = m[1]!.replace(/&amp;/g, '&');
				if (/^\/(_app|fonts|pictograms|icons|themes)\//.test(link) || link.startsWith('//')) continue;
				if (!seen.has(link)) {
					seen.add(link);
					queue.push(link);
				}
			}
		}
	}
	const sorted = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, [...v].sort()]));
	return {
		routes,
		paths: [...paths].sort(),
		fields: sorted(fields),
		values: sorted(values),
		uuids: [...uuids].sort()
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
	index: number;
	identity: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Uint8Array<ArrayBuffer>;
	/** what the body is, for the report */
	bodyKind: string;
	/** a form post from another site: SvelteKit's CSRF check must refuse it with 403 */
	crossSiteForm: boolean;
}

const WRONG_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const FIELD_GUESSES = [
	'id',
	'code',
	'email',
	'password',
	'text',
	'value',
	'date',
	'time',
	'note',
	'lang',
	'answer'
];

function fillPath(rand: Rand, template: string, knowledge: Knowledge): string {
	return template.replace(/\[([^\]]+)\]/g, (_, name: string) => {
		const roll = rand.next();
		if (name === 'lang' && roll < 0.6) return rand.pick(LANGUAGES);
		if (roll < 0.45 && knowledge.uuids.length) return rand.pick(knowledge.uuids);
		if (roll < 0.65) return rand.uuid();
		if (roll < 0.7) return rand.uuid().toUpperCase();
		if (roll < 0.75) return rand.uuid() + 'x';
		return rand.pick(ODD_SEGMENTS);
	});
}

function oddValue(rand: Rand, name: string, knowledge: Knowledge): string {
	// Not the demo coaches' addresses: failed logins with them would lock the fuzz's own coaches out.
	const known = knowledge.values.get(name)?.filter((v) => !COACHES.some(([, email]) => v === email));
	const roll = rand.next();
	if (known?.length && roll < 0.45) return rand.pick(known);
	if (roll < 0.55 && knowledge.uuids.length) return rand.pick(knowledge.uuids);
	if (roll < 0.65) return String(rand.int(100_000) - 50);
	if (roll < 0.7)
		return `2026-${String(1 + rand.int(12)).padStart(2, '0')}-${String(1 + rand.int(31)).padStart(2, '0')}`;
	return rand.pick(ODD_STRINGS);
}

function formFields(rand: Rand, template: string | undefined, knowledge: Knowledge): [string, string][] {
	const names = (template && knowledge.fields.get(template)) || [];
	const chosen = names.filter(() => rand.chance(0.85));
	if (rand.chance(0.2)) chosen.push(rand.pick(FIELD_GUESSES));
	if (rand.chance(0.1) && chosen.length) chosen.push(rand.pick(chosen)); // a field twice
	return chosen.map((name) => [name, oddValue(rand, name, knowledge)]);
}

function jsonValue(rand: Rand, depth: number, knowledge: Knowledge): unknown {
	const roll = rand.next();
	if (depth > 3 || roll < 0.3) return rand.pick(ODD_STRINGS);
	if (roll < 0.4) return rand.pick([0, -1, 1.5, 1e308, null, true, false, Number.MAX_SAFE_INTEGER + 2]);
	if (roll < 0.5 && knowledge.uuids.length) return rand.pick(knowledge.uuids);
	if (roll < 0.7) return Array.from({ length: rand.int(4) }, () => jsonValue(rand, depth + 1, knowledge));
	const keys = [
		'entries',
		'kind',
		'id',
		'clientId',
		'payload',
		'endpoint',
		'keys',
		'p256dh',
		'auth',
		'value',
		'at'
	];
	return Object.fromEntries(
		Array.from({ length: 1 + rand.int(4) }, () => [rand.pick(keys), jsonValue(rand, depth + 1, knowledge)])
	);
}

/** Bodies shaped like what the API endpoints expect, with odd parts. */
function apiJson(rand: Rand, knowledge: Knowledge): unknown {
	const kinds = ['answer', 'submit', 'appointmentReply', 'activityRequest', 'message', 'read', rand.token(6)];
	if (rand.chance(0.5)) {
		return {
			entries: Array.from({ length: rand.int(5) }, () => ({
				kind: rand.pick(kinds),
				id: rand.chance(0.5) ? rand.uuid() : jsonValue(rand, 2, knowledge),
				clientId: rand.uuid(),
				at: rand.chance(0.5)
					? new Date(1_780_000_000_000 + rand.int(1e10)).toISOString()
					: rand.pick(ODD_STRINGS),
				assignmentId: knowledge.uuids.length ? rand.pick(knowledge.uuids) : rand.uuid(),
				appointmentId: knowledge.uuids.length ? rand.pick(knowledge.uuids) : rand.uuid(),
				activityId: knowledge.uuids.length ? rand.pick(knowledge.uuids) : rand.uuid(),
				questionId: rand.pick(['q1', 'health', 'ladder', rand.token(5)]),
				value: jsonValue(rand, 2, knowledge),
				text: rand.pick(ODD_STRINGS),
				...(rand.chance(0.3) ? (jsonValue(rand, 2, knowledge) as object) : {})
			}))
		};
	}
	return {
		endpoint: rand.pick(['https://push.example/abc', 'http://push.example/x', rand.pick(ODD_STRINGS)]),
		expirationTime: rand.pick([null, 0, -1, 'soon', 1e308]),
		keys: { p256dh: rand.token(rand.pick([87, 88, 10])), auth: rand.token(rand.pick([22, 21, 0])) }
	};
}

function multipart(rand: Rand, fields: [string, string][]): { body: Uint8Array<ArrayBuffer>; type: string } {
	const boundary = `----fuzz${rand.token(16)}`;
	const parts: Buffer[] = [];
	for (const [name, value] of fields) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
		);
	}
	if (rand.chance(0.6)) {
		const name = rand.pick(['photo', 'file', 'clip', 'audio', 'csv', 'ics', fields[0]?.[0] ?? 'file']);
		const filename = rand.pick([
			'a.png',
			'x.jpg',
			'\u202Egnp.exe',
			'../../x.csv',
			'clip.webm',
			'feed.ics',
			''
		]);
		const header = rand.pick([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
			Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
			Buffer.from('id;category;title;start\n1;sport;"x;2026-01-01\n'),
			Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20269999T999999\r\nEND:VEVENT\r\n'),
			Buffer.alloc(0)
		]);
		const random = Buffer.from(Array.from({ length: rand.int(4000) }, () => rand.int(256)));
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${rand.pick(['image/png', 'image/jpeg', 'audio/webm', 'text/csv', 'application/octet-stream'])}\r\n\r\n`
			),
			header,
			random,
			Buffer.from('\r\n')
		);
	}
	if (!rand.chance(0.05)) parts.push(Buffer.from(`--${boundary}--\r\n`)); // sometimes truncated
	return { body: new Uint8Array(Buffer.concat(parts)), type: `multipart/form-data; boundary=${boundary}` };
}

/** Request `index` of a run with `seed`: the same seed, index and knowledge give the same request. */
export function makeRequest(
	seed: number,
	index: number,
	knowledge: Knowledge,
	identities: Identity[],
	origin: string
): FuzzRequest {
	const rand = new Rand((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
	const spare = identities.find((i) => i.name === SPARE);
	let identity = rand.pick(identities.filter((i) => i !== spare));
	const routes = knowledge.routes;

	// Where: a path found by the crawl, or a route from the tree with made-up parameters.
	let path: string;
	if (knowledge.paths.length && rand.chance(0.45)) path = rand.pick(knowledge.paths);
	else path = fillPath(rand, rand.pick(routes).path, knowledge);
	const pathname = path.split('?')[0]!;
	// Logging out uses a session of its own, so the identities the other requests carry stay logged in.
	if (pathname === '/coach/logout' && spare && identity.cookie.includes('opstap_coach=')) identity = spare;
	const template = templateOf(routes, pathname);
	const route = routes.filter((r) => r.path === template);
	const page = route.find((r) => r.kind === 'page');
	const endpoint = route.find((r) => r.kind === 'endpoint');

	// How.
	let method: string;
	let action: string | undefined;
	if (page?.actions.length && rand.chance(0.6)) {
		method = 'POST';
		action = rand.chance(0.88)
			? rand.pick(page.actions)
			: rand.pick(['', 'nope', 'default', encode(rand.pick(ODD_STRINGS))]);
	} else if (endpoint && rand.chance(0.75)) {
		method = rand.pick(endpoint.methods);
	} else if (rand.chance(0.6)) {
		method = rand.chance(0.85) ? 'GET' : 'HEAD';
	} else {
		method = rand.pick(WRONG_METHODS);
	}
	if (action !== undefined && action !== 'default') {
		path += `${path.includes('?') ? '&' : '?'}/${action}`;
	}
	if (rand.chance(0.12)) {
		const key = rand.pick([
			'next',
			'code',
			'week',
			'lang',
			'filter',
			'category',
			'page',
			'q',
			'from',
			'paired'
		]);
		path += `${path.includes('?') ? '&' : '?'}${key}=${encode(rand.pick(ODD_STRINGS).slice(0, 3000))}`;
	}

	// Who, from where.
	const headers: Record<string, string> = {
		// A different address per request, so the fuzz does not lock itself out through the rate limits.
		'x-forwarded-for': `10.${rand.int(256)}.${rand.int(256)}.${1 + rand.int(254)}`,
		'user-agent': rand.pick(['fuzz', 'Mozilla/5.0 (Linux; Android 10)', 'x'.repeat(3000), ''])
	};
	let cookie = identity.cookie;
	if (rand.chance(0.08)) cookie += `; opstap_lang=${rand.pick([...LANGUAGES, 'xx', '%00', 'a'.repeat(500)])}`;
	if (rand.chance(0.04))
		cookie += `; ${rand.pick(['opstap_coach', 'opstap_device'])}=${rand.token(rand.pick([43, 5, 300]))}`;
	if (cookie) headers.cookie = cookie;
	const accept = rand.pick(['text/html', 'application/json', '*/*', '']);
	if (accept) headers.accept = accept;
	if (rand.chance(0.05)) headers['x-sveltekit-action'] = 'true';

	let body: Uint8Array<ArrayBuffer> | undefined;
	let bodyKind = 'none';
	let type: string | undefined;
	if (method !== 'GET' && method !== 'HEAD') {
		const roll = rand.next();
		if (roll < 0.45) {
			const fields = formFields(rand, template, knowledge);
			body = new TextEncoder().encode(fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
			type = 'application/x-www-form-urlencoded';
			bodyKind = `form ${fields.map(([k, v]) => `${k}=${JSON.stringify(v.slice(0, 40))}`).join(' ')}`;
		} else if (roll < 0.62) {
			const fields = formFields(rand, template, knowledge);
			({ body, type } = multipart(rand, fields));
			bodyKind = `multipart ${fields.map(([k]) => k).join(',')} (${body.length} bytes)`;
		} else if (roll < 0.8) {
			const value = endpoint || rand.chance(0.3) ? apiJson(rand, knowledge) : jsonValue(rand, 0, knowledge);
			const text = JSON.stringify(value);
			body = new TextEncoder().encode(text);
			type = rand.chance(0.9) ? 'application/json' : 'text/plain';
			bodyKind = `json ${text.slice(0, 300)}`;
		} else if (roll < 0.87) {
			const text = rand.pick(['{"entries":', '{', '[1,2', 'null', '"\\ud800"', '{"a":"\\u0000"}', 'a=b&c']);
			body = new TextEncoder().encode(text);
			type = rand.pick([
				'application/json',
				'text/plain',
				'application/x-www-form-urlencoded',
				'application/xml'
			]);
			bodyKind = `raw ${JSON.stringify(text)}`;
		} else if (roll < 0.91) {
			const size = 2 * 1024 * 1024;
			if (rand.chance(0.5)) {
				body = new TextEncoder().encode(`text=${'a'.repeat(size)}`);
				type = 'application/x-www-form-urlencoded';
			} else {
				body = new TextEncoder().encode(
					JSON.stringify({ entries: [{ kind: 'answer', value: 'a'.repeat(size) }] })
				);
				type = 'application/json';
			}
			bodyKind = `oversized ${type} (${body.length} bytes)`;
		} else {
			bodyKind = 'empty';
			if (rand.chance(0.5)) type = rand.pick(FORM_TYPES);
		}
	}
	if (type) headers['content-type'] = type;

	let crossSite = false;
	if (method !== 'GET' && method !== 'HEAD') {
		const roll = rand.next();
		if (roll < 0.75) headers.origin = origin;
		else if (roll < 0.88) {
			headers.origin = rand.pick([
				'https://evil.example',
				'null',
				origin.replace('127.0.0.1', 'localhost'),
				`${origin}.evil.example`
			]);
			crossSite = true;
		}
	}
	const formType = !!type && FORM_TYPES.some((t) => type!.startsWith(t));
	const crossSiteForm =
		crossSite &&
		formType &&
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) &&
		bodyKind !== 'empty' &&
		!bodyKind.startsWith('oversized');

	return { index, identity: identity.name, method, path, headers, body, bodyKind, crossSiteForm };
}

export function describeRequest(r: FuzzRequest): string {
	const headers = Object.entries(r.headers)
		.map(([k, v]) => `${k}: ${v.length > 120 ? `${v.slice(0, 120)}… (${v.length})` : v}`)
		.join('\n    ');
	return `#${r.index} as ${r.identity}: ${r.method} ${r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path}\n    ${headers}\n    body: ${r.bodyKind.slice(0, 600)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Identities and the run

// The keeper's own addresses: a new one per login or pairing (logins count per address, also the good ones).
let keeperAddresses = 0;
const keeperAddress = () => `127.1.${(++keeperAddresses >> 8) & 255}.${keeperAddresses & 255}`;

async function loginCoach(origin: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${origin}/coach/login`, {
		method: 'POST',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': keeperAddress()
		},
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('opstap_coach='));
	if (!cookie) throw new Error(`login of ${email} failed: ${response.status}`);
	return cookie.split(';')[0]!;
}

async function pairPhone(origin: string, code: string): Promise<string> {
	const response = await fetch(`${origin}/pair`, {
		method: 'POST',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': keeperAddress()
		},
		body: new URLSearchParams({ code }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('opstap_device='));
	if (!cookie) throw new Error(`pairing with ${code} failed: ${response.status}`);
	return cookie.split(';')[0]!;
}

/** A new participant in Lotte's caseload with a phone paired to it (when the fuzz unpaired the last one). */
async function newPairedPhone(origin: string, coachCookie: string): Promise<string> {
	const response = await fetch(`${origin}/coach/participants/new`, {
		method: 'POST',
		headers: {
			origin,
			accept: 'application/json',
			cookie: coachCookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': keeperAddress()
		},
		body: new URLSearchParams({ displayName: 'Fuzz', preferredLanguage: 'ar' })
	});
	// The action's data comes devalue-encoded inside the JSON: the formatted code is a string "1234 5678".
	const code = (await response.text()).match(/\\?"(\d{4}) (\d{4})\\?"/);
	if (!code) throw new Error(`no pairing code for a new participant: ${response.status}`);
	return pairPhone(origin, code[1]! + code[2]!);
}

const DEMO_PASSWORD = 'opstap-demo-2026';
const SPARE = 'coach (a session of its own, for /coach/logout)';
const COACHES = [
	['coach', 'lotte@demo.opstap.nl'],
	['team lead', 'karim@demo.opstap.nl'],
	['translator', 'tesfay@demo.opstap.nl'],
	['admin', 'beheer@demo.opstap.nl']
] as const;

export interface FuzzResult {
	seed: number;
	count: number;
	byStatus: Record<string, number>;
	/** responses ≥ 500, network errors, and cross-site form posts that were not refused with 403 */
	failures: string[];
	/** responses without X-Content-Type-Options: nosniff */
	withoutNosniff: string[];
	ms: number;
}

/**
 * Runs `count` requests against a built server started with ADDRESS_HEADER=x-forwarded-for (each request comes from
 * its own address, so the rate limits do not lock the fuzz out). `code` is the demo pairing code it printed.
 */
export async function runFuzz(options: {
	origin: string;
	code: string;
	count: number;
	seed: number;
	concurrency?: number;
	log?: (line: string) => void;
}): Promise<FuzzResult> {
	const { origin, count, seed } = options;
	const log = options.log ?? (() => {});
	const started = Date.now();
	const keeperHeaders = { 'x-forwarded-for': '127.0.0.9' };

	// Logged-in coaches, a paired phone, forged and anonymous visitors.
	const coachCookies = new Map<string, string>();
	for (const [name, email] of COACHES) coachCookies.set(name, await loginCoach(origin, email, DEMO_PASSWORD));
	let phoneCookie = await pairPhone(origin, options.code.replace(/\s/g, ''));
	const forged = new Rand(seed);
	let spareCookie = '';
	const identities = (): Identity[] => [
		{ name: SPARE, cookie: spareCookie },
		{ name: 'anonymous', cookie: '' },
		{ name: 'phone', cookie: phoneCookie },
		{ name: 'phone', cookie: phoneCookie },
		...[...coachCookies].map(([name, cookie]) => ({ name, cookie })),
		{ name: 'coach', cookie: coachCookies.get('coach')! },
		{ name: 'forged coach cookie', cookie: `opstap_coach=${forged.token()}` },
		{ name: 'forged device cookie', cookie: `opstap_device=${forged.token()}` },
		{ name: 'phone and coach', cookie: `${phoneCookie}; ${coachCookies.get('coach')}` }
	];

	const routes = enumerateRoutes();
	const knowledge = await crawl(origin, identities(), routes, keeperHeaders);
	log(
		`fuzz: ${routes.length} routes (${routes.reduce((n, r) => n + r.actions.length, 0)} form actions), crawl found ${knowledge.paths.length} paths, ${knowledge.uuids.length} ids, fields on ${knowledge.fields.size} routes`
	);

	// Keeps the identities alive: the fuzz may log a coach out or unpair the phone.
	async function keep() {
		for (const [name, email] of COACHES) {
			const r = await fetch(`${origin}/coach`, {
				headers: { ...keeperHeaders, cookie: coachCookies.get(name)!, accept: 'text/html' },
				redirect: 'manual'
			});
			await r.arrayBuffer();
			// Translators and admins are sent on to their own area; only a way back to the login means logged out.
			// A failed login (the fuzz may have set off the account's rate limit) leaves the stale cookie in use.
			if ((r.headers.get('location') ?? '').startsWith('/coach/login'))
				await loginCoach(origin, email, DEMO_PASSWORD).then(
					(cookie) => coachCookies.set(name, cookie),
					(e: Error) => log(`fuzz: ${e.message}`)
				);
		}
		spareCookie = await loginCoach(origin, COACHES[0][1], DEMO_PASSWORD).catch(() => spareCookie);
		const r = await fetch(`${origin}/my-coach`, {
			headers: { ...keeperHeaders, cookie: phoneCookie, accept: 'text/html' },
			redirect: 'manual'
		});
		await r.arrayBuffer();
		if (r.status !== 200)
			await newPairedPhone(origin, coachCookies.get('coach')!).then(
				(cookie) => (phoneCookie = cookie),
				(e: Error) => log(`fuzz: ${e.message}`)
			);
	}

	const byStatus: Record<string, number> = {};
	const failures: string[] = [];
	const withoutNosniff: string[] = [];
	const concurrency = options.concurrency ?? 4;
	const batch = 100;
	for (let start = 0; start < count; start += batch) {
		await keep();
		const current = identities();
		const indexes = Array.from({ length: Math.min(batch, count - start) }, (_, i) => start + i);
		const worker = async () => {
			for (let index = indexes.shift(); index !== undefined; index = indexes.shift()) {
				const request = makeRequest(seed, index, knowledge, current, origin);
				let status: string;
				let text: string;
				const send = () =>
					fetch(origin + request.path, {
						method: request.method,
						headers: request.headers,
						body: request.body,
						redirect: 'manual',
						signal: AbortSignal.timeout(30_000)
					});
				try {
					// A kept-alive connection the server has just closed fails once; a crashed server fails again.
					const response = await send().catch((e: Error & { cause?: Error }) => {
						if (!/closed|reset|socket/i.test(`${e.message} ${e.cause?.message}`)) throw e;
						byStatus['retried (connection closed)'] = (byStatus['retried (connection closed)'] ?? 0) + 1;
						return send();
					});
					status = String(response.status);
					text = await response.text().catch((e: Error) => `(body: ${e.message})`);
					// 431 (headers too large) comes from Node's HTTP parser before any of our code runs.
					if (response.headers.get('x-content-type-options') !== 'nosniff' && response.status !== 431)
						withoutNosniff.push(`${response.status} for ${describeRequest(request)}`);
					if (response.status >= 500) {
						failures.push(
							`${response.status} for ${describeRequest(request)}\n    answer: ${text.slice(0, 300)}`
						);
					} else if (request.crossSiteForm && ![403, 413, 431].includes(response.status)) {
						// (413 and 431: refused for size before the origin is looked at.)
						failures.push(`cross-site form post answered ${response.status}: ${describeRequest(request)}`);
					}
				} catch (e) {
					// The server may close the connection on an oversized body before reading it.
					status = request.bodyKind.startsWith('oversized') ? 'closed (oversized)' : 'network error';
					if (status === 'network error')
						failures.push(
							`network error (${(e as Error).message}: ${(e as Error & { cause?: Error }).cause?.message}) for ${describeRequest(request)}`
						);
				}
				byStatus[status] = (byStatus[status] ?? 0) + 1;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
	}
	return { seed, count, byStatus, failures, withoutNosniff, ms: Date.now() - started };
}

/** The failures by kind: method, route, action and who asked, with the number of each and one example. */
export function failureKinds(result: FuzzResult): string[] {
	const kinds = new Map<string, { n: number; example: string }>();
	for (const failure of result.failures) {
		const m = failure.match(/^(.*?)(?: for)? #\d+ as ([^:]+): (\S+) (\S+)/);
		const path = (m?.[4] ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '[id]').replace(/[?&](?!\/)[^&]*/g, '');
		const key = m ? `${m[1]} ${m[3]} ${path} as ${m[2]}` : failure.slice(0, 80);
		const kind = kinds.get(key) ?? { n: 0, example: failure };
		kind.n++;
		kinds.set(key, kind);
	}
	return [...kinds]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, { n, example }]) => `${n}× ${key}\n  e.g. ${example}`);
}

export function summary(result: FuzzResult): string {
	const statuses = Object.entries(result.byStatus)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([status, n]) => `${status}: ${n}`)
		.join(', ');
	return `fuzz seed ${result.seed}: ${result.count} requests in ${(result.ms / 1000).toFixed(1)} s; by status ${statuses}; ${result.failures.length} failures`;
}
