import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { messages } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { listCaseload } from '../coach/caseload';

export interface InboxRow {
	participantId: string;
	displayName: string;
	/** Tells two participants with the same name apart. */
	nameDetail: string;
	preferredLanguage: string;
	unread: number;
	last: {
		sender: 'participant' | 'coach';
		kind: string;
		body: string;
		quick: string | null;
		/** A voice note's length (the summary says "Gesproken bericht (0:12)"). */
		durationMs: number | null;
		at: Date;
	} | null;
}

/** Every participant of the caseload with their unread count and last message: unread first, then newest. */
export async function inbox(db: Db, coach: CoachActor): Promise<InboxRow[]> {
	const caseload = await listCaseload(db, coach);
	if (!caseload.length) return [];
	const ids = caseload.map((p) => p.id);
	const unread = await db
		.select({ participantId: messages.participantId, count: sql<number>`count(*)::int` })
		.from(messages)
		.where(
			and(inArray(messages.participantId, ids), eq(messages.sender, 'participant'), isNull(messages.readAt))
		)
		.groupBy(messages.participantId);
	const last = await db
		.selectDistinctOn([messages.participantId], {
			participantId: messages.participantId,
			sender: messages.sender,
			kind: messages.kind,
			body: messages.body,
			quick: messages.quick,
			durationMs: messages.durationMs,
			at: messages.createdAt
		})
		.from(messages)
		.where(inArray(messages.participantId, ids))
		.orderBy(messages.participantId, desc(messages.createdAt), desc(messages.id));
	const unreadBy = new Map(unread.map((u) => [u.participantId, u.count]));
	const lastBy = new Map(last.map((l) => [l.participantId, l]));
	return caseload
		.map((p) => {
			const l = lastBy.get(p.id);
			return {
				participantId: p.id,
				displayName: p.displayName,
				nameDetail: p.nameDetail,
				preferredLanguage: p.preferredLanguage,
				unread: unreadBy.get(p.id) ?? 0,
				last: l
					? {
							sender: l.sender,
							kind: l.kind,
							body: l.body,
							quick: l.quick,
							durationMs: l.durationMs,
							at: l.at
						}
					: null
			};
		})
		.sort(
			(a, b) =>
				Number(b.unread > 0) - Number(a.unread > 0) ||
				(b.last?.at.getTime() ?? 0) - (a.last?.at.getTime() ?? 0) ||
				a.displayName.localeCompare(b.displayName, 'nl')
		);
}

/**
 * A small fingerprint of what a coach can see in messages (unread count, newest message): the workspace polls it and
 * reloads its data only when it changes. Polling the database works the same with one server process or several.
 */
export async function messagesStamp(db: Db, coach: CoachActor): Promise<{ unread: number; stamp: string }> {
	const caseload = await listCaseload(db, coach);
	if (!caseload.length) return { unread: 0, stamp: '0' };
	const ids = caseload.map((p) => p.id);
	const [row] = await db
		.select({
			unread: sql<number>`count(*) filter (where ${messages.sender} = 'participant' and ${messages.readAt} is null)::int`,
			total: sql<number>`count(*)::int`,
			newest: sql<string | null>`max(${messages.createdAt})::text`,
			read: sql<number>`count(${messages.readAt})::int`
		})
		.from(messages)
		.where(inArray(messages.participantId, ids));
	return {
		unread: row?.unread ?? 0,
		stamp: `${row?.total ?? 0}:${row?.read ?? 0}:${row?.newest ?? ''}`
	};
}
