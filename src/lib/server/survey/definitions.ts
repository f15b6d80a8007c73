import { can } from '../access/policy';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { questionnaireDefinitions } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import type { DefinitionError, Questionnaire } from '$lib/survey';
import { validateDefinition } from '$lib/survey/schema';
import { PICTOGRAM_NAMES } from '$lib/pictograms';
import { surveyTextKeys } from '../i18n/resources';
import { questionnaireText } from './texts';

/** The questionnaires that come with Opstap (src/lib/survey/definitions): installed at start when missing. */
const BUILT_IN = import.meta.glob<Record<string, unknown>>('/src/lib/survey/definitions/*.json', {
	eager: true,
	import: 'default'
});

const cache = new Map<string, Questionnaire>();

/** Checks a definition as the engine does, and that every text has a Dutch source text and every pictogram exists. */
export function checkDefinition(
	input: unknown
): { ok: true; definition: Questionnaire } | { ok: false; errors: readonly DefinitionError[] } {
	const result = validateDefinition(input, {
		textKeys: new Set(surveyTextKeys()),
		pictograms: new Set<string>(PICTOGRAM_NAMES)
	});
	return result.ok ? { ok: true, definition: result.definition } : { ok: false, errors: result.errors };
}

export async function installBuiltInDefinitions(db: Db): Promise<string[]> {
	const installed: string[] = [];
	for (const [file, json] of Object.entries(BUILT_IN)) {
		const checked = checkDefinition(json);
		if (!checked.ok) throw new Error(`${file} is not a valid questionnaire: ${checked.errors[0]?.message}`);
		const { id, version } = checked.definition;
		const inserted = await db
			.insert(questionnaireDefinitions)
			.values({ questionnaireId: id, version, definition: json })
			.onConflictDoNothing()
			.returning({ id: questionnaireDefinitions.id });
		if (inserted.length) installed.push(`${id}@${version}`);
	}
	return installed;
}

export async function getDefinition(
	db: Db,
	questionnaireId: string,
	version: string
): Promise<Questionnaire | null> {
	const key = `${questionnaireId}@${version}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const [row] = await db
		.select({ definition: questionnaireDefinitions.definition })
		.from(questionnaireDefinitions)
		.where(
			and(
				eq(questionnaireDefinitions.questionnaireId, questionnaireId),
				eq(questionnaireDefinitions.version, version)
			)
		);
	if (!row) return null;
	const checked = validateDefinition(row.definition);
	if (!checked.ok) return null;
	cache.set(key, checked.definition);
	return checked.definition;
}

/** "1.10.0" after "1.9.0": versions compare number by number. */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d) return d;
	}
	return 0;
}

export async function latestDefinition(db: Db, questionnaireId: string): Promise<Questionnaire | null> {
	const rows = await db
		.select({ version: questionnaireDefinitions.version })
		.from(questionnaireDefinitions)
		.where(eq(questionnaireDefinitions.questionnaireId, questionnaireId));
	const latest = rows
		.map((r) => r.version)
		.sort(compareVersions)
		.at(-1);
	return latest ? getDefinition(db, questionnaireId, latest) : null;
}

/** Every version, with its Dutch title and the languages it has texts in (shipped ones: every app language). */
export async function listDefinitions(db: Db) {
	const rows = await db
		.select({
			questionnaireId: questionnaireDefinitions.questionnaireId,
			version: questionnaireDefinitions.version,
			createdAt: questionnaireDefinitions.createdAt
		})
		.from(questionnaireDefinitions)
		.orderBy(questionnaireDefinitions.questionnaireId, questionnaireDefinitions.createdAt);
	return Promise.all(
		rows.map(async (row) => {
			const definition = await getDefinition(db, row.questionnaireId, row.version);
			return {
				...row,
				title: definition ? questionnaireText(definition, 'nl', definition.title) : row.questionnaireId,
				languages: definition?.texts ? Object.keys(definition.texts) : ['alle talen van de app']
			};
		})
	);
}

/** The latest version of every questionnaire a coach can set ready (the coach's own items excepted), with titles. */
export async function assignableQuestionnaires(
	db: Db
): Promise<{ id: string; title: string; version: string }[]> {
	const latest = new Map<string, string>();
	for (const row of await db
		.select({ id: questionnaireDefinitions.questionnaireId, version: questionnaireDefinitions.version })
		.from(questionnaireDefinitions)) {
		const known = latest.get(row.id);
		if (!known || compareVersions(row.version, known) > 0) latest.set(row.id, row.version);
	}
	const out = [];
	for (const [id, version] of latest) {
		if (id === 'coach') continue;
		const definition = await getDefinition(db, id, version);
		if (definition) out.push({ id, version, title: questionnaireText(definition, 'nl', definition.title) });
	}
	return out.sort((a, b) => a.title.localeCompare(b.title, 'nl'));
}

export type ImportResult =
	| { ok: true; questionnaireId: string; version: string }
	| { ok: false; reason: 'invalid'; errors: readonly DefinitionError[] }
	| { ok: false; reason: 'exists' | 'forbidden' };

/** An admin adds a new questionnaire or a new version; an existing version never changes (answers point to it). */
export async function importDefinition(db: Db, coach: CoachActor, input: unknown): Promise<ImportResult> {
	if (!can(coach, 'questionnaires.manage')) return { ok: false, reason: 'forbidden' };
	const checked = checkDefinition(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
	const { id, version } = checked.definition;
	const inserted = await db
		.insert(questionnaireDefinitions)
		.values({
			questionnaireId: id,
			version,
			definition: input as Record<string, unknown>,
			importedByCoachId: coach.id
		})
		.onConflictDoNothing()
		.returning({ id: questionnaireDefinitions.id });
	if (!inserted.length) return { ok: false, reason: 'exists' };
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{ action: 'questionnaire.imported', details: { id, version } }
	);
	return { ok: true, questionnaireId: id, version };
}
