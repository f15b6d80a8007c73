import { noteDatabaseError } from '../db/availability';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	appointments,
	assignments,
	attachments,
	auditLog,
	devices,
	messages,
	organisations,
	participants
} from '../db/schema';
import { audit } from '../audit';
import { endFinishedAftercare } from '../closure/closure';
import { eraseParticipant } from './erasure';
import { purgeExpiredMessages } from '../messages/retention';
import { LOGIN_LIMITS_PER_ADDRESS, LOGIN_LIMITS_PER_ADDRESS_ACCOUNT } from '../auth/coach';
import { rowsOf } from '../security/rate-limit';

/**
 * How long each kind of data is kept, in days, and from when. A municipality sets its own in
 * organisations.retention_days (the admin's settings page); these are the defaults. Messages keep their own setting
 * (organisations.message_retention_days, counted from the trajectory's end) and their own purge.
 */
export const RETENTION_KINDS = {
	/** Questionnaires and answers, from the end of the trajectory. */
	answers: 365,
	/** Files not (or no longer) part of a message: spoken answers, recordings never sent; from the upload. */
	attachments: 90,
	/** Appointments and their replies, from the appointment's end. */
	appointments: 365,
	/** Phones unpaired or not seen, from the last time they were seen. */
	devices: 180,
	/** The audit log, from each entry. */
	audit: 730,
	/** The participant and everything left of them, from the end of the trajectory. */
	participant: 730
} as const;
export type RetentionKind = keyof typeof RETENTION_KINDS;

/**
 * Failed-login addresses are kept only as long as the rate limit needs them: its longest window. After that the
 * counters go and the address is taken out of the audit entries of failed and refused logins (the attempt stays).
 */
export const FAILED_LOGIN_ADDRESS_MS = Math.max(
	...[...LOGIN_LIMITS_PER_ADDRESS, ...LOGIN_LIMITS_PER_ADDRESS_ACCOUNT].map((l) => l.windowMs),
	3600_000
);

export function retentionOf(
	stored: Record<string, number> | null | undefined
): Record<RetentionKind, number> {
	const out = { ...RETENTION_KINDS } as Record<RetentionKind, number>;
	for (const kind of Object.keys(RETENTION_KINDS) as RetentionKind[]) {
		const days = stored?.[kind];
		if (typeof days === 'number' && Number.isInteger(days) && days >= 1) out[kind] = days;
	}
	return out;
}

const days = (n: number) => n * 86_400_000;

/** Each participant with the retention of their municipality (the team's parent, else the team). */
async function participantsWithRetention(db: Db) {
	const rows = await db.execute<{
		id: string;
		trajectory_ended_at: string | Date | null;
		retention: Record<string, number> | string | null;
	}>(sql`
		select p.id, p.trajectory_ended_at, coalesce(m.retention_days, t.retention_days) as retention
		from ${participants} p
		join coaches c on c.id = p.coach_id
		join ${organisations} t on t.id = c.team_id
		left join ${organisations} m on m.id = t.parent_id`);
	return rowsOf<{
		id: string;
		trajectory_ended_at: string | Date | null;
		retention: Record<string, number> | string | null;
	}>(rows).map((r) => ({
		id: r.id,
		endedAt: r.trajectory_ended_at ? new Date(r.trajectory_ended_at) : null,
		retention: retentionOf(typeof r.retention === 'string' ? JSON.parse(r.retention) : r.retention)
	}));
}

/**
 * Audit entries go after their own municipality's term: the municipality of the staff member who acted, else of the
 * participant who acted or was acted on, else of the staff member acted on. Entries that belong to no municipality
 * (the system's own, anonymous attempts, a participant already erased) keep the longest term any municipality set,
 * so that no municipality loses an entry sooner than it chose.
 */
async function purgeAudit(db: Db, now: Date, longestDays: number): Promise<number> {
	const rows = await db.execute(sql`
		with owned as (
			select a.id, a.at, coalesce(m.retention_days, t.retention_days) as retention, t.id as team
			from ${auditLog} a
			left join participants p
				on p.id = case when a.actor_type = 'participant' then a.actor_id
					when a.subject_type = 'participant' then a.subject_id end
			left join coaches c
				on c.id = coalesce(case when a.actor_type = 'coach' then a.actor_id end, p.coach_id,
					case when a.subject_type = 'coach' then a.subject_id end)
			left join ${organisations} t on t.id = c.team_id
			left join ${organisations} m on m.id = t.parent_id
			where a.at < ${new Date(now.getTime() - days(1)).toISOString()}
		), gone as (
			delete from ${auditLog} a using owned o
			where a.id = o.id and o.at < ${now.toISOString()}::timestamptz - make_interval(days =>
				case when o.team is null then ${longestDays}
				else coalesce((o.retention ->> 'audit')::int, ${RETENTION_KINDS.audit}) end)
			returning 1
		)
		select count(*)::int as n from gone`);
	return rowsOf<{ n: number }>(rows)[0]!.n;
}

