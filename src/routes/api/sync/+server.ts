import { participantOf } from '$lib/server/access';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { applyOutbox, outboxBody } from '$lib/server/sync/outbox';

/**
 * The phone's outbox arrives here. Every entry gets a result: stored, already (sent before: a retry), or rejected
 * with a short, stable reason (src/lib/outbox/contract.ts). A batch in which nothing could be stored is a 400, so a
 * broken client is noticed; a request whose envelope is broken (no entries, an entry without an id) is a 400 without
 * results. The whole batch is one transaction: a 500 stored nothing, and the phone sends it again later.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const participant = participantOf(locals);
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ message: 'The body is not JSON.' }, { status: 400 });
	}
	const parsed = outboxBody.safeParse(body);
	if (!parsed.success) {
		return json(
			{
				message: 'Invalid sync request.',
				issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
			},
			{ status: 400 }
		);
	}
	const results = await applyOutbox(await db(), participant.id, parsed.data.entries);
	const allRejected = results.every((r) => r.status === 'rejected');
	return json({ results }, { status: allRejected ? 400 : 200 });
};
