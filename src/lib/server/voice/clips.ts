import { createHash } from 'node:crypto';
import { and, eq, notLike, sql } from 'drizzle-orm';
import { audioType } from './audio';
import type { Db } from '../db';
import { voiceClips } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { voiceText, voiceTextKeys } from '../i18n/resources';
import { isLanguage, LANGUAGE_CODES, type LanguageCode } from '$lib/i18n/languages';
import {
	ACTIVITY_KEY_PREFIX,
	checkActivityClip,
	isActivityKey,
	mayDeleteActivityClip
} from './activity-clips';

/** One short sentence is a few seconds (about 30 kB as Opus): 400 kB is plenty, keeps downloads small and stays under adapter-node's 512 kB body limit. */
export const MAX_CLIP_BYTES = 400_000;

export type SaveClipResult =
	| { ok: true; sha256: string; replaced: boolean }
	| {
			ok: false;
			reason: 'unknown_text' | 'unknown_language' | 'forbidden' | 'empty' | 'too_large' | 'not_audio';
	  };

/** The app texts' clips: what the language-wide manifest, coverage and clip packs count (activity-clips.ts has the rest). */
const appTextClip = notLike(voiceClips.textKey, `${ACTIVITY_KEY_PREFIX}%`);

/**
 * The texts a clip speaks: the Dutch source and the translation. A clip recorded for other words (the source or the
 * translation changed since) is stale: the studio asks for it again and the phone falls back until then.
 */
export function textHash(lang: LanguageCode, key: string): string {
	return createHash('sha256')
		.update(`${voiceText('nl', key) ?? ''}\0${voiceText(lang, key) ?? ''}`)
		.digest('hex')
		.slice(0, 16);
}

/**
 * Stores (or replaces) the clip for one text in one language, after checking by content that it is audio. An app
 * text's key, or an activity text's (`activity:<id>`, `…:description`, `…:closed`: only who may translate, only their
 * own catalogue's activity, only a text shown in that language; activity-clips.ts).
 */
export async function saveClip(
	db: Db,
	coach: CoachActor,
	input: { lang: string; textKey: string; data: Uint8Array }
): Promise<SaveClipResult> {
	if (!isLanguage(input.lang)) return { ok: false, reason: 'unknown_language' };
	let hash: string;
	if (isActivityKey(input.textKey)) {
		const check = await checkActivityClip(db, coach, input.lang, input.textKey);
		if (!check.ok) return check;
		hash = check.textHash;
	} else if (voiceTextKeys().includes(input.textKey)) hash = textHash(input.lang, input.textKey);
	else return { ok: false, reason: 'unknown_text' };
	if (input.data.byteLength === 0) return { ok: false, reason: 'empty' };
	if (input.data.byteLength > MAX_CLIP_BYTES) return { ok: false, reason: 'too_large' };
	const mime = await audioType(input.data);
	if (!mime) return { ok: false, reason: 'not_audio' };

	const audio = Buffer.from(input.data);
	const sha256 = createHash('sha256').update(audio).digest('hex');
	const [existing] = await db
		.select({ id: voiceClips.id })
		.from(voiceClips)
		.where(and(eq(voiceClips.lang, input.lang), eq(voiceClips.textKey, input.textKey)));
	const values = {
		mime,
		audio,
		bytes: audio.byteLength,
		sha256,
		textHash: hash,
		recordedByCoachId: coach.id
	};
	await db
		.insert(voiceClips)
		.values({ lang: input.lang, textKey: input.textKey, ...values })
		.onConflictDoUpdate({
			target: [voiceClips.lang, voiceClips.textKey],
			set: { ...values, updatedAt: new Date() }
		});
	manifestCache.delete(input.lang);
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: existing ? 'voice_clip.replaced' : 'voice_clip.added',
			details: { lang: input.lang, textKey: input.textKey, bytes: audio.byteLength }
		}
	);
	return { ok: true, sha256, replaced: !!existing };
}

/** Deletes one clip; an activity text's only by who may translate that activity (as saving it). */
export async function deleteClip(db: Db, coach: CoachActor, lang: string, textKey: string): Promise<boolean> {
	if (isActivityKey(textKey) && !(await mayDeleteActivityClip(db, coach, textKey))) return false;
	const deleted = await db
		.delete(voiceClips)
		.where(and(eq(voiceClips.lang, lang), eq(voiceClips.textKey, textKey)))
		.returning({ id: voiceClips.id });
	manifestCache.delete(lang);
	if (deleted.length) {
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'voice_clip.deleted', details: { lang, textKey } }
		);
	}
	return deleted.length > 0;
}

export async function getClip(db: Db, lang: string, textKey: string) {
	const [clip] = await db
		.select({ mime: voiceClips.mime, audio: voiceClips.audio, sha256: voiceClips.sha256 })
		.from(voiceClips)
		.where(and(eq(voiceClips.lang, lang), eq(voiceClips.textKey, textKey)));
	return clip ?? null;
}

/** The app texts' clips of one language; `stale` when recorded for words that have changed since. */
export async function listClips(db: Db, lang: LanguageCode) {
	const rows = await db
		.select({
			textKey: voiceClips.textKey,
			sha256: voiceClips.sha256,
			bytes: voiceClips.bytes,
			textHash: voiceClips.textHash,
			updatedAt: voiceClips.updatedAt
		})
		.from(voiceClips)
		.where(and(eq(voiceClips.lang, lang), appTextClip));
	return rows.map(({ textHash: recordedFor, ...clip }) => ({
		...clip,
		stale: recordedFor !== null && recordedFor !== textHash(lang, clip.textKey)
	}));
}

// The clip list of a language goes with every participant page; keep it in memory briefly.
const manifestCache = new Map<string, { at: number; clips: Record<string, string> }>();
const MANIFEST_TTL_MS = 30_000;

/** The version of a clip in its URL: the start of its content hash. */
export function clipVersion(sha256: string): string {
	return sha256.slice(0, 16);
}

/** text key -> clip version, for the current (not stale) clips of one language. */
export async function clipManifest(
	db: Db,
	lang: LanguageCode,
	now = Date.now()
): Promise<Record<string, string>> {
	const cached = manifestCache.get(lang);
	if (cached && now - cached.at < MANIFEST_TTL_MS) return cached.clips;
	const clips = Object.fromEntries(
		(await listClips(db, lang)).filter((c) => !c.stale).map((c) => [c.textKey, clipVersion(c.sha256)])
	);
	manifestCache.set(lang, { at: now, clips });
	return clips;
}

/** Per language: how many participant texts there are and how many have a recorded clip. */
export async function clipCoverage(db: Db) {
	const rows = await db
		.select({ lang: voiceClips.lang, count: sql<number>`count(*)::int` })
		.from(voiceClips)
		.where(appTextClip)
		.groupBy(voiceClips.lang);
	const total = voiceTextKeys().length;
	return LANGUAGE_CODES.map((lang) => ({
		lang,
		total,
		recorded: Number(rows.find((r) => r.lang === lang)?.count ?? 0)
	}));
}
