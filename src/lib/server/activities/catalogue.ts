import { can } from '../access/policy';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../db';
import { activities, coaches, organisations, participants, postcodeCentroids } from '../db/schema';
import type { CatalogueActivity, Point } from '$lib/activities/filter';
import type { Category } from '$lib/activities/categories';
import type { CoachActor } from '../auth/coach';
import { listActivity } from './list';
import { packActivity } from '$lib/activities/packed';
import { currentTranslations } from './translations';

export type ActivityRow = typeof activities.$inferSelect;

/** The catalogue a team works with: its municipality's, or the team's own when it has no municipality. */
export async function catalogueOwnerOfTeam(db: Db, teamId: string): Promise<string> {
	const [team] = await db
		.select({ id: organisations.id, parentId: organisations.parentId })
		.from(organisations)
		.where(eq(organisations.id, teamId));
	return team?.parentId ?? teamId;
}

export async function catalogueOwnerOfParticipant(db: Db, participantId: string): Promise<string | null> {
	const [row] = await db
		.select({ teamId: coaches.teamId })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	return row ? catalogueOwnerOfTeam(db, row.teamId) : null;
}

/** Coaches, team leads and the municipality's admin keep the catalogue; translators do not. */
export function mayManage(coach: CoachActor): boolean {
	return can(coach, 'activities.manage');
}

/** The photo's URL (versioned by its content hash), or null: the category pictogram stands in. */
export function photoUrl(row: Pick<ActivityRow, 'id' | 'photoSha256'>): string | null {
	return row.photoSha256 ? `/activities/photo/${row.id}?v=${row.photoSha256.slice(0, 16)}` : null;
}

/**
 * An activity as the phone gets it: no photo bytes, only what is shown. For a participant (`lang`) only the
 * translations into their language that are current (a stale one shows as Dutch); without, all of them.
 */
export function toCatalogue(row: ActivityRow, lang?: string): CatalogueActivity {
	return {
		id: row.id,
		category: row.category as Category,
		title: row.title,
		description: row.description,
		translations: lang === undefined ? row.translations : currentTranslations(row, lang),
		organiser: row.organiser,
		contact: row.contact,
		address: row.address,
		neighbourhood: row.neighbourhood,
		lat: row.lat,
		lon: row.lon,
		schedule: {
			start: row.start,
			durationMinutes: row.durationMinutes,
			rrule: row.rrule,
			exdates: row.exdates,
			rdates: row.rdates
		},
		cost: row.cost,
		priceCents: row.priceCents,
		effort: row.effort,
		groupSize: row.groupSize,
		womenOnly: row.womenOnly,
		wheelchair: row.wheelchair,
		childcare: row.childcare,
		languages: row.languages,
		closed: row.closed,
		closedReason: row.closedReason,
		photo: photoUrl(row)
	};
}

const listColumns = (() => {
	const { photo: _photo, ...rest } = getTableColumns(activities);
	return rest;
})();

/** All activities of a catalogue, without photo bytes. */
export async function listActivities(db: Db, organisationId: string): Promise<ActivityRow[]> {
	const rows = await db
		.select(listColumns)
		.from(activities)
		.where(eq(activities.organisationId, organisationId))
		.orderBy(asc(activities.category), asc(activities.title));
	return rows.map((r) => ({ ...r, photo: null }));
}

export async function centroidsOf(db: Db, organisationId: string): Promise<Record<string, Point>> {
	const rows = await db
		.select()
		.from(postcodeCentroids)
		.where(eq(postcodeCentroids.organisationId, organisationId));
	return Object.fromEntries(rows.map((r) => [r.postcode, { lat: r.lat, lon: r.lon }]));
}

/**
 * Everything the participant's activities list needs, also offline: each activity as the list shows it (in `lang`,
 * packed as a row: unpackActivity), the centroids, their postcode. An activity's long texts come with its own page (activityForParticipant).
 */
export async function participantCatalogue(db: Db, participantId: string, lang: string) {
	const owner = await catalogueOwnerOfParticipant(db, participantId);
	if (!owner) return null;
	const [me] = await db
		.select({ postcode: participants.postcode })
		.from(participants)
		.where(eq(participants.id, participantId));
	return {
		activities: (await listActivities(db, owner)).map((row) =>
			packActivity(listActivity(toCatalogue(row, lang), lang))
		),
		centroids: await centroidsOf(db, owner),
		postcode: me?.postcode ?? null
	};
}

/** One activity of the participant's catalogue, or null (unknown or another municipality's). */
export async function activityForParticipant(
	db: Db,
	participantId: string,
	activityId: string,
	lang: string
) {
	const owner = await catalogueOwnerOfParticipant(db, participantId);
	if (!owner) return null;
	const [row] = await db
		.select(listColumns)
		.from(activities)
		.where(and(eq(activities.id, activityId), eq(activities.organisationId, owner)));
	return row ? toCatalogue({ ...row, photo: null }, lang) : null;
}

export async function setParticipantPostcode(db: Db, participantId: string, postcode: string | null) {
	await db.update(participants).set({ postcode }).where(eq(participants.id, participantId));
}
