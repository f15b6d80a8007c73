import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { noteDatabaseError } from '../db/availability';
import { coaches, participants } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';
import { audit } from '../audit';
import { imageType, stripImageMetadata } from '../files/content';
import { cleanHours, type WorkingHours } from '$lib/messages';
import { purgeExpiredMessages } from './retention';

/** A coach's photo is shown small: this is plenty for a 400 px JPEG. */
export const MAX_COACH_PHOTO_BYTES = 300_000;

export async function coachMessageSettings(db: Db, coachId: string) {
	const [row] = await db
		.select({
			phone: coaches.phone,
			workingHours: coaches.workingHours,
			autoReplyOn: coaches.autoReplyOn,
			autoReplyText: coaches.autoReplyText,
			hasPhoto: coaches.photoMime
		})
		.from(coaches)
		.where(eq(coaches.id, coachId));
	return row ? { ...row, workingHours: cleanHours(row.workingHours), hasPhoto: !!row.hasPhoto } : null;
}

export async function saveCoachMessageSettings(
	db: Db,
	coach: CoachActor,
	input: { phone: string; workingHours: WorkingHours; autoReplyOn: boolean; autoReplyText: string }
) {
	await db
		.update(coaches)
		.set({
			phone: input.phone.trim() || null,
			workingHours: cleanHours(input.workingHours),
			autoReplyOn: input.autoReplyOn,
			autoReplyText: input.autoReplyText.trim()
		})
		.where(eq(coaches.id, coach.id));
	await audit(db, { type: 'coach', id: coach.id }, { action: 'coach.message_settings.changed' });
}

export type PhotoResult = { ok: true } | { ok: false; reason: 'empty' | 'too_large' | 'not_image' };

/** The coach's photo: a JPEG, PNG or WebP by content, its metadata stripped; an empty upload removes nothing. */
export async function setCoachPhoto(db: Db, coach: CoachActor, data: Uint8Array): Promise<PhotoResult> {
	if (!data.byteLength) return { ok: false, reason: 'empty' };
	if (data.byteLength > MAX_COACH_PHOTO_BYTES) return { ok: false, reason: 'too_large' };
	const mime = await imageType(data);
	const clean = mime && stripImageMetadata(data, mime);
	if (!mime || !clean) return { ok: false, reason: 'not_image' };
	await db
		.update(coaches)
		.set({ photo: Buffer.from(clean), photoMime: mime })
		.where(eq(coaches.id, coach.id));
	return { ok: true };
}

/** The end of a participant's trajectory (the retention period of their messages counts from it), or null. */
export async function setTrajectoryEnd(
	db: Db,
	coach: CoachActor,
	participantId: string,
	endedAt: Date | null
): Promise<boolean> {
	if (!(await participantForCoach(db, coach, participantId))) return false;
	await db.update(participants).set({ trajectoryEndedAt: endedAt }).where(eq(participants.id, participantId));
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'participant.trajectory_end.set',
			subjectType: 'participant',
			subjectId: participantId,
			details: { endedAt: endedAt?.toISOString() ?? null }
		}
	);
	return true;
}

/** Retention runs at start and then once a day, in every server process (deleting twice is harmless). */
export async function startMessageRetention(db: Db, log = console.error): Promise<void> {
	await purgeExpiredMessages(db);
	setInterval(
		() =>
			purgeExpiredMessages(db).catch((e) => {
				// The database out of reach is reported once per outage (db/availability.ts); tomorrow's run catches up.
				if (!noteDatabaseError(e, 'message retention')) log('message retention failed', e);
			}),
		24 * 3600_000
	).unref();
}
