import type { Db } from '../db';
import { auditLog } from '../db/schema';

export type Actor =
	| { type: 'coach'; id: string }
	| { type: 'participant'; id: string }
	| { type: 'system' }
	| { type: 'anonymous' };

export interface AuditEntry {
	action: string;
	subjectType?: string;
	subjectId?: string;
	details?: Record<string, unknown>;
}

/** Records who did or looked at what. Never store passwords, codes or tokens in `details`. */
export async function audit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values({
		actorType: actor.type,
		actorId: 'id' in actor ? actor.id : null,
		action: entry.action,
		subjectType: entry.subjectType ?? null,
		subjectId: entry.subjectId ?? null,
		details: entry.details ?? {}
	});
}
