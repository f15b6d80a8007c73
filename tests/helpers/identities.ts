// The people of the access matrix and the fuzz test, as real HTTP clients of a built server: anonymous, two
// participants in different teams (each a paired phone), a coach, a coach of another team, the team lead, a
// translator and an admin (each logged in through /coach/login). Cookies are kept per client, as a browser would.
import { resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { makeCoach, makeParticipant, PASSWORD } from './actors';
import type { RunningServer } from './server';

export const IDENTITIES = [
	'anonymous',
	'participantA',
	'participantB',
	'coachA',
	'otherTeamCoach',
	'teamLead',
	'translator',
	'admin'
] as const;
export type Identity = (typeof IDENTITIES)[number];

const DEMO_PASSWORD = 'opstap-demo-2026';

export interface Sent {
	status: number;
	location: string | null;
	contentType: string;
	body: string;
	headers: Headers;
}

export class HttpClient {
	readonly cookies = new Map<string, string>();
	constructor(readonly origin: string) {}

	async send(
		method: string,
		path: string,
		options: {
			form?: Record<string, string> | URLSearchParams | FormData;
			json?: unknown;
			body?: BodyInit;
			headers?: Record<string, string>;
			accept?: string;
		} = {}
	): Promise<Sent> {
		const headers: Record<string, string> = {
			accept: options.accept ?? 'text/html,application/xhtml+xml',
			// SvelteKit refuses cross-site form posts; a browser on our own page sends our origin.
			origin: this.origin,
			...options.headers
		};
		if (this.cookies.size)
			headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		let body: BodyInit | undefined = options.body;
		if (options.form) {
			body =
				options.form instanceof FormData || options.form instanceof URLSearchParams
					? options.form
					: new URLSearchParams(options.form);
		} else if (options.json !== undefined) {
			body = JSON.stringify(options.json);
			headers['content-type'] ??= 'application/json';
		}
		const response = await fetch(new URL(path, this.origin), {
			method,
			headers,
			body: method === 'GET' || method === 'HEAD' ? undefined : body,
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000)
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair!.indexOf('=');
			const name = pair!.slice(0, at).trim();
			const value = pair!.slice(at + 1).trim();
			if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return {
			status: response.status,
			location: response.headers.get('location'),
			contentType: response.headers.get('content-type') ?? '',
			body: await response.text(),
			headers: response.headers
		};
	}
}

export interface World {
	clients: Record<Identity, HttpClient>;
	/** Fresh clients log in or pair again (after a logout in the matrix, for example). */
	relogin(identity: Identity): Promise<void>;
	ids: {
		participantA: string;
		participantB: string;
		appointmentA: string;
		activity: string;
	};
}

const EMAILS: Partial<Record<Identity, string>> = {
	coachA: 'lotte@demo.opstap.nl',
	teamLead: 'karim@demo.opstap.nl',
	translator: 'tesfay@demo.opstap.nl',
	admin: 'beheer@demo.opstap.nl',
	otherTeamCoach: 'coach@ander-team.example.nl'
};

async function login(client: HttpClient, email: string, password: string) {
	const sent = await client.send('POST', '/coach/login', { form: { email, password } });
	if (sent.status !== 303 || !client.cookies.size)
		throw new Error(`login ${email}: ${sent.status} ${sent.body.slice(0, 200)}`);
}

async function pair(client: HttpClient, code: string) {
	const sent = await client.send('POST', '/pair', { form: { code: code.replace(/\D/g, '') } });
	if (sent.status !== 303) throw new Error(`pairing: ${sent.status} ${sent.body.slice(0, 200)}`);
}

function firstMatch(html: string, pattern: RegExp, what: string): string {
	const found = pattern.exec(html)?.[1];
	if (!found) throw new Error(`no ${what} found`);
	return found;
}

/**
 * Builds the world on a server started with the demo data: adds a team with its own coach and participant B
 * (written while the server is stopped: PGlite has one process), restarts, logs everyone in and pairs both phones.
 */
export async function makeWorld(server: RunningServer, env: { DATABASE_URL?: string } = {}): Promise<World> {
	await server.stop();
	const database = await openDatabase(
		env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolve(server.dataDir, 'pglite') }
	);
	let participantB: string;
	try {
		const other = await makeCoach(database.db, { email: EMAILS.otherTeamCoach! });
		participantB = (await makeParticipant(database.db, other, 'Deelnemer B', 'so')).id;
	} finally {
		await database.close();
	}
	await server.restart();

	const clients = Object.fromEntries(IDENTITIES.map((i) => [i, new HttpClient(server.origin)])) as Record<
		Identity,
		HttpClient
	>;
	const staffLogin = (identity: Identity) =>
		login(clients[identity], EMAILS[identity]!, identity === 'otherTeamCoach' ? PASSWORD : DEMO_PASSWORD);
	await Promise.all(
		(['coachA', 'teamLead', 'translator', 'admin', 'otherTeamCoach'] as const).map(staffLogin)
	);

	const caseload = await clients.coachA.send('GET', '/coach');
	const participantA = firstMatch(
		caseload.body,
		/\/coach\/participants\/([0-9a-f-]{36})/,
		"coach A's participant"
	);
	const week = await clients.coachA.send('GET', '/coach/appointments');
	const appointmentA = firstMatch(
		week.body,
		/\/coach\/appointments\/([0-9a-f-]{36})/,
		"coach A's appointment"
	);
	const catalogue = await clients.coachA.send('GET', '/coach/activities');
	const activity = firstMatch(catalogue.body, /\/coach\/activities\/([0-9a-f-]{36})/, 'an activity');

	const codeFor = async (client: HttpClient, participantId: string) => {
		const issued = await client.send('POST', `/coach/participants/${participantId}?/newCode`, { form: {} });
		return firstMatch(issued.body, /(\d{4} \d{4})/, 'pairing code');
	};
	const codes = {
		participantA: await codeFor(clients.coachA, participantA),
		participantB: await codeFor(clients.otherTeamCoach, participantB)
	};
	await pair(clients.participantA, codes.participantA);
	await pair(clients.participantB, codes.participantB);

	return {
		clients,
		ids: { participantA, participantB, appointmentA, activity },
		async relogin(identity) {
			const client = new HttpClient(server.origin);
			clients[identity] = client;
			if (identity === 'participantA' || identity === 'participantB') {
				const id = identity === 'participantA' ? participantA : participantB;
				await pair(
					client,
					await codeFor(identity === 'participantA' ? clients.coachA : clients.otherTeamCoach, id)
				);
			} else if (identity !== 'anonymous') await staffLogin(identity);
		}
	};
}
