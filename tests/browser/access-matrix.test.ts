// The authorization matrix: every page (and its __data.json), form action and endpoint of the route tree, as each of
// eight people, against one table of who may. Generated from src/routes, so a new route or action without a row in
// EXPECTED fails here. Runs over HTTP against the built server (tests/helpers/server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type RunningServer } from '../helpers/server';
import { WALK_ENGINES, freshPostgresUrl } from '../helpers/db';
import { IDENTITIES, makeWorld, type Identity, type Sent, type World } from '../helpers/identities';
import { operationKey, pathOf, routeOperations, type RouteOperation } from '../helpers/routes';

const PHONES: Identity[] = ['participantA', 'participantB'];
const CASELOAD: Identity[] = ['coachA', 'otherTeamCoach', 'teamLead'];
const CATALOGUE: Identity[] = [...CASELOAD, 'admin'];
const STAFF: Identity[] = [...CASELOAD, 'translator', 'admin'];
const EVERYONE: Identity[] = [...IDENTITIES];
const ADMIN: Identity[] = ['admin'];
/** Only a role none of the eight has (the privacy officer: tests/browser/consent.test.ts). */
const NOBODY: Identity[] = [];

/** Who may, per operation. Anyone else gets a redirect to the door (pages) or 401, or 403 when logged in. */
const EXPECTED: Record<string, Identity[]> = {
	'GET /(participant)': EVERYONE,
	'GET /(participant)/about': EVERYONE,
	'GET /(participant)/help': EVERYONE,
	'GET /(participant)/kit': EVERYONE,
	'GET /(participant)/settings': EVERYONE,
	'GET /(participant)/language': EVERYONE,
	'POST /(participant)/language': EVERYONE,
	'GET /(participant)/pair': EVERYONE,
	'POST /(participant)/pair': EVERYONE,
	'GET /(participant)/activities': PHONES,
	'POST /(participant)/activities?/postcode': PHONES,
	'GET /(participant)/activities/[id]': PHONES,
	'POST /(participant)/activities/[id]?/request': PHONES,
	'GET /(participant)/activities/[id]/calendar.ics': PHONES,
	'GET /(participant)/activities/photo/[id]': [...PHONES, ...STAFF],
	'GET /(participant)/appointments': PHONES,
	'GET /(participant)/appointments/[id]': PHONES,
	'POST /(participant)/appointments/[id]?/reply': PHONES,
	'GET /(participant)/appointments/[id]/calendar.ics': PHONES,
	'GET /(participant)/appointments/reminders': PHONES,
	'GET /(participant)/checkin/[id]': PHONES,
	'POST /(participant)/checkin/[id]?/answer': PHONES,
	'GET /(participant)/plan': PHONES,
	'POST /(participant)/plan?/tick': PHONES,
	'GET /(participant)/my-coach': PHONES,
	'GET /(participant)/my-coach/photo': PHONES,
	'GET /(participant)/my-coach/messages': PHONES,
	'POST /(participant)/my-coach/messages?/send': PHONES,
	'GET /(participant)/my-coach/messages/download': PHONES,
	'GET /(participant)/questions': PHONES,
	'GET /(participant)/consent': PHONES,
	'POST /(participant)/consent?/choose': PHONES,
	'GET /(participant)/settings/privacy': PHONES,
	'GET /(participant)/settings/my-data': PHONES,
	'GET /(participant)/settings/my-data/download': PHONES,
	'GET /(participant)/questions/[assignment]/[module]': PHONES,
	'POST /(participant)/questions/[assignment]/[module]?/answer': PHONES,
	'POST /(participant)/questions/[assignment]/[module]?/submit': PHONES,
	'GET /voice/[lang]/[key]': EVERYONE,
	'GET /voice/tts/[lang]/[key]': EVERYONE,
	'GET /voice/say/[lang]': [...PHONES, ...STAFF],
	'POST /api/sync': PHONES,
	'GET /api/attachments/[id]': PHONES,
	'PUT /api/attachments/[id]': PHONES,
	'POST /api/push/subscription': PHONES,
	'DELETE /api/push/subscription': PHONES,

	'GET /coach/login': EVERYONE,
	'POST /coach/login': EVERYONE,
	'GET /coach/password/[token]': EVERYONE,
	'POST /coach/password/[token]': EVERYONE,
	'GET /coach/staff': ADMIN,
	'POST /coach/staff?/add': ADMIN,
	'POST /coach/staff?/change': ADMIN,
	'POST /coach/staff?/deactivate': ADMIN,
	'POST /coach/staff?/reactivate': ADMIN,
	'POST /coach/staff?/link': ADMIN,
	'POST /coach/logout': EVERYONE,
	'GET /coach': STAFF,
	'GET /coach/audit': NOBODY,
	'GET /coach/letters': CASELOAD,
	'POST /coach/letters?/print': CASELOAD,
	'GET /coach/audit/export.csv': NOBODY,
	'GET /coach/account': STAFF,
	'POST /coach/account': STAFF,
	'GET /coach/account/messages': STAFF,
	'POST /coach/account/messages?/save': STAFF,
	'POST /coach/account/messages?/photo': STAFF,
	'GET /coach/participants/new': CASELOAD,
	'POST /coach/participants/new': CASELOAD,
	'GET /coach/participants/[id]': CASELOAD,
	'POST /coach/participants/[id]?/assign': CASELOAD,
	'POST /coach/participants/[id]?/coachItems': CASELOAD,
	'POST /coach/participants/[id]?/rung': CASELOAD,
	'POST /coach/participants/[id]?/newCode': CASELOAD,
	'POST /coach/participants/[id]?/unpair': CASELOAD,
	'POST /coach/participants/[id]?/note': CASELOAD,
	'POST /coach/participants/[id]?/followUpDone': CASELOAD,
	'POST /coach/participants/[id]?/status': CASELOAD,
	'POST /coach/participants/[id]?/talked': CASELOAD,
	'POST /coach/participants/[id]?/goal': CASELOAD,
	'POST /coach/participants/[id]?/step': CASELOAD,
	'POST /coach/participants/[id]?/stepDone': CASELOAD,
	'POST /coach/participants/[id]?/closeGoal': CASELOAD,
	'POST /coach/participants/[id]?/handover': CASELOAD,
	'POST /coach/participants/[id]?/close': CASELOAD,
	'POST /coach/participants/[id]?/aftercareDone': CASELOAD,
	'POST /coach/participants/[id]?/finishAftercare': CASELOAD,
	'POST /coach/participants/[id]?/reopen': CASELOAD,
	'GET /coach/participants/[id]/record': CASELOAD,
	'GET /coach/participants/[id]/messages': CASELOAD,
	'POST /coach/participants/[id]/messages?/reply': CASELOAD,
	'POST /coach/participants/[id]/messages?/quick': CASELOAD,
	'POST /coach/participants/[id]/messages?/voice': CASELOAD,
	'POST /coach/participants/[id]/messages?/trajectory': CASELOAD,
	'GET /coach/participants/[id]/appointments/new': CASELOAD,
	'POST /coach/participants/[id]/appointments/new': CASELOAD,
	'GET /coach/participants/[id]/checkins': CASELOAD,
	'POST /coach/participants/[id]/checkins?/schedule': CASELOAD,
	'POST /coach/participants/[id]/checkins?/stop': CASELOAD,
	'GET /coach/checkins': CASELOAD,
	'POST /coach/checkins?/plan': CASELOAD,
	'POST /coach/checkins?/stop': CASELOAD,
	'GET /coach/indicators': ['teamLead'],
	'GET /coach/indicators/export.csv': ['teamLead'],
	'GET /coach/appointments': CASELOAD,
	'POST /coach/appointments?/attendance': CASELOAD,
	'GET /coach/appointments/[id]': CASELOAD,
	'POST /coach/appointments/[id]?/update': CASELOAD,
	'POST /coach/appointments/[id]?/cancel': CASELOAD,
	'POST /coach/appointments/[id]?/remindNow': CASELOAD,
	'POST /coach/appointments/[id]?/attendance': CASELOAD,
	'GET /coach/messages': CASELOAD,
	'GET /coach/messages/updates': CASELOAD,
	'GET /coach/attachments/[id]': CASELOAD,
	'GET /coach/export.csv': CASELOAD,
	'GET /coach/questionnaires/[id]/research.zip': CASELOAD,
	'GET /coach/caseload.csv': CASELOAD,
	'GET /coach/activities': CATALOGUE,
	'POST /coach/activities?/close': CATALOGUE,
	'POST /coach/activities?/open': CATALOGUE,
	'POST /coach/activities?/delete': CATALOGUE,
	'GET /coach/activities/[id]': CATALOGUE,
	'POST /coach/activities/[id]?/save': CATALOGUE,
	'POST /coach/activities/[id]?/photo': CATALOGUE,
	'POST /coach/activities/[id]?/removePhoto': CATALOGUE,
	'POST /coach/activities/[id]?/delete': CATALOGUE,
	'GET /coach/activities/import': CATALOGUE,
	'POST /coach/activities/import?/check': CATALOGUE,
	'POST /coach/activities/import?/apply': CATALOGUE,
	'POST /coach/activities/import?/centroids': CATALOGUE,
	'GET /coach/activities/export.csv': CATALOGUE,
	'GET /coach/activities/export.jsonld': CATALOGUE,
	'GET /coach/activities/interest': CASELOAD,
	'POST /coach/activities/interest?/handled': CASELOAD,
	'GET /coach/questionnaires/group': CASELOAD,
	'POST /coach/questionnaires/group': CASELOAD,
	'GET /coach/questionnaires': ADMIN,
	'POST /coach/questionnaires': ADMIN,
	'GET /coach/municipality': ADMIN,
	'POST /coach/municipality?/save': ADMIN,
	'POST /coach/municipality?/retention': ADMIN,
	'GET /coach/privacy': ADMIN,
	'POST /coach/privacy?/request': ADMIN,
	'POST /coach/privacy?/confirm': ADMIN,
	'POST /coach/privacy?/cancel': ADMIN,
	'GET /coach/voice': STAFF,
	'GET /coach/voice/[lang]': STAFF,
	'POST /coach/voice/[lang]?/upload': STAFF,
	'POST /coach/voice/[lang]?/delete': STAFF,
	'POST /coach/voice/[lang]?/importPack': STAFF,
	'GET /coach/voice/[lang]/pack.zip': STAFF,
	'GET /coach/voice/[lang]/activities': STAFF,
	'POST /coach/voice/[lang]/activities?/save': STAFF,
	'POST /coach/voice/[lang]/activities?/upload': STAFF,
	'POST /coach/voice/[lang]/activities?/delete': STAFF,
	'GET /coach/voice/[lang]/next': STAFF,
	'POST /coach/voice/[lang]/next?/upload': STAFF
};

