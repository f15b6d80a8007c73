import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { organisations } from './db/schema';

/**
 * The municipality a team belongs to (or the team itself when it has none above it): where the municipality's
 * settings live (urgent number, retention, closure reasons).
 */
export async function municipalityOf(db: Db, teamId: string) {
	const [team] = await db.select().from(organisations).where(eq(organisations.id, teamId));
	if (!team) return null;
	if (team.kind === 'municipality' || !team.parentId) return team;
	const [parent] = await db.select().from(organisations).where(eq(organisations.id, team.parentId));
	return parent ?? team;
}
