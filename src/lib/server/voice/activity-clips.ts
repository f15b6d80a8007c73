import { createHash } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db';
import { activities, voiceClips } from '../db/schema';
import type { CoachActor } from '../auth/coach';
import { catalogueOwnerOfTeam } from '../activities/catalogue';
import {
	catalogueTexts,
	dutchOf,
	fieldState,
	mayTranslate,
	TRANSLATED_FIELDS,
	type TranslatedField
} from '../activities/translations';
import { LANGUAGE_CODES, SOURCE_LANGUAGE, type LanguageCode } from '$lib/i18n/languages';

/**
 * Recorded clips of activity texts (issue 12 §4): the title, the description and why it is closed, per language,
 * recorded in the studio's "Activiteiten vertalen" beside the translation (and in Dutch for the Dutch fallback).
 * They live in `voice_clips` like the app texts' clips, under the keys the phone's speakers use
 * (ActivityDetail.svelte): `activity:<id>`, `activity:<id>:description`, `activity:<id>:closed`. Unlike those, they
 * stay out of the language-wide clip manifest (every participant page carries it, and the service worker
 * precaches it: 5,000 activities must not travel): the activity's own page carries the clips of its texts.
 */
export const ACTIVITY_KEY_PREFIX = 'activity:';

const SUFFIX: Record<TranslatedField, string> = {
	title: '',
	description: ':description',
	closedReason: ':closed'
};
const KEY =
	/^activity:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::(description|closed))?$/;

export const isActivityKey = (key: string) => key.startsWith(ACTIVITY_KEY_PREFIX);

export function activityTextKey(activityId: string, field: TranslatedField): string {
	return `${ACTIVITY_KEY_PREFIX}${activityId}${SUFFIX[field]}`;
}

/** The activity and field a clip key speaks, or null for a key that is not an activity text's. */
export function parseActivityKey(key: string): { activityId: string; field: TranslatedField } | null {
	const match = KEY.exec(key);
	if (!match) return null;
	const field = match[2] === 'description' ? 'description' : match[2] === 'closed' ? 'closedReason' : 'title';
	return { activityId: match[1]!, field };
}

type TextRow = Pick<typeof activities.$inferSelect, TranslatedField | 'closed' | 'translations'>;

/**
 * What a clip of this field says in this language: the current translation (Dutch: the Dutch source), or null when
 * the participant is not shown this text in this language (no translation, a stale one, or why it is closed while
 * it is open).
 */
export function clipText(row: TextRow, lang: string, field: TranslatedField): string | null {
	const dutch = dutchOf(row, field);
	if (!dutch) return null;
	if (lang === SOURCE_LANGUAGE) return dutch;
	return fieldState(row, lang, field) === 'done' ? (row.translations[lang]?.[field] ?? null) : null;
}

/**
 * The texts a clip speaks, as for the app texts' clips (clips.ts textHash): the Dutch source and the translation.
 * When either changes, the clip is stale and the phone falls back until it is recorded again.
 */
export function activityTextHash(row: TextRow, lang: string, field: TranslatedField): string {
	const dutch = row[field].trim();
	return clipHash(dutch, lang === SOURCE_LANGUAGE ? dutch : (row.translations[lang]?.[field] ?? ''));
}

/** The hash of a Dutch text and what a clip says for it (in Dutch: the Dutch itself). */
export function clipHash(dutch: string, spoken: string): string {
	return createHash('sha256').update(`${dutch}\0${spoken}`).digest('hex').slice(0, 16);
}

const textColumns = {
	title: activities.title,
	description: activities.description,
	closed: activities.closed,
	closedReason: activities.closedReason,
	translations: activities.translations
};

/** The activity behind a key, when it is in the catalogue this coach may translate (the checks of saveTranslation). */
async function ownActivity(db: Db, coach: CoachActor, key: string) {
	const parsed = parseActivityKey(key);
	if (!parsed) return null;
	const owner = await catalogueOwnerOfTeam(db, coach.teamId);
	const [row] = await db
		.select(textColumns)
		.from(activities)
		.where(and(eq(activities.id, parsed.activityId), eq(activities.organisationId, owner)));
	return row ? { row, field: parsed.field } : null;
}

export type ActivityClipCheck =
	{ ok: true; textHash: string } | { ok: false; reason: 'forbidden' | 'unknown_text' };

/**
 * May this coach record this activity text in this language? Only who may translate the catalogue, only an
 * activity of their own municipality's catalogue, and only a text the participant is shown in that language.
 */
export async function checkActivityClip(
	db: Db,
	coach: CoachActor,
	lang: LanguageCode,
	key: string
): Promise<ActivityClipCheck> {
	if (!mayTranslate(coach)) return { ok: false, reason: 'forbidden' };
	const found = await ownActivity(db, coach, key);
	if (!found || clipText(found.row, lang, found.field) === null) return { ok: false, reason: 'unknown_text' };
	return { ok: true, textHash: activityTextHash(found.row, lang, found.field) };
}

