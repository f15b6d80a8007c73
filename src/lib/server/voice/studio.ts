import type { Db } from '../db';
import { voiceText, voiceTextKeys } from '../i18n/resources';
import type { LanguageCode } from '$lib/i18n/languages';
import { clipVersion, listClips } from './clips';
import { voiceSource } from './coverage';

/**
 * The order in which the studio offers texts to record: what every participant hears most, first — the home screen
 * and the words on every screen, pairing, the questions' answer options, dates (from recorded words), the first
 * questionnaire — then the areas. Texts whose key starts with none of these follow in the order of the text files.
 */
export const STUDIO_ORDER = [
	'app.',
	'home.',
	'common.',
	'frame.',
	'voice.',
	'welcome.',
	'pair.',
	'digitPad.',
	'language.',
	'answer.',
	'faces.',
	'scale10.',
	'agree.',
	'question.',
	'questions.',
	'words:',
	'appointments:',
	'survey:common.',
	'survey:consent.',
	'survey:intake.',
	'sync.',
	'offline.',
	'messages:',
	'activities:',
	'plan:',
	'checkins:',
	'consent:'
] as const;

function rank(key: string): number {
	const i = STUDIO_ORDER.findIndex((prefix) => key.startsWith(prefix));
	return i < 0 ? STUDIO_ORDER.length : i;
}

export interface StudioText {
	key: string;
	dutch: string;
	text: string;
	source: ReturnType<typeof voiceSource>;
	stale: boolean;
	clip: { version: string; bytes: number; updatedAt: Date } | null;
}

/** Every text a participant hears in a language, in the studio's order, with what speaks it now. */
export async function studioTexts(db: Db, lang: LanguageCode): Promise<StudioText[]> {
	const clips = new Map((await listClips(db, lang)).map((c) => [c.textKey, c]));
	const keys = voiceTextKeys()
		.map((key, i) => ({ key, i }))
		.sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
		.map(({ key }) => key);
	return keys.map((key) => {
		const clip = clips.get(key);
		return {
			key,
			dutch: voiceText('nl', key) ?? '',
			text: voiceText(lang, key) ?? voiceText('nl', key) ?? '',
			source: voiceSource(lang, key, !!clip && !clip.stale),
			stale: !!clip?.stale,
			clip: clip ? { version: clipVersion(clip.sha256), bytes: clip.bytes, updatedAt: clip.updatedAt } : null
		};
	});
}

/** Whether a text still needs a recording: none yet, or one made for words that changed since. */
export const toRecord = (t: StudioText) => !t.clip || t.stale;

/** The studio's search: by key, Dutch or translation, case- and accent-insensitive; `missing` keeps texts to record. */
export function searchTexts(texts: StudioText[], query: string, onlyMissing: boolean): StudioText[] {
	const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
	const q = fold(query.trim());
	return texts.filter(
		(t) =>
			(!onlyMissing || toRecord(t)) &&
			(!q || fold(t.key).includes(q) || fold(t.dutch).includes(q) || fold(t.text).includes(q))
	);
}

/**
 * The next text to record in the record-next flow: the first one still to record in the studio's order, after the
 * text the recorder passed over (`after`, "skip"), wrapping around to the start at the end.
 */
export function nextToRecord(texts: StudioText[], after: string | null = null): StudioText | null {
	const from = after ? texts.findIndex((t) => t.key === after) + 1 : 0;
	return texts.slice(from).find(toRecord) ?? texts.slice(0, from).find(toRecord) ?? null;
}
