import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { recordings } from '../db/schema';
import { audioType } from '../voice/audio';
import type { CoachActor } from '../auth/coach';
import { participantForCoach } from '../coach/caseload';

/** A spoken answer of a minute or two as Opus/WebM stays well below this, and below adapter-node's 512 kB limit. */
export const MAX_RECORDING_BYTES = 450_000;

export type SaveRecordingResult =
	| { ok: true; status: 'stored' | 'already' }
	| { ok: false; reason: 'empty' | 'too_large' | 'not_audio' | 'taken' };

/** Stores a spoken answer under the id the phone gave it; sending it again changes nothing. */
export async function saveRecording(
	db: Db,
	participantId: string,
	id: string,
	data: Uint8Array
): Promise<SaveRecordingResult> {
	if (!data.byteLength) return { ok: false, reason: 'empty' };
	if (data.byteLength > MAX_RECORDING_BYTES) return { ok: false, reason: 'too_large' };
	const mime = await audioType(data);
	if (!mime) return { ok: false, reason: 'not_audio' };
	const inserted = await db
		.insert(recordings)
		.values({ id, participantId, mime, audio: Buffer.from(data), bytes: data.byteLength })
		.onConflictDoNothing()
		.returning({ participantId: recordings.participantId });
	if (inserted.length) return { ok: true, status: 'stored' };
	const [existing] = await db
		.select({ participantId: recordings.participantId })
		.from(recordings)
		.where(eq(recordings.id, id));
	return existing?.participantId === participantId
		? { ok: true, status: 'already' }
		: { ok: false, reason: 'taken' };
}

/** A participant's recording, for their own coach (or team lead) only. */
export async function recordingForCoach(db: Db, coach: CoachActor, id: string) {
	const [row] = await db.select().from(recordings).where(eq(recordings.id, id));
	if (!row || !(await participantForCoach(db, coach, row.participantId))) return null;
	return row;
}
