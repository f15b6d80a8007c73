import { participantOf } from '$lib/server/access';
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import {
	MAX_ATTACHMENT_BYTES,
	attachmentForParticipant,
	saveAttachment
} from '$lib/server/files/attachments';
import { serverT } from '$lib/server/i18n/resources';
import { uuidParam } from '$lib/server/validation';

/** The reasons in the participant's language (they see them on the phone). */
const REASONS = {
	empty: 'messages:problems.fileEmpty',
	too_large: 'messages:problems.fileTooLarge',
	not_media: 'messages:problems.notMedia',
	taken: 'messages:problems.fileTaken'
} as const;

/**
 * The phone uploads a file it made (a spoken answer, a voice note, a photo) before the entry that refers to it; a
 * repeat is harmless. Only sound and photos, judged by content, up to MAX_ATTACHMENT_BYTES.
 */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	const participant = participantOf(locals);
	const t = serverT(locals.lang);
	if (!uuidParam.safeParse(params.id).success)
		return json({ message: 'The id is not a UUID.' }, { status: 400 });
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_ATTACHMENT_BYTES)
		return json({ reason: 'too_large', message: t(REASONS.too_large) }, { status: 413 });
	let data: Uint8Array;
	try {
		data = new Uint8Array(await request.arrayBuffer());
	} catch {
		// adapter-node stops reading a body past its limit when no length was given.
		return json({ reason: 'too_large', message: t(REASONS.too_large) }, { status: 413 });
	}
	const result = await saveAttachment(await db(), participant.id, params.id, data);
	if (!result.ok)
		return json(
			{ reason: result.reason, message: t(REASONS[result.reason]) },
			{ status: result.reason === 'too_large' ? 413 : result.reason === 'taken' ? 409 : 400 }
		);
	return json({ status: result.status }, { status: result.status === 'stored' ? 201 : 200 });
};

/** A participant's own file, back on their phone (e.g. their voice note on another phone); anyone else: 404. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const participant = participantOf(locals);
	if (!uuidParam.safeParse(params.id).success) error(404, 'Not found');
	const file = await attachmentForParticipant(await db(), participant.id, params.id);
	if (!file) error(404, 'Not found');
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.mime,
			'cache-control': 'private, no-store',
			'content-length': String(file.bytes),
			'x-content-type-options': 'nosniff'
		}
	});
};
