// Check-ins at municipality scale (issue 15): a monthly "How are you?" plan per team for BENCH_PARTICIPANTS (50,000)
// participants in teams of 1,500, each with a paired phone subscribed at a local https push service that checks and
// decrypts every push. Measures, on PGlite and on PostgreSQL (when a server answers, see ./server.js):
//   - scheduling: the planner's round that turns the due plans into check-ins and queued pushes (from its log line);
//   - sending: from the server's start until the push service has every check-in push;
//   - the server process's peak memory (VmHWM).
// The plans are made while the server is stopped; the clock starts with the server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { onEachEngine, startServer } from './server.js';
import { startPushEndpoint } from '../tests/helpers/push-endpoint.ts';

const COUNT = Number(process.env.BENCH_PARTICIPANTS ?? 50_000);
const PER_TEAM = 1_500;
/** BENCH_SEND=0: measure the scheduling round only (the sending of 50,000 pushes takes long on a loaded machine). */
const SEND = process.env.BENCH_SEND !== '0';

/** @param {(text: string, params?: unknown[]) => Promise<unknown>} query */
async function seed(query, subscriptions) {
	const teams = Math.ceil(COUNT / PER_TEAM);
	await query(
		`insert into organisations (kind, name, parent_id)
		 select 'team', 'Bench team ' || g, (select parent_id from organisations where slug = 'demo-team')
		 from generate_series(1, $1::int) g`,
		[teams]
	);
	await query(
		`insert into coaches (team_id, name, email, password_hash)
		 select id, 'Bench coach', 'bench-' || id || '@bench.nl', 'x' from organisations where name like 'Bench team %'`
	);
	await query(
		`insert into participants (coach_id, display_name, preferred_language)
		 select c.id, 'P' || g, (array['nl','tr','ar','ti'])[1 + g % 4]
		 from generate_series(0, $1::int - 1) g
		 join (select id, row_number() over (order by id) - 1 as n from coaches where email like 'bench-%') c
		   on c.n = g / $2::int`,
		[COUNT, PER_TEAM]
	);
	await query(
		`insert into devices (participant_id, token_hash)
		 select p.id, 'bench-' || p.id from participants p join coaches c on c.id = p.coach_id
		 where c.email like 'bench-%'`
	);
	await query(
		`insert into push_subscriptions (device_id, participant_id, endpoint, p256dh, auth)
		 select d.id, d.participant_id, e.endpoint, e.p256dh, e.auth
		 from (select id, participant_id, row_number() over (order by id) as n from devices where token_hash like 'bench-%') d
		 join unnest($1::text[], $2::text[], $3::text[]) with ordinality as e(endpoint, p256dh, auth, n) on e.n = d.n`,
		[
			subscriptions.map((s) => s.endpoint),
			subscriptions.map((s) => s.keys.p256dh),
			subscriptions.map((s) => s.keys.auth)
		]
	);
	await query(
		`insert into checkin_plans (scope, team_id, every_days, next_at)
		 select 'team', id, 30, now() from organisations where name like 'Bench team %'`
	);
}

function peakMemoryMb(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function run(label, databaseUrl) {
	databaseUrl = databaseUrl ?? undefined;
	const push = await startPushEndpoint();
	const env = {
		NODE_EXTRA_CA_CERTS: push.caFile,
		PUSH_SERVICE_HOSTS: push.host,
		PUSH_POLL_MS: '100',
		DEMO_DATA: '1',
		DATABASE_URL: databaseUrl
	};
	let server = await startServer(env, { keepData: true });
	const dataDir = server.dataDir;
	await server.stop();
	const subscriptions = Array.from({ length: COUNT }, () => push.subscribe());
	const seedStarted = performance.now();
	if (databaseUrl) {
		const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
		await seed((t, p) => pool.query(t, p), subscriptions);
		await pool.end();
	} else {
		const client = new PGlite(join(dataDir, 'pglite'));
		await seed((t, p) => client.query(t, p), subscriptions);
		await client.close();
	}
	const seedSeconds = (performance.now() - seedStarted) / 1000;

	const started = performance.now();
	server = await startServer({ ...env, DATA_DIR: dataDir });
	const wanted = new Set(subscriptions.map((s) => s.id));
	const delivered = () => push.received.filter((r) => wanted.has(r.subscription)).length;
	const teams = Math.ceil(COUNT / PER_TEAM);
	const planned = () =>
		[...server.output().matchAll(/check-in planner: (\d+) plans/g)].reduce((n, m) => n + Number(m[1]), 0);
	while (SEND ? delivered() < COUNT : planned() < teams) {
		if (performance.now() - started > 1_800_000) throw new Error(`timed out at ${delivered()} pushes`);
		await new Promise((r) => setTimeout(r, 200));
	}
	const seconds = (performance.now() - started) / 1000;
	const rounds = [
		...server
			.output()
			.matchAll(/check-in planner: (\d+) plans, (\d+) check-ins, (\d+) pushes queued in (\d+) ms/g)
	];
	const peak = peakMemoryMb(server.pid);
	await server.stop();
	await push.close();
	if (push.refused.length) throw new Error(`push service refused: ${push.refused[0]}`);
	return {
		label,
		participants: COUNT,
		teams: Math.ceil(COUNT / PER_TEAM),
		seedSeconds: Number(seedSeconds.toFixed(1)),
		checkinsScheduled: rounds.reduce((n, m) => n + Number(m[2]), 0),
		pushesQueued: rounds.reduce((n, m) => n + Number(m[3]), 0),
		scheduleSeconds: Number((rounds.reduce((n, m) => n + Number(m[4]), 0) / 1000).toFixed(2)),
		...(SEND
			? { sendSeconds: Number(seconds.toFixed(1)), pushesPerSecond: Math.round(COUNT / seconds) }
			: { pushesDeliveredMeanwhile: delivered() }),
		peakMemoryMb: peak
	};
}

console.log(JSON.stringify(await onEachEngine(run), null, 1));
