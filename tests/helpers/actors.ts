import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { coaches, organisations, participants } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/security/tokens';
import type { CoachActor } from '../../src/lib/server/auth/coach';

export const PASSWORD = 'correct horse battery';

let passwordHash: Promise<string> | undefined;

/** A team with a coach; returns the coach as the server sees a logged-in coach. */
export async function makeCoach(
	db: Db,
	options: { email: string; role?: CoachActor['role']; teamId?: string }
): Promise<CoachActor> {
	passwordHash ??= hashPassword(PASSWORD);
	let teamId = options.teamId;
	if (!teamId) {
		const [team] = await db
			.insert(organisations)
			.values({ kind: 'team', name: `Team of ${options.email}` })
			.returning();
		teamId = team!.id;
	}
	const [row] = await db
		.insert(coaches)
		.values({
			teamId,
			name: options.email.split('@')[0]!,
			email: options.email,
			role: options.role ?? 'coach',
			passwordHash: await passwordHash
		})
		.returning();
	return {
		id: row!.id,
		teamId: row!.teamId,
		name: row!.name,
		email: row!.email,
		phone: row!.phone,
		role: row!.role
	};
}

export async function makeParticipant(
	db: Db,
	coach: CoachActor,
	displayName: string,
	preferredLanguage = 'nl'
) {
	const [row] = await db
		.insert(participants)
		.values({ coachId: coach.id, displayName, preferredLanguage })
		.returning();
	return row!;
}

export async function coachByEmail(db: Db, email: string) {
	const [row] = await db.select().from(coaches).where(eq(coaches.email, email));
	return row;
}
