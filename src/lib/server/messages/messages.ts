import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import { coaches, messages, organisations, participants, attachments } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { listCaseload, participantForCoach } from '../coach/caseload';
import { audit } from '../audit';
import { rejected, type EntryResult } from '../sync/areas';
import { checkDraft, cleanHours, isWorking, type MessageDraft } from '$lib/messages';
import { notifyParticipantOfMessage } from './notify';

export type MessageRow = typeof messages.$inferSelect;

/** An automatic reply goes out at most once in this time per participant, however many messages they send. */
const AUTO_REPLY_EVERY_MS = 12 * 3600_000;
/** First key of the advisory lock that makes the auto-reply check-and-insert one step (the second: the participant). */
const AUTO_REPLY_LOCK = 4_711_002;

/** What the participant's coach has set for messages: working hours and the out-of-hours reply. */
async function coachSettingsOf(db: Db, participantId: string) {
	const [row] = await db
		.select({
			coachId: coaches.id,
			workingHours: coaches.workingHours,
			autoReplyOn: coaches.autoReplyOn,
			autoReplyText: coaches.autoReplyText
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	return row ?? null;
}

/**
 * A message from a participant's phone (its outbox, or the form without JavaScript). Stored at most once per
 * `clientId`; a voice note or photo must refer to a file this participant uploaded, of the right kind.
 */
export async function sendFromParticipant(
	db: Db,
	participantId: string,
	entry: { clientId: string; at: Date; data: MessageDraft },
	now = new Date()
): Promise<EntryResult> {
	const { clientId, data } = entry;
	const checked = checkDraft(data);
	if (!checked.ok) return rejected(clientId, checked.problem);
	if (data.kind === 'voice' || data.kind === 'photo') {
		const [file] = await db
			.select({ participantId: attachments.participantId, mime: attachments.mime })
			.from(attachments)
			.where(eq(attachments.id, data.attachmentId!));
		const wanted = data.kind === 'voice' ? 'audio/' : 'image/';
		if (!file || file.participantId !== participantId || !file.mime.startsWith(wanted))
			return rejected(clientId, 'noAttachment');
	}
	const coach = await coachSettingsOf(db, participantId);
	if (!coach) return rejected(clientId, 'unknown_participant');
	const inserted = await db
		.insert(messages)
		.values({
			clientId,
			participantId,
			sender: 'participant',
			kind: data.kind,
			body: (data.text ?? '').trim(),
			quick: data.kind === 'quick' ? data.quick! : null,
			attachmentId: data.kind === 'voice' || data.kind === 'photo' ? data.attachmentId! : null,
			durationMs: data.kind === 'voice' ? Math.round(data.durationMs ?? 0) : null,
			// A phone with a wrong clock cannot put a message in the future.
			sentAt: entry.at > now ? now : entry.at,
			// A batch from the phone is one transaction, where now() stands still: the wall clock keeps the order.
			createdAt: sql`clock_timestamp()`
		})
		.onConflictDoNothing()
		.returning({ id: messages.id });
	if (!inserted.length) {
		const [existing] = await db
			.select({ participantId: messages.participantId })
			.from(messages)
			.where(eq(messages.clientId, clientId));
		return existing?.participantId === participantId
			? { clientId, status: 'already' }
			: rejected(clientId, 'client_id_reused');
	}
	await autoReply(db, participantId, coach, now);
	return { clientId, status: 'stored' };
}

/**
 * Outside working hours, when the coach switched it on: their reply, at most once in twelve hours, also when many
 * messages arrive at once (several phones' batches, several server processes). The check and the insert run under a
 * transaction-scoped advisory lock per participant, so a second sender waits and then sees the first one's reply;
 * inside an /api/sync batch the lock is held until the batch commits. The same SQL on PGlite and PostgreSQL.
 */
async function autoReply(
	db: Db,
	participantId: string,
	coach: NonNullable<Awaited<ReturnType<typeof coachSettingsOf>>>,
	now: Date
) {
	if (!coach.autoReplyOn || !coach.autoReplyText.trim() || isWorking(cleanHours(coach.workingHours), now))
		return;
	const reply = await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${AUTO_REPLY_LOCK}, hashtext(${participantId}::text))`);
		const [recent] = await tx
			.select({ id: messages.id })
			.from(messages)
			.where(
				and(
					eq(messages.participantId, participantId),
					eq(messages.auto, true),
					gt(messages.sentAt, new Date(now.getTime() - AUTO_REPLY_EVERY_MS))
				)
			)
			.limit(1);
		if (recent) return null;
		const [row] = await tx
			.insert(messages)
			.values({
				clientId: randomUUID(),
				participantId,
				sender: 'coach',
				coachId: coach.coachId,
				kind: 'text',
				body: coach.autoReplyText.trim(),
				auto: true,
				sentAt: now,
				// After the participant's message in the same transaction.
				createdAt: sql`clock_timestamp()`
			})
			.returning();
		return row ?? null;
	});
	if (reply) await notifyParticipantOfMessage(db, reply);
}

export type CoachSendResult =
	| { ok: true; status: 'stored' | 'already'; id: string }
	| { ok: false; reason: 'not_found' | 'empty' | 'tooLong' };

/** A coach writes to a participant in their caseload; `clientId` (from the form) makes a double post harmless. */
export async function sendFromCoach(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: { clientId: string; text: string },
	now = new Date()
): Promise<CoachSendResult> {
	if (!(await participantForCoach(db, coach, participantId))) return { ok: false, reason: 'not_found' };
	const checked = checkDraft({ kind: 'text', text: input.text });
	if (!checked.ok) return { ok: false, reason: checked.problem === 'empty' ? 'empty' : 'tooLong' };
	const [row] = await db
		.insert(messages)
		.values({
			clientId: input.clientId,
			participantId,
			sender: 'coach',
			coachId: coach.id,
			kind: 'text',
			body: input.text.trim(),
			sentAt: now
		})
		.onConflictDoNothing()
		.returning();
	if (!row) {
		const [existing] = await db
			.select({ id: messages.id, participantId: messages.participantId })
			.from(messages)
			.where(eq(messages.clientId, input.clientId));
		if (existing?.participantId !== participantId) return { ok: false, reason: 'not_found' };
		return { ok: true, status: 'already', id: existing.id };
	}
	await notifyParticipantOfMessage(db, row);
	return { ok: true, status: 'stored', id: row.id };
}

const threadColumns = {
	id: messages.id,
	clientId: messages.clientId,
	sender: messages.sender,
	kind: messages.kind,
	body: messages.body,
	quick: messages.quick,
	attachmentId: messages.attachmentId,
	durationMs: messages.durationMs,
	auto: messages.auto,
	sentAt: messages.sentAt,
	createdAt: messages.createdAt,
	readAt: messages.readAt
};
export type ThreadMessage = Awaited<ReturnType<typeof threadOf>>[number];

function threadOf(db: Db, participantId: string) {
	return db
		.select(threadColumns)
		.from(messages)
		.where(eq(messages.participantId, participantId))
		.orderBy(asc(messages.createdAt), asc(messages.id));
}

/** The participant's own conversation; what their coach wrote counts as read once this phone shows it. */
export async function threadForParticipant(db: Db, participantId: string, now = new Date()) {
	await db
		.update(messages)
		.set({ readAt: now })
		.where(
			and(eq(messages.participantId, participantId), eq(messages.sender, 'coach'), isNull(messages.readAt))
		);
	return threadOf(db, participantId);
}

/**
 * A participant's conversation for their coach (or team lead); null when not in the caseload. The coach opening it
 * marks the participant's messages read; every opening is logged (who read whose messages).
 */
export async function threadForCoach(db: Db, coach: CoachActor, participantId: string, now = new Date()) {
	const participant = await participantForCoach(db, coach, participantId);
	if (!participant) return null;
	// Only the participant's own coach reads for them: a team lead looking in leaves the coach's unread marker.
	if (participant.coachId === coach.id)
		await db
			.update(messages)
			.set({ readAt: now })
			.where(
				and(
					eq(messages.participantId, participantId),
					eq(messages.sender, 'participant'),
					isNull(messages.readAt)
				)
			);
	// Who of the coaches wrote each message (a team lead, a coach before a handover), for the workspace only.
	const thread = await db
		.select({ ...threadColumns, coachId: messages.coachId, coachName: coaches.name })
		.from(messages)
		.leftJoin(coaches, eq(coaches.id, messages.coachId))
		.where(eq(messages.participantId, participantId))
		.orderBy(asc(messages.createdAt), asc(messages.id));
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'messages.viewed', subjectType: 'participant', subjectId: participantId }
	);
	return { participant, messages: thread };
}

export interface InboxRow {
	participantId: string;
	displayName: string;
	/** Tells two participants with the same name apart. */
	nameDetail: string;
	preferredLanguage: string;
	unread: number;
	last: {
		sender: 'participant' | 'coach';
		kind: string;
		body: string;
		quick: string | null;
		/** A voice note's length (the summary says "Gesproken bericht (0:12)"). */
		durationMs: number | null;
		at: Date;
	} | null;
}

/** Every participant of the caseload with their unread count and last message: unread first, then newest. */
export async function inbox(db: Db, coach: CoachActor): Promise<InboxRow[]> {
	const caseload = await listCaseload(db, coach);
	if (!caseload.length) return [];
	const ids = caseload.map((p) => p.id);
	const unread = await db
		.select({ participantId: messages.participantId, count: sql<number>`count(*)::int` })
		.from(messages)
		.where(
			and(inArray(messages.participantId, ids), eq(messages.sender, 'participant'), isNull(messages.readAt))
		)
		.groupBy(messages.participantId);
	const last = await db
		.selectDistinctOn([messages.participantId], {
			participantId: messages.participantId,
			sender: messages.sender,
			kind: messages.kind,
			body: messages.body,
			quick: messages.quick,
			durationMs: messages.durationMs,
			at: messages.createdAt
		})
		.from(messages)
		.where(inArray(messages.participantId, ids))
		.orderBy(messages.participantId, desc(messages.createdAt), desc(messages.id));
	const unreadBy = new Map(unread.map((u) => [u.participantId, u.count]));
	const lastBy = new Map(last.map((l) => [l.participantId, l]));
	return caseload
		.map((p) => {
			const l = lastBy.get(p.id);
			return {
				participantId: p.id,
				displayName: p.displayName,
				nameDetail: p.nameDetail,
				preferredLanguage: p.preferredLanguage,
				unread: unreadBy.get(p.id) ?? 0,
				last: l
					? {
							sender: l.sender,
							kind: l.kind,
							body: l.body,
							quick: l.quick,
							durationMs: l.durationMs,
							at: l.at
						}
					: null
			};
		})
		.sort(
			(a, b) =>
				Number(b.unread > 0) - Number(a.unread > 0) ||
				(b.last?.at.getTime() ?? 0) - (a.last?.at.getTime() ?? 0) ||
				a.displayName.localeCompare(b.displayName, 'nl')
		);
}

/**
 * A small fingerprint of what a coach can see in messages (unread count, newest message): the workspace polls it and
 * reloads its data only when it changes. Polling the database works the same with one server process or several.
 */
export async function messagesStamp(db: Db, coach: CoachActor): Promise<{ unread: number; stamp: string }> {
	const caseload = await listCaseload(db, coach);
	if (!caseload.length) return { unread: 0, stamp: '0' };
	const ids = caseload.map((p) => p.id);
	const [row] = await db
		.select({
			unread: sql<number>`count(*) filter (where ${messages.sender} = 'participant' and ${messages.readAt} is null)::int`,
			total: sql<number>`count(*)::int`,
			newest: sql<string | null>`max(${messages.createdAt})::text`,
			read: sql<number>`count(${messages.readAt})::int`
		})
		.from(messages)
		.where(inArray(messages.participantId, ids));
	return {
		unread: row?.unread ?? 0,
		stamp: `${row?.total ?? 0}:${row?.read ?? 0}:${row?.newest ?? ''}`
	};
}

/**
 * Retention: messages (and the files they refer to) of participants whose trajectory ended longer ago than their
 * municipality's retention period are deleted. Run daily; returns how many messages went.
 */
export async function purgeExpiredMessages(db: Db, now = new Date()): Promise<number> {
	const team = alias(organisations, 'team');
	const municipality = alias(organisations, 'municipality');
	const expired = await db
		.select({ id: participants.id })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.innerJoin(team, eq(team.id, coaches.teamId))
		.leftJoin(municipality, eq(municipality.id, team.parentId))
		.where(
			and(
				isNotNull(participants.trajectoryEndedAt),
				lt(
					participants.trajectoryEndedAt,
					sql`${now.toISOString()}::timestamptz - make_interval(days => coalesce(${municipality.messageRetentionDays}, ${team.messageRetentionDays}))`
				)
			)
		);
	if (!expired.length) return 0;
	const ids = expired.map((p) => p.id);
	return db.transaction(async (tx) => {
		const gone = await tx
			.delete(messages)
			.where(inArray(messages.participantId, ids))
			.returning({ attachmentId: messages.attachmentId });
		const files = gone.map((m) => m.attachmentId).filter((id): id is string => !!id);
		if (files.length) await tx.delete(attachments).where(inArray(attachments.id, files));
		if (gone.length)
			await audit(
				tx as unknown as Db,
				{ type: 'system' },
				{
					action: 'messages.purged',
					details: { messages: gone.length, participants: ids.length }
				}
			);
		return gone.length;
	});
}

/** How many of the coach's messages the participant has not seen yet (on "My coach"). */
export async function unreadForParticipant(db: Db, participantId: string): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(messages)
		.where(
			and(eq(messages.participantId, participantId), eq(messages.sender, 'coach'), isNull(messages.readAt))
		);
	return row?.count ?? 0;
}

/** The coach's photo for "My coach": only for a participant of that coach. */
export async function coachPhotoFor(db: Db, participantId: string) {
	const [row] = await db
		.select({ photo: coaches.photo, mime: coaches.photoMime })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	return row?.photo && row.mime ? { photo: row.photo, mime: row.mime } : null;
}
