import { participantOf } from '$lib/server/access';
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { removeSubscription, saveSubscription, subscriptionBody } from '$lib/server/push/subscriptions';

async function body(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		return undefined;
	}
}

function invalid(issues: z.core.$ZodIssue[] | null) {
	const first = issues?.[0];
	return json(
		{
			message: first
				? `Invalid push subscription: ${first.path.join('.') || 'body'}: ${first.message}`
				: 'Invalid push subscription.',
			issues: (issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }))
		},
		{ status: 400 }
	);
}

/** The phone turns reminders on: its push subscription is kept for this device. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const participant = participantOf(locals);
	const parsed = subscriptionBody.safeParse(await body(request));
	if (!parsed.success) return invalid(parsed.error.issues);
	const saved = await saveSubscription(await db(), participant, parsed.data);
	if (!saved.ok) {
		return json(
			{ message: 'This push endpoint is registered by another phone; subscribe again for a new one.' },
			{ status: 409 }
		);
	}
	return json({ ok: true }, { status: 201 });
};

/** The phone turns reminders off. */
export const DELETE: RequestHandler = async ({ request, locals }) => {
	const participant = participantOf(locals);
	const parsed = z.object({ endpoint: z.url().max(2000) }).safeParse(await body(request));
	if (!parsed.success) return invalid(parsed.error.issues);
	await removeSubscription(await db(), participant, parsed.data.endpoint);
	return json({ ok: true });
};
