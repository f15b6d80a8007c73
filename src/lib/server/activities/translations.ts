import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { can } from '../access/policy';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import type { Db } from '../db';
import { activities } from '../db/schema';
import { isLanguage, LANGUAGE_CODES, SOURCE_LANGUAGE, type LanguageCode } from '$lib/i18n/languages';
import { catalogueOwnerOfTeam } from './catalogue';

type ActivityRow = typeof activities.$inferSelect;

/**
 * Translations of an activity's texts (issue 12 §4): the texts a participant reads on the activity's page — its
 * title, its description and, while it is closed, why. Translators write them per language in the studio; the CSV
 * import and the activity form carry titles and descriptions too. Each translated text keeps a hash of the Dutch it
 * was made from: when the Dutch changes it is stale ("opnieuw vertalen") and the phone shows the Dutch, marked as
 * Dutch, until it is translated again.
 */
export const TRANSLATED_FIELDS = ['title', 'description', 'closedReason'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

export type Translations = ActivityRow['translations'];
export type Translation = Translations[string];

/** The same limits as the activity's Dutch texts (validate.ts). */
export const MAX_LENGTH: Record<TranslatedField, number> = {
	title: 120,
	description: 1000,
	closedReason: 200
};

/** What the participant sees of a field: the Dutch source of each (closedReason only while closed). */
export function dutchOf(row: Pick<ActivityRow, TranslatedField | 'closed'>, field: TranslatedField): string {
	if (field === 'closedReason' && !row.closed) return '';
	return row[field].trim();
}

/** A short hash of one Dutch text: what a translation was made from. */
export function sourceHash(dutch: string): string {
	return createHash('sha256').update(dutch.trim()).digest('hex').slice(0, 12);
}

export type FieldState = 'done' | 'stale' | 'missing';

/**
 * One field of one language: translated and current, stale (made from other Dutch), or missing. A translation
 * without a hash (imported before hashes were kept) is taken as current.
 */
export function fieldState(
	row: Pick<ActivityRow, TranslatedField | 'closed' | 'translations'>,
	lang: string,
	field: TranslatedField
): FieldState {
	const t = row.translations[lang];
	if (!t?.[field]) return 'missing';
	const made = t.sources?.[field];
	return made && made !== sourceHash(row[field]) ? 'stale' : 'done';
}

/**
 * What a participant in `lang` is sent: only that language's translations that are current. The phone shows
 * the Dutch (marked as Dutch) for the rest.
 */
export function currentTranslations(
	row: Pick<ActivityRow, TranslatedField | 'closed' | 'translations'>,
	lang: string
): Record<string, Partial<Record<TranslatedField, string>>> {
	if (lang === SOURCE_LANGUAGE) return {};
	const shown: Partial<Record<TranslatedField, string>> = {};
	for (const field of TRANSLATED_FIELDS)
		if (fieldState(row, lang, field) === 'done') shown[field] = row.translations[lang]![field]!;
	return Object.keys(shown).length ? { [lang]: shown } : {};
}

/**
 * The translations to store when the form or an import writes an activity. Their titles and descriptions come
 * with the row; a text that did not change keeps the hash it had (so a changed Dutch leaves it stale), one without
 * a hash gets the hash of the Dutch it stood beside before, and a new or changed one is taken as made from the Dutch
 * it comes with. What only the studio writes (why it is closed), and what the file has no column for, is kept.
 */
export function mergeTranslations(
	before: Pick<ActivityRow, TranslatedField | 'translations'> | null,
	incoming: Translations,
	dutch: Pick<ActivityRow, TranslatedField>,
	/** The row's columns: a file without a translation's column (title_tr) keeps that translation as it was. */
	columns?: Record<string, unknown>
): Translations {
	const carried = (lang: string, field: TranslatedField) =>
		field !== 'closedReason' && (!columns || `${field}_${lang}` in columns);
	const result: Translations = {};
	const langs = new Set([...Object.keys(incoming), ...Object.keys(before?.translations ?? {})]);
	for (const lang of langs) {
		const old = before?.translations[lang];
		const next: Translation = {};
		const sources: NonNullable<Translation['sources']> = {};
		for (const field of TRANSLATED_FIELDS) {
			const text = carried(lang, field) ? incoming[lang]?.[field] : old?.[field];
			if (!text) continue;
			next[field] = text;
			if (text === old?.[field])
				sources[field] = old.sources?.[field] ?? sourceHash(before?.[field] ?? dutch[field]);
			else sources[field] = sourceHash(dutch[field]);
		}
		if (Object.keys(next).length) result[lang] = { ...next, sources };
	}
	return result;
}

/** Titles and descriptions only, in a fixed order: what the import compares (hashes and key order aside). */
export function comparableTranslations(translations: Translations): string {
	return JSON.stringify(
		Object.keys(translations)
			.sort()
			.map((lang) => [lang, translations[lang]?.title ?? '', translations[lang]?.description ?? ''])
			.filter(([, title, description]) => title || description)
	);
}

/** Who may translate the catalogue: translators, and whoever keeps it (policy.ts). */
export function mayTranslate(coach: CoachActor): boolean {
	return can(coach, 'activities.translate');
}

export interface StudioField {
	field: TranslatedField;
	dutch: string;
	text: string;
	state: FieldState;
	max: number;
}

export interface StudioActivity {
	id: string;
	title: string;
	category: string;
	closed: boolean;
	fields: StudioField[];
}

/** Per language: texts translated and current, to do (never translated), and stale (to translate again). */
export interface TranslationProgress {
	total: number;
	done: number;
	missing: number;
	stale: number;
}

/**
 * The catalogue of the translator's municipality in the studio: every activity with the texts a participant reads,
 * the Dutch beside the translation, and the state of each.
 */
export async function studioActivities(
	db: Db,
	coach: CoachActor,
	lang: LanguageCode
): Promise<{ activities: StudioActivity[]; progress: TranslationProgress }> {
	return studioView(await catalogueTexts(db, coach), lang);
}

/** Progress per language (Dutch left out: it is the source), for the studio's overview. */
export async function translationProgress(
	db: Db,
	coach: CoachActor
): Promise<Partial<Record<LanguageCode, TranslationProgress>>> {
	const rows = await catalogueTexts(db, coach);
	return Object.fromEntries(
		LANGUAGE_CODES.filter((l) => l !== SOURCE_LANGUAGE).map((l) => [l, studioView(rows, l).progress])
	);
}

/** The catalogue of the coach's municipality: each activity's texts a participant reads, and their translations. */
export async function catalogueTexts(db: Db, coach: CoachActor) {
	const owner = await catalogueOwnerOfTeam(db, coach.teamId);
	return db
		.select({
			id: activities.id,
			category: activities.category,
			title: activities.title,
			description: activities.description,
			closed: activities.closed,
			closedReason: activities.closedReason,
			translations: activities.translations
		})
		.from(activities)
		.where(eq(activities.organisationId, owner))
		.orderBy(asc(activities.title));
}

function studioView(rows: Awaited<ReturnType<typeof catalogueTexts>>, lang: LanguageCode) {
	const progress: TranslationProgress = { total: 0, done: 0, missing: 0, stale: 0 };
	const list = rows.map((row) => {
		const fields = TRANSLATED_FIELDS.filter((field) => dutchOf(row, field)).map((field) => {
			const state = fieldState(row, lang, field);
			progress.total++;
			progress[state]++;
			return {
				field,
				dutch: dutchOf(row, field),
				text: row.translations[lang]?.[field] ?? '',
				state,
				max: MAX_LENGTH[field]
			};
		});
		return { id: row.id, title: row.title, category: row.category, closed: row.closed, fields };
	});
	return { activities: list, progress };
}

/** The studio's search over the Dutch and the translation (case and accents ignored); `todo` keeps unfinished ones. */
export function searchStudio<A extends StudioActivity>(list: A[], query: string, todo: boolean): A[] {
	const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
	const q = fold(query.trim());
	return list.filter(
		(a) =>
			(!todo || a.fields.some((f) => f.state !== 'done')) &&
			(!q || a.fields.some((f) => fold(f.dutch).includes(q) || fold(f.text).includes(q)))
	);
}

export type SaveTranslationResult =
	| { ok: true; changed: TranslatedField[] }
	| { ok: false; reason: 'forbidden' | 'unknown_language' | 'not_found' };

/**
 * Saves one activity's translation into one language (already checked for length and markup by the route's
 * schema). An empty field removes that translation. Only the activity of the translator's own municipality; a
 * field the participant does not see (why it is closed, while it is open) keeps what it had.
 */
export async function saveTranslation(
	db: Db,
	coach: CoachActor,
	input: { activityId: string; lang: string; texts: Partial<Record<TranslatedField, string>> }
): Promise<SaveTranslationResult> {
	if (!mayTranslate(coach)) return { ok: false, reason: 'forbidden' };
	if (!isLanguage(input.lang) || input.lang === SOURCE_LANGUAGE)
		return { ok: false, reason: 'unknown_language' };
	const lang = input.lang;
	const owner = await catalogueOwnerOfTeam(db, coach.teamId);
	const [row] = await db
		.select({
			title: activities.title,
			description: activities.description,
			closed: activities.closed,
			closedReason: activities.closedReason,
			translations: activities.translations
		})
		.from(activities)
		.where(and(eq(activities.id, input.activityId), eq(activities.organisationId, owner)));
	if (!row) return { ok: false, reason: 'not_found' } as const;
	const old = row.translations[lang] ?? {};
	const next: Translation = {};
	const sources: NonNullable<Translation['sources']> = {};
	const changed: TranslatedField[] = [];
	for (const field of TRANSLATED_FIELDS) {
		const given = input.texts[field];
		// A field the form did not show (no Dutch to translate) keeps its translation as it was.
		const text = given === undefined || !dutchOf(row, field) ? (old[field] ?? '') : given.trim();
		if (text !== (old[field] ?? '') || (text && fieldState(row, lang, field) === 'stale'))
			changed.push(field);
		if (!text) continue;
		next[field] = text;
		sources[field] = changed.includes(field)
			? sourceHash(row[field])
			: (old.sources?.[field] ?? sourceHash(row[field]));
	}
	const translations = { ...row.translations };
	if (Object.keys(next).length) translations[lang] = { ...next, sources };
	else delete translations[lang];
	if (changed.length) {
		await db
			.update(activities)
			.set({ translations })
			.where(and(eq(activities.id, input.activityId), eq(activities.organisationId, owner)));
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{
				action: 'activity.translated',
				details: { activityId: input.activityId, lang, fields: changed }
			}
		);
	}
	return { ok: true, changed } as const;
}
