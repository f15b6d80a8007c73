import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { isLanguage } from '$lib/i18n/languages';
import { exportPack } from '$lib/server/voice/pack';

/** The texts of one language to record, as a zip (texts.csv, texts.json, LEESMIJ.txt): see voice/pack.ts. */
export const GET: RequestHandler = async ({ params }) => {
	if (!isLanguage(params.lang)) error(404, 'Not found');
	const zip = await exportPack(await db(), params.lang);
	return new Response(new Uint8Array(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="opstap-teksten-${params.lang}.zip"`,
			'cache-control': 'no-store'
		}
	});
};
