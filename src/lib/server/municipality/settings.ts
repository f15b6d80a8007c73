import { eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { organisations } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import type { CoachActor } from '../auth/coach';
import { municipalityOf } from '../organisations';
import { refused, type Result } from '../result';
import {
	CLOSURE_REASON_LENGTH,
	CLOSURE_REASONS_MAX,
	DEFAULT_CLOSURE_REASONS,
	reasonsFromLines
} from '../closure/reasons';
import { RETENTION_KINDS, retentionOf, type RetentionKind } from '../privacy/retention';
import { installedThemes, THEME_NAME } from './themes';

/**
 * The municipality's settings page (issue 14 §4): who to call when it is urgent, its house style, the local name of
 * its sport and culture scheme, the reasons for closing a trajectory, and how long each kind of data is kept. Only an
 * admin sets them; the teams of the municipality follow them.
 */

const phone = z
	.string()
	.trim()
	.max(40, 'Het telefoonnummer is te lang.')
	.regex(/^[\d +()-]*$/, 'Een telefoonnummer heeft alleen cijfers, spaties, +, - en haakjes.')
	.default('');

export const MunicipalityForm = z.object({
	urgentName: z.string().trim().max(100, 'De naam is te lang (hoogstens 100 tekens).').default(''),
	urgentPhone: phone,
	schemeName: z
		.string()
		.trim()
		.max(60, 'De naam van de regeling is te lang (hoogstens 60 tekens).')
		.default(''),
	theme: z
		.string()
		.default('')
		.refine(
			(t) => t === '' || (THEME_NAME.test(t) && installedThemes().includes(t)),
			'Kies een huisstijl uit de lijst.'
		),
	closureReasons: z
		.string()
		.max(4000, 'De lijst met redenen is te lang.')
		.default('')
		.transform((text) => reasonsFromLines(text))
		.refine(
			(lines) => lines !== null,
			`Hoogstens ${CLOSURE_REASONS_MAX} redenen, elk hoogstens ${CLOSURE_REASON_LENGTH} tekens.`
		)
		.transform((lines) => lines ?? [])
});
export type MunicipalityInput = z.infer<typeof MunicipalityForm>;

const days = z.coerce
	.number('Vul een aantal dagen in.')
	.int('Vul een heel aantal dagen in.')
	.min(1, 'Minstens 1 dag.')
	.max(3650, 'Hoogstens 3650 dagen (10 jaar).');
/** Messages keep their own term (organisations.message_retention_days); the other kinds one each. */
export const RetentionForm = z.object({
	messages: days,
	...(Object.fromEntries(Object.keys(RETENTION_KINDS).map((k) => [k, days])) as Record<
		RetentionKind,
		typeof days
	>)
});
export type RetentionInput = z.infer<typeof RetentionForm>;

/** The settings as the admin's page shows them, or null for anyone else. */
export async function municipalitySettings(db: Db, actor: CoachActor) {
	if (!can(actor, 'municipality.settings')) return null;
	const row = await municipalityOf(db, actor.teamId);
	if (!row) return null;
	return {
		name: row.name,
		urgentName: row.urgentName ?? '',
		urgentPhone: row.urgentPhone ?? '',
		schemeName: row.schemeName ?? '',
		theme: row.theme ?? '',
		themes: installedThemes(),
		/** One per line; the defaults until the municipality sets its own. */
		closureReasons: (row.closureReasons?.length ? row.closureReasons : DEFAULT_CLOSURE_REASONS).join('\n'),
		retention: { messages: row.messageRetentionDays, ...retentionOf(row.retentionDays) }
	};
}

/** The municipality and its teams (which follow its settings). */
async function municipalityAndTeams(db: Db, actor: CoachActor) {
	if (!can(actor, 'municipality.settings')) return refused('forbidden');
	const row = await municipalityOf(db, actor.teamId);
	if (!row) return refused('not_found');
	return {
		ok: true as const,
		id: row.id,
		scope: or(eq(organisations.id, row.id), eq(organisations.parentId, row.id))
	};
}

export async function saveMunicipalitySettings(
	db: Db,
	actor: CoachActor,
	input: MunicipalityInput
): Promise<Result<object, 'forbidden' | 'not_found'>> {
	const found = await municipalityAndTeams(db, actor);
	if (!found.ok) return found;
	await db
		.update(organisations)
		.set({
			urgentName: input.urgentName || null,
			urgentPhone: input.urgentPhone || null,
			schemeName: input.schemeName || null,
			theme: input.theme || null,
			// An empty list means the defaults; so does the default list itself (it then follows later versions).
			closureReasons:
				!input.closureReasons.length || input.closureReasons.join('\n') === DEFAULT_CLOSURE_REASONS.join('\n')
					? null
					: input.closureReasons
		})
		.where(eq(organisations.id, found.id));
	await audit(db, { type: 'coach', id: actor.id }, { action: 'municipality.settings.changed' });
	return { ok: true };
}

/** Sets how long each kind of data is kept, for the municipality and its teams. */
export async function saveRetention(
	db: Db,
	actor: CoachActor,
	input: RetentionInput
): Promise<Result<object, 'forbidden' | 'not_found'>> {
	const found = await municipalityAndTeams(db, actor);
	if (!found.ok) return found;
	const { messages, ...kinds } = input;
	const value = retentionOf(kinds);
	await db
		.update(organisations)
		.set({ messageRetentionDays: messages, retentionDays: value })
		.where(found.scope);
	await audit(
		db,
		{ type: 'coach', id: actor.id },
		{ action: 'municipality.retention.changed', details: { messages, ...value } }
	);
	return { ok: true };
}
