import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { attachments } from '../db/schema';
import { checkedMedia } from './content';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';

/**
 * A spoken answer or a two-minute voice note as Opus/WebM (24 kbit/s) and a photo downscaled on the phone stay below
 * this, and below adapter-node's 512 kB body limit.
 */
export const MAX_ATTACHMENT_BYTES = 450_000;

export type SaveAttachmentResult =
	| { ok: true; status: 'stored' | 'already' }
	| { ok: false; reason: 'empty' | 'too_large' | 'not_media' | 'taken' };

/**
 * Stores a file made on the phone (a spoken answer, a voice note, a photo) under the id the phone gave it: the one
 * upload path for participants' files. Only sound recordings and photos, recognised by content, are taken; photos
 * lose their metadata (location). Sending it again changes nothing.
 */
export async function saveAttachment(
	db: Db,
	participantId: string,
	id: string,
	data: Uint8Array,
	/** Only this kind of file (a coach's voice note: 'audio/'). */
	only?: 'audio/' | 'image/'
): Promise<SaveAttachmentResult> {
	if (!data.byteLength) return { ok: false, reason: 'empty' };
	if (data.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too_large' };
	const media = await checkedMedia(data);
	if (!media || (only && !media.mime.startsWith(only))) return { ok: false, reason: 'not_media' };
	const inserted = await db
		.insert(attachments)
		.values({
			id,
			participantId,
			mime: media.mime,
			data: Buffer.from(media.data),
			bytes: media.data.byteLength
		})
		.onConflictDoNothing()
		.returning({ participantId: attachments.participantId });
	if (inserted.length) return { ok: true, status: 'stored' };
	const [existing] = await db
		.select({ participantId: attachments.participantId })
		.from(attachments)
		.where(eq(attachments.id, id));
	return existing?.participantId === participantId
		? { ok: true, status: 'already' }
		: { ok: false, reason: 'taken' };
}

/** A participant's file (spoken answer, voice note, photo), for their own coach (or team lead) only. */
export async function attachmentForCoach(db: Db, coach: CoachActor, id: string) {
	const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
	if (!row || !(await participantForCoach(db, coach, row.participantId))) return null;
	return row;
}

/** A participant's own file (their voice note or photo, played back or shown on their phone). */
export async function attachmentForParticipant(db: Db, participantId: string, id: string) {
	const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
	return row && row.participantId === participantId ? row : null;
}
