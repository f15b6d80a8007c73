/**
 * The import plan: what a file (CSV, or an iCal feed as rows in the CSV layout) would do to the catalogue, shown
 * as a dry run, and with `apply` done. A file with any refused row imports nothing; warnings (a row that looks like
 * an activity already there under another id) do not stop it.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { activities } from '../db/schema';
import type { Point } from '$lib/activities/filter';
import { audit } from '../audit';
import { comparableTranslations, mergeTranslations } from './translations';
import type { CoachActor } from '../auth/coach';
import { centroidsOf, listActivities, type ActivityRow } from './catalogue';
import type { ActivityInput, SourceRow } from './layout';
import { validateRow } from './validate';

export interface ImportPlan {
	added: { line: number; externalId: string; title: string }[];
	changed: { line: number; externalId: string; title: string; fields: string[] }[];
	unchanged: number;
	rejected: { line: number; externalId: string; reasons: string[] }[];
	/** Rows that are imported, but that the manager should look at (in Dutch). */
	warnings: { line: number; externalId: string; title: string; messages: string[] }[];
	/** True when nothing was refused: only then is anything imported. */
	ok: boolean;
}

const COMPARED: (keyof ActivityInput)[] = [
	'category',
	'title',
	'description',
	'translations',
	'organiser',
	'contact',
	'address',
	'neighbourhood',
	'postcode',
	'lat',
	'lon',
	'start',
	'durationMinutes',
	'rrule',
	'exdates',
	'rdates',
	'cost',
	'priceCents',
	'effort',
	'groupSize',
	'womenOnly',
	'wheelchair',
	'childcare',
	'languages',
	'closed',
	'closedReason'
];

function changedFields(before: ActivityRow, after: ActivityInput): string[] {
	return COMPARED.filter((k) =>
		k === 'translations'
			? comparableTranslations(before.translations) !== comparableTranslations(after.translations)
			: JSON.stringify(before[k]) !== JSON.stringify(after[k])
	);
}

/** The four digits of a Dutch postcode ("6511 AB" -> "6511"), or null. */
export function pc4(postcode: string): string | null {
	return /^(\d{4})\s*([a-z]{2})?$/i.exec(postcode.trim())?.[1] ?? null;
}

/** Without coordinates of its own, an activity is placed at the centre of its postcode (the municipality's table). */
export function placeByPostcode(input: ActivityInput, centroids: Record<string, Point>): ActivityInput {
	if (input.lat !== null || input.lon !== null) return input;
	const centre = centroids[pc4(input.postcode) ?? ''];
	return centre ? { ...input, lat: centre.lat, lon: centre.lon } : input;
}

const titleKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const same = (a: string, b: string) => titleKey(a) === titleKey(b);

/**
 * Whether two activities look like the same one: the same title (whatever the capitals and spaces) and the same
 * first start or the same address. Says what is the same, or null.
 */
export function lookAlike(
	a: Pick<ActivityInput, 'title' | 'start' | 'address'>,
	b: Pick<ActivityInput, 'title' | 'start' | 'address'>
): string | null {
	if (!a.title || !same(a.title, b.title)) return null;
	if (a.start && a.start === b.start) return 'dezelfde titel en dezelfde eerste keer';
	if (a.address && same(a.address, b.address)) return 'dezelfde titel en hetzelfde adres';
	return null;
}

/**
 * What an import would do (the dry run), and with `apply` does it: added, changed, unchanged and refused rows, each
 * refused one with its reasons, and warnings. When any row is refused nothing is imported. The import is audited
 * as the coach's; the demo data (no coach) is not.
 */
export async function importActivities(
	db: Db,
	coach: CoachActor | null,
	organisationId: string,
	rows: SourceRow[],
	options: { apply: boolean; source: 'csv' | 'ical' }
): Promise<ImportPlan> {
	const current = await listActivities(db, organisationId);
	const existing = new Map(current.map((a) => [a.externalId, a]));
	const centroids = await centroidsOf(db, organisationId);
	const plan: ImportPlan = { added: [], changed: [], unchanged: 0, rejected: [], warnings: [], ok: true };
	const seen = new Set<string>();
	// Activities by title, to find look-alikes: the catalogue's, then the file's rows already read (with their line).
	const byTitle = new Map<string, (ActivityInput & { line?: number })[]>();
	const remember = (a: ActivityInput & { line?: number }) => {
		const list = byTitle.get(titleKey(a.title));
		if (list) list.push(a);
		else byTitle.set(titleKey(a.title), [a]);
	};
	current.forEach(remember);
	const writes: { input: ActivityInput; id?: string }[] = [];
	for (const { line, row, error, warnings } of rows) {
		const result = validateRow(row);
		const externalId = (row.id ?? '').trim();
		const reasons = [...(error ? [error] : []), ...(result.ok ? [] : result.reasons)];
		if (externalId && seen.has(externalId)) reasons.push('id: staat twee keer in dit bestand');
		seen.add(externalId);
		if (!result.ok || reasons.length) {
			plan.rejected.push({ line, externalId, reasons });
			continue;
		}
		const input = placeByPostcode(result.input, centroids);
		const messages = [...(warnings ?? [])];
		for (const other of byTitle.get(titleKey(input.title)) ?? []) {
			if (other.externalId === externalId) continue;
			const why = lookAlike(input, other);
			if (why)
				messages.push(
					other.line !== undefined
						? `lijkt op regel ${other.line} (id ${other.externalId}) in dit bestand: ${why}`
						: `lijkt op de bestaande activiteit "${other.title}" (id ${other.externalId}): ${why}`
				);
		}
		if (messages.length) plan.warnings.push({ line, externalId, title: input.title, messages });
		remember({ ...input, line });
		const before = existing.get(externalId);
		// Translations with the hash of the Dutch they belong to; one the file has no column for stays as it was.
		const merged = {
			...input,
			translations: mergeTranslations(before ?? null, input.translations, input, row)
		};
		if (!before) {
			plan.added.push({ line, externalId, title: input.title });
			writes.push({ input: merged });
		} else {
			const fields = changedFields(before, merged);
			if (fields.length) {
				plan.changed.push({ line, externalId, title: input.title, fields });
				writes.push({ input: merged, id: before.id });
			} else plan.unchanged++;
		}
	}
	plan.ok = plan.rejected.length === 0;
	if (options.apply && plan.ok && writes.length) {
		await db.transaction(async (tx) => {
			for (const w of writes) {
				if (w.id) {
					await tx
						.update(activities)
						.set({ ...w.input, updatedAt: new Date() })
						.where(and(eq(activities.id, w.id), eq(activities.organisationId, organisationId)));
				} else await tx.insert(activities).values({ ...w.input, organisationId });
			}
		});
		if (coach)
			await audit(
				db,
				{ type: 'coach', id: coach.id },
				{
					action: 'activities.imported',
					details: { source: options.source, added: plan.added.length, changed: plan.changed.length }
				}
			);
	}
	return plan;
}
