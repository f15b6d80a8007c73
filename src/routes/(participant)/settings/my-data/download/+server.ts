import { participantOf } from '$lib/server/access';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { myDataZip } from '$lib/server/privacy/my-data-zip';

/** Everything Opstap holds about the participant on this phone, as one zip (see my-data-zip.ts). */
export const GET: RequestHandler = async ({ locals }) => {
	const participant = participantOf(locals);
	const zip = await myDataZip(await db(), participant.id, locals.lang);
	if (!zip) error(404, 'Not found');
	const day = new Date().toISOString().slice(0, 10);
	return new Response(new Uint8Array(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="opstap-mijn-gegevens-${day}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
