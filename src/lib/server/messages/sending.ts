import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { coaches, messages, participants, attachments } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { rejected, type EntryResult } from '../sync/areas';
import {
	checkDraft,
	cleanHours,
	COACH_QUICK_CODES,
	isWorking,
	MAX_VOICE_MS,
	type MessageDraft
} from '$lib/messages';
import { saveAttachment } from '../files/attachments';
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

/** What a coach sends: a text, a quick message (a pictogram code the phone shows in its language) or a voice note. */
export type CoachDraft =
	| { clientId: string; kind?: 'text'; text: string }
	| { clientId: string; kind: 'quick'; quick: string }
	| { clientId: string; kind: 'voice'; audio: Uint8Array; durationMs: number };

export type CoachSendRefusal =
	'not_found' | 'empty' | 'tooLong' | 'unknownQuick' | 'notAudio' | 'voiceTooLong';

export type CoachSendResult =
	{ ok: true; status: 'stored' | 'already'; id: string } | { ok: false; reason: CoachSendRefusal };

/** The message's columns for a draft, or why it cannot be sent (a voice note's sound is stored first). */
async function coachMessage(
	db: Db,
	participantId: string,
	draft: CoachDraft
): Promise<
	| {
			ok: true;
			kind: 'text' | 'quick' | 'voice';
			body: string;
			quick?: string;
			attachmentId?: string;
			durationMs?: number;
	  }
	| { ok: false; reason: CoachSendRefusal }
> {
	if (draft.kind === 'quick')
		return (COACH_QUICK_CODES as readonly string[]).includes(draft.quick)
			? { ok: true, kind: 'quick', body: '', quick: draft.quick }
			: { ok: false, reason: 'unknownQuick' };
	if (draft.kind === 'voice') {
		if (!(draft.durationMs >= 0) || draft.durationMs > MAX_VOICE_MS + 1000)
			return { ok: false, reason: 'voiceTooLong' };
		// The message's own id names the sound: a double post finds it stored already.
		const saved = await saveAttachment(db, participantId, draft.clientId, draft.audio, 'audio/');
		if (!saved.ok)
			return {
				ok: false,
				reason: saved.reason === 'empty' ? 'empty' : saved.reason === 'too_large' ? 'tooLong' : 'notAudio'
			};
		return {
			ok: true,
			kind: 'voice',
			body: '',
			attachmentId: draft.clientId,
			durationMs: Math.round(draft.durationMs)
		};
	}
	const checked = checkDraft({ kind: 'text', text: draft.text });
	if (!checked.ok) return { ok: false, reason: checked.problem === 'empty' ? 'empty' : 'tooLong' };
	return { ok: true, kind: 'text', body: draft.text.trim() };
}

/** A coach writes to a participant in their caseload; `clientId` (from the form) makes a double post harmless. */
export async function sendFromCoach(
	db: Db,
	coach: CoachActor,
	participantId: string,
	draft: CoachDraft,
	now = new Date()
): Promise<CoachSendResult> {
	if (!(await participantForCoach(db, coach, participantId))) return { ok: false, reason: 'not_found' };
	const message = await coachMessage(db, participantId, draft);
	if (!message.ok) return message;
	const [row] = await db
		.insert(messages)
		.values({
			clientId: draft.clientId,
			participantId,
			sender: 'coach',
			coachId: coach.id,
			kind: message.kind,
			body: message.body,
			quick: message.quick ?? null,
			attachmentId: message.attachmentId ?? null,
			durationMs: message.durationMs ?? null,
			sentAt: now
		})
		.onConflictDoNothing()
		.returning();
	if (!row) {
		const [existing] = await db
			.select({ id: messages.id, participantId: messages.participantId })
			.from(messages)
			.where(eq(messages.clientId, draft.clientId));
		if (existing?.participantId !== participantId) return { ok: false, reason: 'not_found' };
		return { ok: true, status: 'already', id: existing.id };
	}
	await notifyParticipantOfMessage(db, row);
	return { ok: true, status: 'stored', id: row.id };
}
