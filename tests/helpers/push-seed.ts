// Queues many reminder pushes straight in the database (for the queue tests and bench/push.js, which runs this file
// with Node's own TypeScript support: keep it to plain, erasable TypeScript without imports).

/** A PGlite client or a node-postgres pool: both have query(text, params) -> { rows }. */
export type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface SeedSubscription {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/**
 * Gives the demo participant Fatma a phone subscribed at `subscription`, an appointment in three days, and `count`
 * due reminder jobs for it with keys `${prefix}1` … `${prefix}${count}`.
 */
export async function seedReminderJobs(
	query: Query,
	subscription: SeedSubscription,
	count: number,
	prefix: string
): Promise<void> {
	const [fatma] = (await query(`select id, coach_id from participants where slug = 'demo-fatma'`)).rows;
	if (!fatma) throw new Error('no demo participant: start the server with DEMO_DATA=1 first');
	const [device] = (
		await query(
			`insert into devices (participant_id, token_hash, label) values ($1, $2, 'seed') returning id`,
			[fatma.id, `seed-${prefix}`]
		)
	).rows;
	await query(
		`insert into push_subscriptions (device_id, participant_id, endpoint, p256dh, auth) values ($1, $2, $3, $4, $5)
		 on conflict (endpoint) do nothing`,
		[device!.id, fatma.id, subscription.endpoint, subscription.keys.p256dh, subscription.keys.auth]
	);
	const [appointment] = (
		await query(
			`insert into appointments (participant_id, coach_id, type, starts_at, ends_at, place)
			 values ($1, $2, 'conversation', now() + interval '3 days', now() + interval '3 days 1 hour', 'wijkcentrum')
			 returning id`,
			[fatma.id, fatma.coach_id]
		)
	).rows;
	await query(
		`insert into push_jobs (key, participant_id, kind, payload, run_at)
		 select $1 || g, $2, 'appointmentReminder', jsonb_build_object('appointmentId', $3::text), now()
		 from generate_series(1, $4::int) g`,
		[prefix, fatma.id, appointment!.id, count]
	);
}
