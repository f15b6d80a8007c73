import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import { coaches, organisations, participants } from '../db/schema';
import { cleanHours } from '$lib/messages';
import { THEME_NAME } from '../municipality/themes';

const team = alias(organisations, 'team');
const municipality = alias(organisations, 'municipality');

/**
 * What every participant screen shows around its content: their coach (to call), their municipality (theme), and
 * whether their trajectory is closed.
 */
export async function participantContext(db: Db, participantId: string) {
	const [row] = await db
		.select({
			coachName: coaches.name,
			coachPhone: coaches.phone,
			coachHasPhoto: sql<boolean>`${coaches.photo} is not null`,
			coachHours: coaches.workingHours,
			municipalityName: municipality.name,
			theme: municipality.theme,
			schemeName: municipality.schemeName,
			urgentName: municipality.urgentName,
			urgentPhone: municipality.urgentPhone,
			caseStatus: participants.caseStatus
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.innerJoin(team, eq(team.id, coaches.teamId))
		.leftJoin(municipality, eq(municipality.id, team.parentId))
		.where(eq(participants.id, participantId));
	if (!row) return null;
	return {
		coach: {
			name: row.coachName,
			phone: row.coachPhone,
			hasPhoto: row.coachHasPhoto,
			workingHours: cleanHours(row.coachHours)
		},
		municipality: row.municipalityName
			? { name: row.municipalityName, theme: safeTheme(row.theme), schemeName: row.schemeName }
			: null,
		/** Who to call when it is urgent and the coach is not working (set per municipality). */
		urgent: row.urgentPhone ? { name: row.urgentName ?? row.urgentPhone, phone: row.urgentPhone } : null,
		/** A closed trajectory (in aftercare or after it): the home screen says goodbye and keeps what stays. */
		closed: row.caseStatus === 'aftercare' || row.caseStatus === 'closed' ? row.caseStatus : null
	};
}

/** Theme names become a stylesheet path: only plain names. */
function safeTheme(theme: string | null): string | null {
	return theme && THEME_NAME.test(theme) ? theme : null;
}