/** Operations that end the identity's session: run last, and log in again after. */
const ENDS_SESSION = new Set(['POST /coach/logout']);
/** Operations that would change the data the others rely on, sent with a body that cannot do so. */
const HARMLESS_FORM: Record<string, Record<string, string>> = {
	// A textKey that has no clip: a wrongly allowed delete would show as 200 with nothing deleted.
	'POST /coach/voice/[lang]?/delete': { textKey: 'no.such.text' },
	// An activity that does not exist: a wrongly allowed delete would show as 404 with nothing deleted.
	'POST /coach/voice/[lang]/activities?/delete': { textKey: 'activity:00000000-0000-4000-8000-000000000000' }
};

interface Request {
	key: string;
	label: string;
	method: string;
	path: string;
	data: boolean;
	page: boolean;
	coachArea: boolean;
}

function requestsFor(op: RouteOperation, world: World): Request[] {
	const key = operationKey(op);
	const params: Record<string, string> = {
		id: op.routeId.includes('appointments/[id]')
			? world.ids.appointmentA
			: op.routeId.includes('activities')
				? world.ids.activity
				: op.routeId.includes('participants/[id]')
					? world.ids.participantA
					: op.routeId.includes('questionnaires/[id]')
						? 'intake'
						: crypto.randomUUID(),
		lang: 'nl',
		key: 'language.self',
		assignment: crypto.randomUUID(),
		module: 'background',
		token: 'no-such-link'
	};
	const path = pathOf(op.routeId, params);
	const coachArea = op.routeId === '/coach' || op.routeId.startsWith('/coach/');
	if (op.kind === 'page') {
		const data = `${path === '/' ? '' : path}/__data.json?x-sveltekit-invalidated=001`;
		return [
			{ key, label: key, method: 'GET', path, data: false, page: true, coachArea },
			{ key, label: `${key} (__data.json)`, method: 'GET', path: data, data: true, page: false, coachArea }
		];
	}
	if (op.kind === 'endpoint')
		return [{ key, label: key, method: op.method, path, data: false, page: false, coachArea }];
	const action = op.name === 'default' ? path : `${path}?/${op.name}`;
	return [{ key, label: key, method: 'POST', path: action, data: false, page: false, coachArea }];
}

