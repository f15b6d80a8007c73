import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db';
import { activities } from '../db/schema';

/** Photos managers may upload: judged by their content, never by a name. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const MAX_PHOTO_BYTES = 400_000;

export type PhotoResult =
	{ ok: true } | { ok: false; reason: 'empty' | 'too_large' | 'not_image' | 'not_found' };

/** Stores (or with null bytes, removes) the photo of an activity in the manager's catalogue. */
export async function setPhoto(
	db: Db,
	organisationId: string,
	activityId: string,
	data: Uint8Array | null
): Promise<PhotoResult> {
	let values: { photo: Buffer | null; photoMime: string | null; photoSha256: string | null };
	if (data === null) values = { photo: null, photoMime: null, photoSha256: null };
	else {
		if (!data.length) return { ok: false, reason: 'empty' };
		if (data.length > MAX_PHOTO_BYTES) return { ok: false, reason: 'too_large' };
		const type = await fileTypeFromBuffer(data);
		if (!type || !IMAGE_TYPES.has(type.mime)) return { ok: false, reason: 'not_image' };
		values = {
			photo: Buffer.from(data),
			photoMime: type.mime,
			photoSha256: createHash('sha256').update(data).digest('hex')
		};
	}
	const updated = await db
		.update(activities)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(activities.id, activityId), eq(activities.organisationId, organisationId)))
		.returning({ id: activities.id });
	return updated.length ? { ok: true } : { ok: false, reason: 'not_found' };
}

export async function getPhoto(db: Db, organisationId: string, activityId: string) {
	const [row] = await db
		.select({ photo: activities.photo, mime: activities.photoMime, sha256: activities.photoSha256 })
		.from(activities)
		.where(and(eq(activities.id, activityId), eq(activities.organisationId, organisationId)));
	return row?.photo && row.mime ? { photo: row.photo, mime: row.mime, sha256: row.sha256! } : null;
}