/** May this coach delete the clip under this key: who may translate, an activity of their own catalogue. */
export async function mayDeleteActivityClip(db: Db, coach: CoachActor, key: string): Promise<boolean> {
	return mayTranslate(coach) && !!(await ownActivity(db, coach, key));
}

/** The clip version in its URL (as clips.ts clipVersion: the start of the content hash). */
const versionOf = (sha256: string) => sha256.slice(0, 16);

/**
 * For the participant's page of one activity: the current (not stale) clips of the texts it shows, per language
 * they are shown in — a translated text in the participant's language, the Dutch fallback in Dutch.
 */
export async function activityClips(
	db: Db,
	activityId: string,
	lang: string
): Promise<Record<string, Record<string, string>>> {
	const [row] = await db.select(textColumns).from(activities).where(eq(activities.id, activityId));
	if (!row) return {};
	const wanted: { key: string; lang: string; hash: string }[] = [];
	for (const field of TRANSLATED_FIELDS) {
		if (!dutchOf(row, field)) continue;
		const shownIn = clipText(row, lang, field) === null ? SOURCE_LANGUAGE : lang;
		wanted.push({
			key: activityTextKey(activityId, field),
			lang: shownIn,
			hash: activityTextHash(row, shownIn, field)
		});
	}
	if (!wanted.length) return {};
	const rows = await db
		.select({
			lang: voiceClips.lang,
			textKey: voiceClips.textKey,
			sha256: voiceClips.sha256,
			textHash: voiceClips.textHash
		})
		.from(voiceClips)
		.where(
			and(
				inArray(
					voiceClips.textKey,
					wanted.map((w) => w.key)
				),
				inArray(voiceClips.lang, [...new Set(wanted.map((w) => w.lang))])
			)
		);
	const clips: Record<string, Record<string, string>> = {};
	for (const w of wanted) {
		const clip = rows.find((r) => r.textKey === w.key && r.lang === w.lang);
		if (clip && clip.textHash === w.hash) (clips[w.lang] ??= {})[w.key] = versionOf(clip.sha256);
	}
	return clips;
}

export interface ActivityClipState {
	version: string;
	bytes: number;
	stale: boolean;
}

/** Activity clips of one language, by key (the studio matches them to its texts). */
export async function activityClipsOfLanguage(db: Db, lang: LanguageCode) {
	const rows = await db
		.select({
			textKey: voiceClips.textKey,
			sha256: voiceClips.sha256,
			bytes: voiceClips.bytes,
			textHash: voiceClips.textHash
		})
		.from(voiceClips)
		.where(and(eq(voiceClips.lang, lang), like(voiceClips.textKey, `${ACTIVITY_KEY_PREFIX}%`)));
	return new Map(rows.map((r) => [r.textKey, r]));
}

/** Per language: activity texts that can be recorded (shown in that language), recorded (current), and stale. */
export interface ActivityClipProgress {
	total: number;
	recorded: number;
	stale: number;
}

/** Recording progress of the catalogue's activity texts per language, for the studio's overview. */
export async function activityClipProgress(
	db: Db,
	coach: CoachActor
): Promise<Record<LanguageCode, ActivityClipProgress>> {
	const [rows, clips] = await Promise.all([
		catalogueTexts(db, coach),
		db
			.select({ lang: voiceClips.lang, textKey: voiceClips.textKey, textHash: voiceClips.textHash })
			.from(voiceClips)
			.where(like(voiceClips.textKey, `${ACTIVITY_KEY_PREFIX}%`))
	]);
	const byKey = new Map(clips.map((c) => [`${c.lang}\0${c.textKey}`, c.textHash]));
	const progress = Object.fromEntries(
		LANGUAGE_CODES.map((l) => [l, { total: 0, recorded: 0, stale: 0 }])
	) as Record<LanguageCode, ActivityClipProgress>;
	for (const row of rows)
		for (const field of TRANSLATED_FIELDS)
			for (const lang of LANGUAGE_CODES) {
				if (clipText(row, lang, field) === null) continue;
				const p = progress[lang];
				p.total++;
				const recordedFor = byKey.get(`${lang}\0${activityTextKey(row.id, field)}`);
				if (recordedFor === undefined) continue;
				if (recordedFor === activityTextHash(row, lang, field)) p.recorded++;
				else p.stale++;
			}
	return progress;
}

/** Removes the clips of an activity's texts in every language (the activity is deleted). */
export async function deleteActivityClips(db: Db, activityId: string): Promise<void> {
	await db.delete(voiceClips).where(like(voiceClips.textKey, `${ACTIVITY_KEY_PREFIX}${activityId}%`));
}
