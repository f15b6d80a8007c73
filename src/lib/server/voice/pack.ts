import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import type { Db } from '../db';
import type { CoachActor } from '../auth/coach';
import { voiceText, voiceTextKeys } from '../i18n/resources';
import type { LanguageCode } from '$lib/i18n/languages';
import { listClips, MAX_CLIP_BYTES, saveClip, textHash, type SaveClipResult } from './clips';

/**
 * A clip pack: how a municipality gets 600 recordings from a translator, an interpreter or an agency. The export holds
 * the texts of one language (key, file name to use, Dutch source, translation, state) as a spreadsheet (CSV) and as
 * JSON; the import takes a zip of audio files named as the export says, each checked by content and reported as
 * taken, replaced or refused with the reason.
 */

/** A zip of a whole language at 30 kB a clip is about 20 MB: this bounds what one upload may unpack. */
export const MAX_PACK_BYTES = 8_000_000;
const MAX_PACK_FILES = 1_000;
const AUDIO_EXTENSIONS = ['wav', 'ogg', 'opus', 'oga', 'webm', 'mp3', 'm4a', 'aac'];

/** The file name for a text's clip: the key, with ':' (not allowed in Windows file names) written as '~'. */
export function clipFileName(key: string, extension = 'wav'): string {
	return `${key.replaceAll(':', '~')}.${extension}`;
}

export type PackTextState = 'recorded' | 'stale' | 'missing';

export async function packTexts(db: Db, lang: LanguageCode) {
	const clips = new Map((await listClips(db, lang)).map((c) => [c.textKey, c]));
	return voiceTextKeys().map((key) => {
		const clip = clips.get(key);
		const state: PackTextState = !clip ? 'missing' : clip.stale ? 'stale' : 'recorded';
		return {
			key,
			file: clipFileName(key),
			dutch: voiceText('nl', key) ?? '',
			text: voiceText(lang, key) ?? '',
			textHash: textHash(lang, key),
			state
		};
	});
}

const csvCell = (value: string) => `"${value.replaceAll('"', '""').replace(/\r?\n/g, ' ')}"`;

/** The export: texts.csv (for a spreadsheet), texts.json (for tools) and a short explanation in Dutch. */
export async function exportPack(db: Db, lang: LanguageCode): Promise<Uint8Array> {
	const texts = await packTexts(db, lang);
	const csv = [
		['sleutel', 'bestand', 'nederlands', 'vertaling', 'stand'].map(csvCell).join(';'),
		...texts.map((t) => [t.key, t.file, t.dutch, t.text, t.state].map(csvCell).join(';'))
	].join('\r\n');
	const files: Zippable = {
		'texts.csv': strToU8(`\ufeff${csv}\r\n`), // the BOM makes Excel read it as UTF-8
		'texts.json': strToU8(JSON.stringify({ lang, texts }, null, '\t')),
		'LEESMIJ.txt': strToU8(
			[
				`Opstap: teksten om in te spreken (${lang}).`,
				'',
				'Spreek per regel van texts.csv de vertaling in. Bewaar elke opname onder de naam in de kolom "bestand"',
				'(.wav, .ogg, .opus, .webm, .mp3 of .m4a mag ook), hoogstens 400 kB per opname.',
				'Zet alle opnamen samen in één zip-bestand en laad dat op in de werkplek: Stemmen → deze taal →',
				'"Opnamen in één keer inladen". Regels met de stand "stale" zijn veranderd sinds de vorige opname.'
			].join('\r\n')
		)
	};
	return zipSync(files, { level: 6 });
}

export type PackEntryOutcome =
	| { file: string; key: string; outcome: 'taken' | 'replaced' }
	| { file: string; key: string | null; outcome: 'refused'; reason: PackRefusal };

export type PackRefusal = Exclude<SaveClipResult, { ok: true }>['reason'] | 'not_a_clip_name' | 'duplicate';

export type ImportPackResult =
	| { ok: true; entries: PackEntryOutcome[] }
	| { ok: false; reason: 'not_a_zip' | 'too_large' | 'too_many_files' | 'no_clips' };

/** texts.json, when the pack carries one (an export sent back): its file names say which key each file speaks. */
const PackManifest = z.object({
	texts: z.array(z.object({ key: z.string().max(120), file: z.string().max(200) })).max(MAX_PACK_FILES)
});

/** Reads a pack and saves every clip in it through saveClip (the same checks and audit as one upload). */
export async function importPack(
	db: Db,
	coach: CoachActor,
	lang: LanguageCode,
	zip: Uint8Array
): Promise<ImportPackResult> {
	if (zip.byteLength > MAX_PACK_BYTES) return { ok: false, reason: 'too_large' };
	let files: Record<string, Uint8Array>;
	let unpacked = 0;
	let count = 0;
	let tooMuch = false;
	try {
		files = unzipSync(zip, {
			// Looked at before unpacking: a zip bomb or a pack of thousands is refused without inflating it.
			filter: (file) => {
				count++;
				unpacked += file.originalSize;
				if (count > MAX_PACK_FILES || unpacked > MAX_PACK_BYTES * 4) tooMuch = true;
				return !tooMuch && !file.name.endsWith('/');
			}
		});
	} catch {
		return { ok: false, reason: 'not_a_zip' };
	}
	if (tooMuch) return { ok: false, reason: count > MAX_PACK_FILES ? 'too_many_files' : 'too_large' };

	const byFile = new Map<string, string>();
	const keys = new Set(voiceTextKeys());
	for (const key of keys) byFile.set(clipFileName(key).replace(/\.wav$/, ''), key);
	const manifestFile = Object.keys(files).find((name) => baseName(name) === 'texts.json');
	if (manifestFile) {
		try {
			const manifest = PackManifest.parse(JSON.parse(strFromU8(files[manifestFile]!)));
			for (const t of manifest.texts) byFile.set(stem(baseName(t.file)), t.key);
		} catch {
			// An unreadable manifest: the file names alone say which text each clip speaks.
		}
	}

	const entries: PackEntryOutcome[] = [];
	const seen = new Set<string>();
	for (const [path, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
		const name = baseName(path);
		const extension = name.split('.').pop()?.toLowerCase() ?? '';
		if (name.startsWith('.') || path.startsWith('__MACOSX/')) continue;
		if (!AUDIO_EXTENSIONS.includes(extension)) continue; // texts.csv, LEESMIJ.txt, …
		const key = byFile.get(stem(name)) ?? null;
		if (!key) {
			entries.push({ file: name, key: null, outcome: 'refused', reason: 'not_a_clip_name' });
			continue;
		}
		if (seen.has(key)) {
			entries.push({ file: name, key, outcome: 'refused', reason: 'duplicate' });
			continue;
		}
		seen.add(key);
		if (data.byteLength > MAX_CLIP_BYTES) {
			entries.push({ file: name, key, outcome: 'refused', reason: 'too_large' });
			continue;
		}
		const saved = await saveClip(db, coach, { lang, textKey: key, data });
		entries.push(
			saved.ok
				? { file: name, key, outcome: saved.replaced ? 'replaced' : 'taken' }
				: { file: name, key, outcome: 'refused', reason: saved.reason }
		);
	}
	if (!entries.length) return { ok: false, reason: 'no_clips' };
	return { ok: true, entries };
}

const baseName = (path: string) => path.split('/').pop() ?? path;
const stem = (name: string) => name.replace(/\.[^.]+$/, '');
