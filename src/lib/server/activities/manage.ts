import { randomBytes } from 'node:crypto';
import { and, eq, getTableColumns } from 'drizzle-orm';
import { coachOf } from '../access';
import { refuse } from '../result';
import { db, type Db } from '../db';
import { activities, postcodeCentroids } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import type { ActivityInput } from './layout';
import { audit } from '../audit';
import { catalogueOwnerOfTeam, centroidsOf, mayManage, type ActivityRow } from './catalogue';
import { pc4, placeByPostcode } from './import';
import { validateRow } from './validate';
import { readCsv } from './csv';
import { mergeTranslations } from './translations';
import { deleteActivityClips } from '../voice/activity-clips';

/** The catalogue this coach manages, or null (translators manage none). */
export async function managedCatalogue(db: Db, coach: CoachActor): Promise<string | null> {
	return mayManage(coach) ? catalogueOwnerOfTeam(db, coach.teamId) : null;
}

const { photo: _photo, ...columns } = getTableColumns(activities);

export async function activityForManager(
	db: Db,
	organisationId: string,
	id: string
): Promise<ActivityRow | null> {
	const [row] = await db
		.select(columns)
		.from(activities)
		.where(and(eq(activities.id, id), eq(activities.organisationId, organisationId)));
	return row ? { ...row, photo: null } : null;
}

export type SaveResult = { ok: true; id: string } | { ok: false; reasons: string[] };

/**
 * Saves the edit form (the import layout's columns, checked the same way as an import). A new activity gets an
 * id of its own when the form has none.
 */
export async function saveActivity(
	db: Db,
	coach: CoachActor,
	organisationId: string,
	id: string | null,
	form: Record<string, string>
): Promise<SaveResult> {
	const existing = id ? await activityForManager(db, organisationId, id) : null;
	if (id && !existing) return { ok: false, reasons: ['Activiteit niet gevonden.'] };
	const row = {
		...form,
		id: existing?.externalId ?? (form.id?.trim() || `opstap-${randomBytes(6).toString('hex')}`)
	};
	const result = validateRow(row);
	if (!result.ok) return result;
	const placedInput = await placed(db, organisationId, result.input, existing);
	const input = {
		...placedInput,
		translations: mergeTranslations(existing, placedInput.translations, placedInput, row)
	};
	if (!existing) {
		const [clash] = await db
			.select({ id: activities.id })
			.from(activities)
			.where(and(eq(activities.organisationId, organisationId), eq(activities.externalId, row.id)));
		if (clash) return { ok: false, reasons: [`id: ${row.id} staat al in de catalogus`] };
	}
	let savedId = existing?.id;
	if (existing) {
		await db
			.update(activities)
			.set({ ...input, updatedAt: new Date() })
			.where(and(eq(activities.id, existing.id), eq(activities.organisationId, organisationId)));
	} else {
		const [inserted] = await db
			.insert(activities)
			.values({ ...input, organisationId })
			.returning({ id: activities.id });
		savedId = inserted!.id;
	}
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: existing ? 'activity.changed' : 'activity.added', details: { activityId: savedId } }
	);
	return { ok: true, id: savedId! };
}

/**
 * Where the activity is on the map: its own coordinates, or else the centre of its postcode from the municipality's
 * table. Coordinates that came from the old postcode's centre follow a changed postcode.
 */
async function placed(
	db: Db,
	organisationId: string,
	input: ActivityInput,
	before: ActivityRow | null
): Promise<ActivityInput> {
	const centroids = await centroidsOf(db, organisationId);
	const oldCentre = before ? centroids[pc4(before.postcode) ?? ''] : undefined;
	const followsPostcode =
		before &&
		pc4(before.postcode) !== pc4(input.postcode) &&
		input.lat === before.lat &&
		input.lon === before.lon &&
		(before.lat === null || (oldCentre?.lat === before.lat && oldCentre.lon === before.lon));
	return placeByPostcode(followsPostcode ? { ...input, lat: null, lon: null } : input, centroids);
}

/** Open or closed for now, with a reason the participant sees. */
export async function setClosed(
	db: Db,
	organisationId: string,
	id: string,
	closed: boolean,
	reason: string
): Promise<boolean> {
	const updated = await db
		.update(activities)
		.set({ closed, closedReason: closed ? reason : '', updatedAt: new Date() })
		.where(and(eq(activities.id, id), eq(activities.organisationId, organisationId)))
		.returning({ id: activities.id });
	return updated.length > 0;
}

export async function deleteActivity(db: Db, coach: CoachActor, organisationId: string, id: string) {
	const deleted = await db
		.delete(activities)
		.where(and(eq(activities.id, id), eq(activities.organisationId, organisationId)))
		.returning({ id: activities.id, title: activities.title });
	if (deleted[0]) {
		// Its recorded texts go with it (the voice studio's activity clips).
		await deleteActivityClips(db, id);
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'activity.deleted', details: { ...deleted[0] } }
		);
	}
	return deleted.length > 0;
}

/**
 * Loads the municipality's postcode centroids from a CSV "postcode;lat;lon" (four digits, decimal degrees). All
 * or nothing: a bad line refuses the file, naming the line.
 */
export async function importCentroids(
	db: Db,
	organisationId: string,
	text: string
): Promise<{ ok: true; count: number } | { ok: false; errors: string[] }> {
	const read = readCsv(text);
	if (!read.ok) return { ok: false, errors: [read.error] };
	const rows = read.records;
	const body = rows[0] && /postcode/i.test(rows[0].cells[0] ?? '') ? rows.slice(1) : rows;
	const errors: string[] = [];
	const values: { organisationId: string; postcode: string; lat: number; lon: number }[] = [];
	for (const { line, cells } of body) {
		const postcode = (cells[0] ?? '').trim().slice(0, 4);
		const lat = Number((cells[1] ?? '').replace(',', '.'));
		const lon = Number((cells[2] ?? '').replace(',', '.'));
		if (!/^\d{4}$/.test(postcode))
			errors.push(`regel ${line}: postcode "${cells[0] ?? ''}" begint niet met vier cijfers`);
		else if (!(lat >= 50 && lat <= 54 && lon >= 3 && lon <= 8))
			errors.push(`regel ${line}: lat en lon zijn geen plek in Nederland`);
		else values.push({ organisationId, postcode, lat, lon });
	}
	if (errors.length || !values.length)
		return { ok: false, errors: errors.length ? errors : ['Het bestand is leeg.'] };
	await db.transaction(async (tx) => {
		for (const v of values) {
			await tx
				.insert(postcodeCentroids)
				.values(v)
				.onConflictDoUpdate({
					target: [postcodeCentroids.organisationId, postcodeCentroids.postcode],
					set: { lat: v.lat, lon: v.lon }
				});
		}
	});
	return { ok: true, count: values.length };
}

/**
 * The catalogue a workspace user keeps, for the coach's activity pages (the guard has already refused other roles):
 * the database and the municipality whose catalogue it is.
 */
export async function catalogueManager(locals: App.Locals) {
	const coach = coachOf(locals);
	const database = await db();
	const org = await managedCatalogue(database, coach);
	if (!org) refuse('forbidden');
	return { database, org, coach };
}
