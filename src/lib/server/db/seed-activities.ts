import { eq, inArray } from 'drizzle-orm';
import type { Db } from '.';
import { activities, participants } from './schema';
import { csvRows } from '../activities/layout';
import { importActivities } from '../activities/import';
import { importCentroids } from '../activities/manage';
// Data files, inlined into the server build by Vite (?raw), so they need no path at run time.
import activitiesCsv from './demo/activities.csv?raw';
import postcodesCsv from './demo/postcodes.csv?raw';

/**
 * The demo municipality's activities (about forty in every category, drawn from what coaches told us works as a
 * first step, some with translated titles) and the postcode centres of its neighbourhoods: data files in the import
 * layout, loaded through the same reader, checks and import plan as a manager's import. A second run changes nothing.
 */
export async function seedActivities(db: Db, organisationId: string): Promise<void> {
	const [any] = await db
		.select({ id: activities.id })
		.from(activities)
		.where(eq(activities.organisationId, organisationId))
		.limit(1);
	if (any) return;
	// Some demo participants have given their postcode, so "near me" works for them at once.
	for (const [postcode, slugs] of [
		['6544', ['demo-hodan', 'demo-yonas']],
		['6522', ['demo-fatma', 'demo-samira']]
	] as const) {
		await db
			.update(participants)
			.set({ postcode })
			.where(inArray(participants.slug, [...slugs]));
	}
	const centroids = await importCentroids(db, organisationId, postcodesCsv);
	if (!centroids.ok) throw new Error(`demo/postcodes.csv: ${centroids.errors.join('; ')}`);
	const rows = csvRows(activitiesCsv);
	if ('error' in rows) throw new Error(`demo/activities.csv: ${rows.error}`);
	const plan = await importActivities(db, null, organisationId, rows, { apply: true, source: 'csv' });
	if (!plan.ok)
		throw new Error(
			`demo/activities.csv: ${plan.rejected.map((r) => `regel ${r.line}: ${r.reasons.join(', ')}`).join('; ')}`
		);
}
