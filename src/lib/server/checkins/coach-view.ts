import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { checkins, coaches, participants } from '../db/schema';
import { visibleTo } from '../coach/caseload';
import type { CoachActor } from '../auth/coach';
import { BAD_FACE, type Change } from '$lib/checkins/kinds';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface CheckinSignal {
	participantId: string;
	displayName: string;
	coachName: string;
	/** A face at or under BAD_FACE in an answer the coach has not seen. */
	bad: boolean;
	/** "I want contact" in an answer the coach has not seen. */
	wantsContact: boolean;
	/** The lowest face among the unseen answers. */
	face: number | null;
	/** Silent: asked and not answered since this check-in (null: not silent). */
	silentSince: Date | null;
	silentWeeks: number | null;
}

/**
 * The caseload's check-in signals, worst first: answers the coach has not seen that were bad or asked for contact,
 * and who has been silent (no answer to any check-in since one that counts as silent) for at least `minSilentWeeks`.
 */
export async function checkinSignals(
	db: Db,
	coach: CoachActor,
	now = new Date(),
	minSilentWeeks = 0
): Promise<CheckinSignal[]> {
	const [answered, silent] = await Promise.all([
		db
			.select({
				participantId: checkins.participantId,
				displayName: participants.displayName,
				coachName: coaches.name,
				bad: sql<boolean>`bool_or(${checkins.face} <= ${BAD_FACE})`,
				wantsContact: sql<boolean>`bool_or(${checkins.wantsContact})`,
				face: sql<number>`min(${checkins.face})::int`
			})
			.from(checkins)
			.innerJoin(participants, eq(participants.id, checkins.participantId))
			.innerJoin(coaches, eq(coaches.id, participants.coachId))
			.where(and(visibleTo(coach), isNotNull(checkins.answeredAt), isNull(checkins.seenAt)))
			.groupBy(checkins.participantId, participants.displayName, coaches.name)
			.having(sql`bool_or(${checkins.face} <= ${BAD_FACE}) or bool_or(${checkins.wantsContact})`),
		silentParticipants(db, coach, now, minSilentWeeks)
	]);
	const byId = new Map<string, CheckinSignal>();
	for (const a of answered) byId.set(a.participantId, { ...a, silentSince: null, silentWeeks: null });
	for (const s of silent) {
		const signal = byId.get(s.participantId) ?? {
			participantId: s.participantId,
			displayName: s.displayName,
			coachName: s.coachName,
			bad: false,
			wantsContact: false,
			face: null,
			silentSince: null,
			silentWeeks: null
		};
		signal.silentSince = s.since;
		signal.silentWeeks = s.weeks;
		byId.set(s.participantId, signal);
	}
	const rank = (s: CheckinSignal) => (s.wantsContact ? 0 : s.bad ? 1 : 2);
	return [...byId.values()].sort(
		(a, b) => rank(a) - rank(b) || (a.face ?? 9) - (b.face ?? 9) || a.displayName.localeCompare(b.displayName)
	);
}

/**
 * Who has been silent for at least `minWeeks`: a check-in past its silent point, unanswered, asked after their last
 * answer (an answer to a later check-in ends the silence). Since: the first such check-in.
 */
export async function silentParticipants(db: Db, coach: CoachActor, now = new Date(), minWeeks = 0) {
	const since = sql<Date>`min(${checkins.dueAt})`;
	const rows = await db
		.select({
			participantId: checkins.participantId,
			displayName: participants.displayName,
			coachName: coaches.name,
			since: since.mapWith((v: string | Date) => new Date(v))
		})
		.from(checkins)
		.innerJoin(participants, eq(participants.id, checkins.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				isNull(checkins.answeredAt),
				sql`${checkins.silentAt} <= ${now.toISOString()}`,
				sql`${checkins.dueAt} > coalesce((select max(a.answered_at) from checkins a where a.participant_id = ${checkins.participantId}), '-infinity'::timestamptz)`
			)
		)
		.groupBy(checkins.participantId, participants.displayName, coaches.name)
		.having(sql`min(${checkins.dueAt}) <= ${new Date(now.getTime() - minWeeks * WEEK_MS).toISOString()}`);
	return rows.map((r) => ({ ...r, weeks: Math.floor((now.getTime() - r.since.getTime()) / WEEK_MS) }));
}

export interface CheckinHistoryRow {
	id: string;
	dueAt: Date;
	answeredAt: Date | null;
	silent: boolean;
	face: number | null;
	changes: Change[];
	wantsContact: boolean;
	attachmentId: string | null;
	seen: boolean;
}

/** A visible participant's check-ins, newest first (the chart and the list on the coach's pages). */
export async function checkinHistory(
	db: Db,
	coach: CoachActor,
	participantId: string,
	now = new Date(),
	limit = 24
): Promise<CheckinHistoryRow[]> {
	const rows = await db
		.select({
			id: checkins.id,
			dueAt: checkins.dueAt,
			answeredAt: checkins.answeredAt,
			silentAt: checkins.silentAt,
			face: checkins.face,
			changes: checkins.changes,
			wantsContact: checkins.wantsContact,
			attachmentId: checkins.attachmentId,
			seenAt: checkins.seenAt
		})
		.from(checkins)
		.innerJoin(participants, eq(participants.id, checkins.participantId))
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(
			and(
				visibleTo(coach),
				eq(checkins.participantId, participantId),
				sql`${checkins.dueAt} <= ${now.toISOString()}`
			)
		)
		.orderBy(desc(checkins.dueAt))
		.limit(limit);
	return rows.map(({ silentAt, seenAt, ...r }) => ({
		...r,
		changes: r.changes as Change[],
		silent: !r.answeredAt && silentAt <= now,
		seen: seenAt !== null
	}));
}

/** The coach has looked at this participant's answers: their signal goes away until a new answer. */
export async function markCheckinsSeen(db: Db, participantId: string, now = new Date()) {
	await db
		.update(checkins)
		.set({ seenAt: now })
		.where(
			and(eq(checkins.participantId, participantId), isNotNull(checkins.answeredAt), isNull(checkins.seenAt))
		);
}