export interface RetentionReport {
	/** Participants whose aftercare ran out: closed now, so their terms start. */
	aftercareEnded: number;
	participants: number;
	assignments: number;
	appointments: number;
	devices: number;
	attachments: number;
	audit: number;
	failedLoginAddresses: number;
	rateLimits: number;
}

/** Removes what is past its term, for every kind. Safe to run in several processes at once (deleting is idempotent). */
export async function runRetention(db: Db, now = new Date()): Promise<RetentionReport> {
	const report: RetentionReport = {
		aftercareEnded: await endFinishedAftercare(db, now),
		participants: 0,
		assignments: 0,
		appointments: 0,
		devices: 0,
		attachments: 0,
		audit: 0,
		failedLoginAddresses: 0,
		rateLimits: 0
	};
	await purgeExpiredMessages(db, now);
	for (const p of await participantsWithRetention(db)) {
		const r = p.retention;
		if (p.endedAt && p.endedAt.getTime() + days(r.participant) < now.getTime()) {
			if (await eraseParticipant(db, p.id, { reason: 'retention' })) report.participants++;
			continue;
		}
		if (p.endedAt && p.endedAt.getTime() + days(r.answers) < now.getTime()) {
			report.assignments += (
				await db
					.delete(assignments)
					.where(eq(assignments.participantId, p.id))
					.returning({ id: assignments.id })
			).length;
		}
		report.appointments += (
			await db
				.delete(appointments)
				.where(
					and(
						eq(appointments.participantId, p.id),
						lt(appointments.endsAt, new Date(now.getTime() - days(r.appointments)))
					)
				)
				.returning({ id: appointments.id })
		).length;
		report.devices += (
			await db
				.delete(devices)
				.where(
					and(
						eq(devices.participantId, p.id),
						lt(devices.lastSeenAt, new Date(now.getTime() - days(r.devices)))
					)
				)
				.returning({ id: devices.id })
		).length;
		// Files no message refers to (a spoken answer, a recording never sent), past their term.
		report.attachments += (
			await db
				.delete(attachments)
				.where(
					and(
						eq(attachments.participantId, p.id),
						lt(attachments.createdAt, new Date(now.getTime() - days(r.attachments))),
						sql`not exists (select 1 from ${messages} where ${messages.attachmentId} = ${attachments.id})`
					)
				)
				.returning({ id: attachments.id })
		).length;
	}
	const longestAudit = Math.max(
		...(await db.select({ retention: organisations.retentionDays }).from(organisations)).map(
			(o) => retentionOf(o.retention).audit
		),
		RETENTION_KINDS.audit
	);
	report.audit = await purgeAudit(db, now, longestAudit);
	const addressesUntil = new Date(now.getTime() - FAILED_LOGIN_ADDRESS_MS);
	report.failedLoginAddresses = (
		await db
			.update(auditLog)
			.set({ details: sql`${auditLog.details} - 'ip'` })
			.where(
				and(
					inArray(auditLog.action, [
						'coach.login.failed',
						'coach.login.rate_limited',
						'pairing.failed',
						'pairing.rate_limited'
					]),
					lt(auditLog.at, addressesUntil),
					sql`${auditLog.details} ? 'ip'`
				)
			)
			.returning({ id: auditLog.id })
	).length;
	report.rateLimits = rowsOf<{ n: number }>(
		await db.execute(
			sql`with gone as (delete from rate_limits where window_start < ${addressesUntil.toISOString()} returning 1) select count(*)::int as n from gone`
		)
	)[0]!.n;
	if (Object.values(report).some((n) => n > 0))
		await audit(db, { type: 'system' }, { action: 'retention.ran', details: { ...report } });
	return report;
}

/**
 * Runs at start and then every hour (the failed-login addresses have a term of a day at most). Returns the first run,
 * for whoever must not close the database under it; the server does not wait for it.
 */
export function startRetention(db: Db, log = console.error): Promise<void> {
	const run = () =>
		runRetention(db).then(
			() => undefined,
			(e) => {
				// The database out of reach is reported once per outage (db/availability.ts); the next hour catches up.
				if (!noteDatabaseError(e, 'retention')) log('retention failed', e);
			}
		);
	setInterval(run, 3600_000).unref();
	return run();
}
