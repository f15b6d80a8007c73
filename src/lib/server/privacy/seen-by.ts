import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, coaches } from '../db/schema';

/** What the participant is told was looked at, from the audit log: their page (answers and more) or their messages. */
export const SEEN_ACTIONS = { 'participant.viewed': 'file', 'messages.viewed': 'messages' } as const;
export type SeenWhat = (typeof SEEN_ACTIONS)[keyof typeof SEEN_ACTIONS];

/**
 * "Lotte looked at your answers on Tuesday": who of the staff looked at this participant's data, newest first, one
 * line per person, kind and day (a page opened ten times on one day is one line).
 */
export async function seenBy(
	db: Db,
	participantId: string,
	limit = 30
): Promise<{ name: string; what: SeenWhat; at: Date }[]> {
	const rows = await db
		.select({ name: coaches.name, action: auditLog.action, at: auditLog.at })
		.from(auditLog)
		.innerJoin(coaches, eq(coaches.id, auditLog.actorId))
		.where(
			and(
				eq(auditLog.subjectType, 'participant'),
				eq(auditLog.subjectId, participantId),
				eq(auditLog.actorType, 'coach'),
				inArray(auditLog.action, Object.keys(SEEN_ACTIONS))
			)
		)
		.orderBy(desc(auditLog.at))
		.limit(500);
	const seen = new Set<string>();
	const out: { name: string; what: SeenWhat; at: Date }[] = [];
	for (const r of rows) {
		const what = SEEN_ACTIONS[r.action as keyof typeof SEEN_ACTIONS];
		const key = `${r.name}|${what}|${r.at.toISOString().slice(0, 10)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ name: r.name, what, at: r.at });
		if (out.length >= limit) break;
	}
	return out;
}