/** What a person who may not do this must get. */
function refusedAsExpected(request: Request, identity: Identity, sent: Sent): boolean {
	const staff = STAFF.includes(identity);
	const phone = PHONES.includes(identity);
	// In the workspace a phone is nobody; on a phone's route a coach is nobody (they have no paired phone).
	const known = request.coachArea ? staff : phone;
	if (known) return sent.status === 403;
	if (request.page)
		return (
			sent.status === 303 &&
			(request.coachArea
				? !!sent.location?.startsWith('/coach/login')
				: /^\/(\?unpaired=1)?$/.test(sent.location ?? ''))
		);
	return sent.status === 401;
}

// On one engine (PostgreSQL when it answers): who may do what is decided before any query, and the database tests
// run every query of the areas on both engines.
describe.each(WALK_ENGINES)('authorization matrix: every operation as every identity, on %s', (engine) => {
	let server: RunningServer;
	let world: World;
	let postgres: Awaited<ReturnType<typeof freshPostgresUrl>> | undefined;
	const operations = routeOperations();

	beforeAll(async () => {
		postgres = engine === 'postgres' ? await freshPostgresUrl() : undefined;
		const env: Record<string, string> = postgres ? { DATABASE_URL: postgres.url, DEMO_DATA: '1' } : {};
		server = await startBuiltServer(env);
		world = await makeWorld(server, env);
	});
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
		await postgres?.drop();
	});

	it('every route, form action and endpoint has a row in the table, and the table no stale rows', () => {
		const keys = operations.map(operationKey);
		expect(keys.filter((k) => !(k in EXPECTED))).toEqual([]);
		expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
		expect(keys.length).toBeGreaterThan(80);
	});

	it('everyone gets what the table says, and nobody a 500', async () => {
		const failures: string[] = [];
		let count = 0;
		const ordered = [...operations].sort(
			(a, b) => Number(ENDS_SESSION.has(operationKey(a))) - Number(ENDS_SESSION.has(operationKey(b)))
		);
		for (const op of ordered) {
			for (const request of requestsFor(op, world)) {
				for (const identity of IDENTITIES) {
					const allowed = EXPECTED[request.key]?.includes(identity) ?? false;
					const sent = await world.clients[identity].send(request.method, request.path, {
						form: request.method === 'GET' ? undefined : (HARMLESS_FORM[request.key] ?? {}),
						// Form actions as a plain form post (no JavaScript), so every status is the real one.
						accept:
							request.page || op.kind === 'action' ? 'text/html' : request.data ? '*/*' : 'application/json'
					});
					count++;
					const ok = allowed
						? sent.status < 500 && sent.status !== 401 && sent.status !== 403
						: refusedAsExpected(request, identity, sent);
					if (!ok)
						failures.push(
							`${request.label} as ${identity}: ${sent.status}${sent.location ? ` → ${sent.location}` : ''} (${allowed ? 'may' : 'may not'})`
						);
					if (ENDS_SESSION.has(request.key)) await world.relogin(identity);
				}
			}
		}
		console.log(
			`access matrix: ${count} requests, ${operations.length} operations × ${IDENTITIES.length} identities`
		);
		expect(failures).toEqual([]);
	});

	it('a coach of another team, or another phone, finds nothing of participant A (looks like not existing)', async () => {
		const { clients, ids } = world;
		const other = clients.otherTeamCoach;
		expect((await other.send('GET', `/coach/participants/${ids.participantA}`)).status).toBe(404);
		expect((await other.send('GET', `/coach/participants/${ids.participantA}/messages`)).status).toBe(404);
		expect((await other.send('GET', `/coach/appointments/${ids.appointmentA}`)).status).toBe(404);
		expect(
			(await other.send('POST', `/coach/participants/${ids.participantA}?/newCode`, { form: {} })).status
		).toBe(404);
		// The team lead of A's team does see A.
		expect((await clients.teamLead.send('GET', `/coach/participants/${ids.participantA}`)).status).toBe(200);
		const phoneB = await clients.participantB.send('GET', `/appointments/${ids.appointmentA}`);
		expect([303, 404]).toContain(phoneB.status);
		if (phoneB.status === 303) expect(phoneB.location).toBe('/appointments');
	});

	it('an anonymous delete of a voice clip is refused before any route code runs', async () => {
		const anonymous = world.clients.anonymous;
		const sent = await anonymous.send('POST', '/coach/voice/nl?/delete', {
			form: { textKey: 'language.self' }
		});
		expect(sent.status).toBe(401);
		const data = await anonymous.send('GET', '/coach/voice/__data.json?x-sveltekit-invalidated=001', {
			accept: '*/*'
		});
		expect(data.status).toBe(401);
		expect(data.body).not.toContain('language.self');
	});
});
