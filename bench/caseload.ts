// Caseload and journal at municipal scale: seeds 50,000 participants (with messages, appointments, replies,
// questionnaires, ladder rungs, phones and journal notes) in a fresh PostgreSQL database, then times
//   - the caseload query (src/lib/server/coach/worklist.ts) for a coach (100 participants) and a team lead (1,500),
//     as the page asks it: default view, a signal filter, a search, sorted by last contact;
//   - the contact journal's timeline query (src/lib/server/journal/timeline.ts) of one participant;
//   - with two years of history (a monthly check-in each, ladder rungs every quarter, activity requests): the
//     check-in signals with "silent for 4 weeks" (src/lib/server/checkins/coach-view.ts) for a coach and a team lead,
//     and the indicators page (src/lib/server/indicators/indicators.ts) of a team lead and of the municipality's
//     policy officer for the default 90 days and a year (issue 15 §4: goal under 500 ms each).
//   The page keeps a count 10 minutes (src/lib/server/indicators/kept.ts): its line is a second view.
// Run: `npx vite-node bench/caseload.ts` (PostgreSQL at BENCH_DATABASE_URL / TEST_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/test). BENCH_PARTICIPANTS changes the size; BENCH_RUNS the repetitions;
// BENCH_EXPLAIN prints a query plan; BENCH_KEEP keeps the database.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db';
import { WorklistQuery, worklist, worklistStatement } from '../src/lib/server/coach/worklist';
import { timelineQuery } from '../src/lib/server/journal/timeline';
import type { CoachActor } from '../src/lib/server/auth/coach';
import { checkinSignals, silentParticipants } from '../src/lib/server/checkins/coach-view';
import { indicatorsFor } from '../src/lib/server/indicators/indicators';
import { keptIndicators } from '../src/lib/server/indicators/kept';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 50_000);
const PER_COACH = 100;
const COACHES_PER_TEAM = 15; // 1,500 participants per team
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/test';
const name = `opstap_bench_caseload_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const database = await openDatabase({ url: url.toString() });
const db = database.db;

async function seed() {
	const coaches = Math.ceil(PARTICIPANTS / PER_COACH);
	const teams = Math.ceil(coaches / COACHES_PER_TEAM);
	const started = performance.now();
	// One municipality over all teams (the policy officer's scope).
	await db.execute(sql`
		insert into organisations (id, kind, name, slug)
		values ('00000000-0000-0000-0000-00000000ffff', 'municipality', 'Gemeente', 'bench-municipality')`);
	await db.execute(sql`
		insert into organisations (id, kind, name, slug, parent_id)
		select ('00000000-0000-0000-0000-' || lpad(to_hex(t), 12, '0'))::uuid, 'team', 'Team ' || t, 'bench-team-' || t,
			'00000000-0000-0000-0000-00000000ffff'
		from generate_series(1, ${teams}) t`);
	await db.execute(sql`
		insert into coaches (id, team_id, name, email, role, password_hash)
		select ('00000000-0000-0000-0001-' || lpad(to_hex(c), 12, '0'))::uuid,
			('00000000-0000-0000-0000-' || lpad(to_hex((c - 1) / ${COACHES_PER_TEAM} + 1), 12, '0'))::uuid,
			'Coach ' || c, 'coach' || c || '@bench.nl',
			case when c % ${COACHES_PER_TEAM} = 1 then 'team_lead' else 'coach' end, 'x'
		from generate_series(1, ${coaches}) c`);
	await db.execute(sql`
		insert into participants (id, coach_id, display_name, preferred_language, case_status, created_at)
		select ('00000000-0000-0000-0002-' || lpad(to_hex(p), 12, '0'))::uuid,
			('00000000-0000-0000-0001-' || lpad(to_hex((p - 1) / ${PER_COACH} + 1), 12, '0'))::uuid,
			(array['Fatma','Yonas','Henk','Samira','Hodan','Ahmed','Olena','Piotr','Mohammed','Anna'])[p % 10 + 1] || ' ' || (p % 997),
			(array['nl','tr','ar','ti','so','fa','pl','uk','en'])[p % 9 + 1],
			(array['intake','active','active','active','aftercare','closed'])[p % 6 + 1],
			now() - (p % 700) * interval '1 day'
		from generate_series(1, ${PARTICIPANTS}) p`);
	await db.execute(sql`
		insert into devices (participant_id, token_hash, last_seen_at)
		select id, md5(id::text), now() from participants where abs(hashtext(id::text)) % 4 <> 0`);
	await db.execute(sql`
		insert into messages (client_id, participant_id, sender, kind, body, sent_at, created_at, read_at)
		select gen_random_uuid(), p.id, case when m % 2 = 0 then 'participant' else 'coach' end, 'text', 'Bericht ' || m,
			now() - (m * 5 + abs(hashtext(p.id::text)) % 40) * interval '1 day',
			now() - (m * 5 + abs(hashtext(p.id::text)) % 40) * interval '1 day',
			case when m = 0 and abs(hashtext(p.id::text)) % 5 = 0 then null else now() end
		from participants p, generate_series(0, 7) m`);
	await db.execute(sql`
		insert into appointments (participant_id, coach_id, type, place, starts_at, ends_at, attendance, followed_up_at)
		select p.id, p.coach_id, 'conversation', 'wijkcentrum',
			now() + (a * 14 - 35 + abs(hashtext(p.id::text)) % 10) * interval '1 day',
			now() + (a * 14 - 35 + abs(hashtext(p.id::text)) % 10) * interval '1 day' + interval '1 hour',
			case when a * 14 - 35 + abs(hashtext(p.id::text)) % 10 < 0 then (case when abs(hashtext(p.id::text)) % 7 = 0 then 'noShow' else 'attended' end) end,
			case when abs(hashtext(p.id::text)) % 14 = 0 then now() end
		from participants p, generate_series(0, 3) a`);
	await db.execute(sql`
		insert into appointment_replies (appointment_id, participant_id, client_id, reply, replied_at, seen_at)
		select a.id, a.participant_id, gen_random_uuid(), 'coming', a.starts_at - interval '2 days',
			case when abs(hashtext(a.id::text)) % 3 = 0 then null else now() end
		from appointments a where a.starts_at > now()`);
	await db.execute(sql`
		insert into assignments (participant_id, questionnaire_id, version, wave, module_ids, created_at)
		select id, 'intake', '1', 'T0', '["a","b","c","d"]'::jsonb, created_at + interval '1 day' from participants`);
	await db.execute(sql`
		insert into module_submissions (assignment_id, module_id, client_id, submitted_at)
		select a.id, m, gen_random_uuid(), now() from assignments a, unnest(array['a','b','c']) m
		where abs(hashtext(a.id::text || m)) % 2 = 0`);
	await db.execute(sql`
		insert into ladder_rungs (participant_id, rung, derived_rung, source, created_at)
		select id, 1 + (abs(hashtext(id::text)) + r) % 5, null, 'confirmed', created_at + r * interval '90 days'
		from participants, generate_series(0, 1) r`);
	await db.execute(sql`
		insert into journal_notes (participant_id, coach_id, kind, at, duration_minutes, text, follow_up_on)
		select p.id, p.coach_id, (array['homeVisit','call','meeting','activityAlong','professional'])[n + 1],
			now() - (n * 9 + abs(hashtext(p.id::text)) % 9) * interval '1 day', 30, 'Notitie ' || n,
			case when n = 0 and abs(hashtext(p.id::text)) % 8 = 0 then to_char(now() - interval '1 day', 'YYYY-MM-DD') end
		from participants p, generate_series(0, 3) n`);
	// Participants in aftercare or closed have a closing; those in aftercare have their calls, some due today or
	// overdue (the "aftercare" signal), some done.
	await db.execute(sql`
		insert into closures (participant_id, coach_id, reason, closed_on, aftercare_until, note, at, ended_at)
		select id, coach_id, 'Werk gevonden',
			to_char(now() - (abs(hashtext(id::text)) % 200) * interval '1 day', 'YYYY-MM-DD'),
			case when case_status = 'aftercare'
				then to_char(now() + (180 - abs(hashtext(id::text)) % 200) * interval '1 day', 'YYYY-MM-DD') end,
			'', now() - (abs(hashtext(id::text)) % 200) * interval '1 day',
			case when case_status = 'closed' then now() end
		from participants where case_status in ('aftercare', 'closed')`);
	await db.execute(sql`
		insert into aftercare_checks (closure_id, participant_id, kind, due_on, done_at)
		select c.id, c.participant_id, k.kind, to_char(c.closed_on::date + k.months * interval '1 month', 'YYYY-MM-DD'),
			case when c.closed_on::date + k.months * interval '1 month' < now() - interval '7 days'
				and abs(hashtext(c.id::text || k.kind)) % 3 <> 0 then now() end
		from closures c join participants p on p.id = c.participant_id and p.case_status = 'aftercare',
			(values ('months1', 1), ('months3', 3), ('months6', 6)) k(kind, months)`);
	// Two years of history: a policy officer; a monthly check-in each (most answered, some asking for contact or
	// with a bad face, a run of unanswered ones at the end for some: the silent); a ladder rung every quarter; an
	// activity catalogue with requests.
	await db.execute(sql`
		insert into coaches (id, team_id, name, email, role, password_hash)
		values ('00000000-0000-0000-0001-00000000ffff', '00000000-0000-0000-0000-000000000001', 'Beleid',
			'beleid@bench.nl', 'policy_officer', 'x')`);
	await db.execute(sql`
		insert into checkins (participant_id, due_at, remind_at, silent_at, answered_at, face, wants_contact, seen_at)
		select p.id, d.due, d.due + interval '3 days', d.due + interval '7 days',
			case when abs(hashtext(p.id::text)) % 10 = 0 and m < 3 then null
				when abs(hashtext(p.id::text || m)) % 4 = 0 then null
				else d.due + interval '1 day' end,
			1 + abs(hashtext(p.id::text || m)) % 5, abs(hashtext(p.id::text || m)) % 17 = 0,
			case when m > 0 then now() end
		from participants p, generate_series(0, 23) m,
			lateral (select now() - interval '2 days' - m * interval '1 month' as due) d`);
	await db.execute(sql`
		insert into ladder_rungs (participant_id, rung, derived_rung, source, created_at)
		select id, 1 + (abs(hashtext(id::text)) + r) % 6, null, 'confirmed', now() - r * interval '90 days'
		from participants, generate_series(2, 7) r`);
	// Each rung carries the one before it, as recordRung stores it (src/lib/server/survey/results.ts).
	await db.execute(sql`
		update ladder_rungs l set previous_rung = h.previous
		from (select id, lag(rung) over (partition by participant_id order by created_at, id) as previous
			from ladder_rungs) h
		where h.id = l.id and h.previous is not null`);
	await db.execute(sql`
		insert into activities (id, organisation_id, external_id, category, title, start, duration_minutes)
		select ('00000000-0000-0000-0003-' || lpad(to_hex(a), 12, '0'))::uuid, '00000000-0000-0000-0000-00000000ffff',
			'a' || a, 'language', 'Activiteit ' || a, '2025-01-06T10:00', 60
		from generate_series(1, 500) a`);
	await db.execute(sql`
		insert into activity_requests (participant_id, activity_id, kind, client_id, at)
		select p.id, ('00000000-0000-0000-0003-' || lpad(to_hex(1 + abs(hashtext(p.id::text || r)) % 500), 12, '0'))::uuid,
			'try', gen_random_uuid(), now() - (abs(hashtext(p.id::text || r)) % 700) * interval '1 day'
		from participants p, generate_series(0, 1) r where abs(hashtext(p.id::text)) % 3 = 0`);
	await db.execute(sql`analyze`);
	return performance.now() - started;
}

function stats(times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
	return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +sorted.at(-1)!.toFixed(1) };
}

async function time(run: () => Promise<unknown>) {
	await run(); // warm up (plans, caches)
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await run();
		times.push(performance.now() - t);
	}
	return stats(times);
}

try {
	const seedMs = await seed();
	const count = async (table: string) =>
		Number(
			(
				(await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
					rows: { n: number }[];
				}
			).rows[0]!.n
		);
	const sizes = Object.fromEntries(
		await Promise.all(
			[
				'participants',
				'messages',
				'appointments',
				'journal_notes',
				'ladder_rungs',
				'closures',
				'aftercare_checks',
				'checkins',
				'activity_requests'
			].map(async (t) => [t, await count(t)] as const)
		)
	);
	const actor = (id: string, role: 'coach' | 'team_lead'): CoachActor => ({
		id,
		teamId: '00000000-0000-0000-0000-000000000002',
		name: 'Bench',
		email: 'bench@bench.nl',
		phone: null,
		role
	});
	// Coach 17 is a coach in team 2 (coaches 16–30); coach 16 its team lead.
	const coach = actor('00000000-0000-0000-0001-000000000011', 'coach');
	const lead = actor('00000000-0000-0000-0001-000000000010', 'team_lead');
	const q = (over: Record<string, string> = {}) => WorklistQuery.parse(over);
	const rows: Record<string, number> = {
		coach: (await worklist(db, coach, q())).length,
		lead: (await worklist(db, lead, q({ status: 'all' })))[0]?.total ?? 0
	};
	const participant = '00000000-0000-0000-0002-000000000641';
	const officer: CoachActor = {
		...actor('00000000-0000-0000-0001-00000000ffff', 'coach'),
		teamId: '00000000-0000-0000-0000-000000000001',
		role: 'policy_officer'
	};
	const yearAgo = new Date(Date.now() - 365 * 86_400_000);
	const quarterAgo = new Date(Date.now() - 90 * 86_400_000); // the page's default period
	const yearAgoTo = new Date(); // one period: a fixed end, as the page's day-bound periods have
	rows.silent = (await silentParticipants(db, lead, new Date(), 4)).length;
	const results = {
		'caseload, coach (default view)': await time(() => worklist(db, coach, q())),
		'caseload, coach, sorted by last contact': await time(() =>
			worklist(db, coach, q({ sort: 'lastContact' }))
		),
		'caseload, team lead (default view)': await time(() => worklist(db, lead, q())),
		'caseload, team lead, signal "no-show"': await time(() => worklist(db, lead, q({ signal: 'noShow' }))),
		'caseload, team lead, signal "aftercare"': await time(() =>
			worklist(db, lead, q({ status: 'all', signal: 'aftercareDue' }))
		),
		'caseload, team lead, search "fatma"': await time(() => worklist(db, lead, q({ q: 'fatma' }))),
		'caseload, team lead, all, by last contact': await time(() =>
			worklist(db, lead, q({ status: 'all', sort: 'lastContact' }))
		),
		'timeline of one participant': await time(() => timelineQuery(db, participant, true)),
		'check-in signals, coach (silent ≥ 4 weeks)': await time(() => checkinSignals(db, coach, new Date(), 4)),
		'check-in signals, team lead (silent ≥ 4 weeks)': await time(() =>
			checkinSignals(db, lead, new Date(), 4)
		),
		'silent ≥ 4 weeks only, team lead': await time(() => silentParticipants(db, lead, new Date(), 4)),
		'indicators, team lead (90 days, the default)': await time(() =>
			indicatorsFor(db, lead, quarterAgo, new Date())
		),
		'indicators, policy officer (90 days, 34 teams)': await time(() =>
			indicatorsFor(db, officer, quarterAgo, new Date())
		),
		'indicators, team lead (a year, per coach)': await time(() =>
			indicatorsFor(db, lead, yearAgo, new Date())
		),
		'indicators, policy officer (a year, 34 teams)': await time(() =>
			indicatorsFor(db, officer, yearAgo, new Date())
		),
		// What the page and the CSV call: the count above, kept for 10 minutes per scope and period (warm: a second view).
		'indicators page, policy officer (a year, kept count)': await time(() =>
			keptIndicators(db, officer, yearAgo, yearAgoTo)
		)
	};
	if (process.env.BENCH_EXPLAIN) {
		// BENCH_EXPLAIN=1 explains the team lead's default view; BENCH_EXPLAIN='{"signal":"noShow"}' another query.
		const over = process.env.BENCH_EXPLAIN.startsWith('{') ? JSON.parse(process.env.BENCH_EXPLAIN) : {};
		const statement = worklistStatement(db, lead, q(over)).toSQL();
		const client = new pg.Client({ connectionString: url.toString() });
		await client.connect();
		const plan = await client.query(
			`explain (analyze, buffers) ${statement.sql}`,
			statement.params as unknown[]
		);
		console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
		await client.end();
	}
	console.log(`\nCaseload bench on PostgreSQL: seeded in ${(seedMs / 1000).toFixed(1)} s`, sizes);
	console.log(
		`rows: coach ${rows.coach} (default view), team ${rows.lead} (all statuses), silent ≥ 4 weeks in the team ${rows.silent}; ${RUNS} runs each, ms`
	);
	console.table(results);
} finally {
	await database.close();
	// BENCH_KEEP=1 keeps the database to explain queries by hand (drop it afterwards).
	if (process.env.BENCH_KEEP) console.log(`kept: ${url}`);
	else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await admin.end();
}
