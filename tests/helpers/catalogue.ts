import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { activities, organisations } from '../../src/lib/server/db/schema';
import { catalogueOwnerOfTeam } from '../../src/lib/server/activities/catalogue';
import { importActivities } from '../../src/lib/server/activities/import';
import { csvRows } from '../../src/lib/server/activities/layout';
import { makeCoach } from './actors';

/** Two activities, one with a Turkish title: what the activity translation and clip tests work on. */
const CSV = [
	'id;category;title;description;start;duration;title_tr',
	'taal-1;taalcafe;Taalcafé;Praat Nederlands met buren.;2026-09-01 10:00;90;Dil kafesi',
	'gym-1;buurtgym;Buurtgym;Rustig bewegen in de wijk.;2026-09-02 10:00;60;'
].join('\n');

/**
 * A municipality with one team: a coach, a translator, a translator of another municipality, and the team's
 * catalogue imported from CSV (the ids of the taalcafé and the buurtgym).
 */
export async function municipalityWithCatalogue(db: Db) {
	const [municipality] = await db
		.insert(organisations)
		.values({ kind: 'municipality', name: 'Testgemeente' })
		.returning();
	const [team] = await db
		.insert(organisations)
		.values({ kind: 'team', name: 'Team', parentId: municipality!.id })
		.returning();
	const coach = await makeCoach(db, { email: 'anna@example.nl', teamId: team!.id });
	const translator = await makeCoach(db, {
		email: 'tesfay@example.nl',
		teamId: team!.id,
		role: 'translator'
	});
	// A translator of another municipality (a team of its own, so another catalogue).
	const otherTranslator = await makeCoach(db, { email: 'other@example.nl', role: 'translator' });
	const org = await catalogueOwnerOfTeam(db, coach.teamId);
	const rows = csvRows(CSV);
	if ('error' in rows) throw new Error(rows.error);
	expect(await importActivities(db, coach, org, rows, { apply: true, source: 'csv' })).toMatchObject({
		ok: true
	});
	const stored = await db.select().from(activities).where(eq(activities.organisationId, org));
	return {
		teamId: team!.id,
		coach,
		translator,
		otherTranslator,
		org,
		taal: stored.find((a) => a.externalId === 'taal-1')!.id,
		gym: stored.find((a) => a.externalId === 'gym-1')!.id
	};
}
