import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { MAX_RECORDING_BYTES, saveRecording } from '$lib/server/survey/recordings';
import { uuidParam } from '$lib/server/validation';

const MESSAGES = {
	empty: 'The recording is empty.',
	too_large: `The recording is larger than ${MAX_RECORDING_BYTES} bytes.`,
	not_audio: 'This is not a sound recording.',
	taken: 'This id belongs to another recording.'
} as const;

/** The phone uploads a spoken answer before the answer that refers to it; a repeat is harmless. */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	if (!locals.participant) error(401, 'This phone is not paired.');
	if (!uuidParam.safeParse(params.id).success)
		return json({ message: 'The id is not a UUID.' }, { status: 400 });
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_RECORDING_BYTES) return json({ message: MESSAGES.too_large }, { status: 413 });
	const data = new Uint8Array(await request.arrayBuffer());
	const result = await saveRecording(await db(), locals.participant.id, params.id, data);
	if (!result.ok)
		return json(
			{ message: MESSAGES[result.reason] },
			{ status: result.reason === 'too_large' ? 413 : result.reason === 'taken' ? 409 : 400 }
		);
	return json({ status: result.status }, { status: result.status === 'stored' ? 201 : 200 });
};
