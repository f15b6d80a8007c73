import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import { wavTone } from '../helpers/audio';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { clipManifest, listClips, saveClip } from '../../src/lib/server/voice/clips';
import { languageCoverage } from '../../src/lib/server/voice/coverage';
import { clipFileName, exportPack, importPack } from '../../src/lib/server/voice/pack';
import { voiceText, voiceTextKeys } from '../../src/lib/server/i18n/resources';

describe.each(ENGINES)('clip packs on %s', (engine) => {
	let database: Database;
	let translator: CoachActor;
	beforeAll(async () => {
		database = await freshDatabase(engine);
		translator = await makeCoach(database.db, { email: 'hodan@example.nl', role: 'translator' });
	});
	afterAll(() => database.close());

	it('exports every text of a language with the file name to use, the Dutch source and the translation', async () => {
		const files = unzipSync(await exportPack(database.db, 'so'));
		expect(Object.keys(files).sort()).toEqual(['LEESMIJ.txt', 'texts.csv', 'texts.json']);
		const manifest = JSON.parse(strFromU8(files['texts.json']!));
		expect(manifest.texts).toHaveLength(voiceTextKeys().length);
		const intro = manifest.texts.find((t: { key: string }) => t.key === 'home.intro');
		expect(intro).toMatchObject({
			file: 'home.intro.wav',
			dutch: voiceText('nl', 'home.intro'),
			text: voiceText('so', 'home.intro'),
			state: 'missing'
		});
		// A questionnaire text's key has a ':' that Windows does not allow in file names.
		const survey = manifest.texts.find((t: { key: string }) => t.key.startsWith('survey:'));
		expect(survey.file).toBe(`${survey.key.replace(':', '~')}.wav`);
		const csv = strFromU8(files['texts.csv']!);
		// With a byte order mark, so a spreadsheet reads it as UTF-8 (Tigrinya, Arabic).
		expect([...files['texts.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
			'"sleutel";"bestand";"nederlands";"vertaling";"stand"'
		);
		expect(csv).toContain('"home.intro";"home.intro.wav"');
	});

	it('imports a zip of clips: each taken, replaced or refused with its reason', async () => {
		const surveyKey = voiceTextKeys().find((k) => k.startsWith('survey:'))!;
		const first = await importPack(
			database.db,
			translator,
			'so',
			zipSync({
				'opnamen/home.intro.wav': wavTone(1),
				[`opnamen/${clipFileName(surveyKey)}`]: wavTone(1.2),
				'opnamen/nav.home.ogg': strToU8('not sound at all'),
				'opnamen/no.such.text.wav': wavTone(0.5),
				'opnamen/LEESMIJ.txt': strToU8('notes'),
				'__MACOSX/opnamen/._home.intro.wav': strToU8('resource fork')
			})
		);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.entries).toEqual(
			expect.arrayContaining([
				{ file: 'home.intro.wav', key: 'home.intro', outcome: 'taken' },
				{ file: clipFileName(surveyKey), key: surveyKey, outcome: 'taken' },
				{ file: 'no.such.text.wav', key: null, outcome: 'refused', reason: 'not_a_clip_name' }
			])
		);
		const notSound = first.entries.find((e) => e.file === 'nav.home.ogg');
		expect(notSound).toMatchObject({ outcome: 'refused' });
		expect(first.entries).toHaveLength(4);
		expect(Object.keys(await clipManifest(database.db, 'so', Date.now() + 60_000))).toEqual(
			expect.arrayContaining(['home.intro', surveyKey])
		);

		// The same clip again replaces it; a zip that is none is refused as a whole.
		const again = await importPack(database.db, translator, 'so', zipSync({ 'home.intro.wav': wavTone(2) }));
		expect(again).toEqual({
			ok: true,
			entries: [{ file: 'home.intro.wav', key: 'home.intro', outcome: 'replaced' }]
		});
		expect(await importPack(database.db, translator, 'so', strToU8('PK no zip'))).toEqual({
			ok: false,
			reason: 'not_a_zip'
		});
		expect(await importPack(database.db, translator, 'so', zipSync({ 'x.txt': strToU8('x') }))).toEqual({
			ok: false,
			reason: 'no_clips'
		});
	});

	it('a clip recorded for words that changed since is stale: the phone no longer gets it, the studio asks again', async () => {
		const saved = await saveClip(database.db, translator, {
			lang: 'ti',
			textKey: 'home.intro',
			data: wavTone(1)
		});
		expect(saved.ok).toBe(true);
		const now = () => Date.now() + 120_000; // past the manifest's brief memory
		expect(Object.keys(await clipManifest(database.db, 'ti', now()))).toContain('home.intro');
		// As if the Tigrinya translation had changed after the recording.
		await database.db.execute(
			sql`UPDATE voice_clips SET text_hash = 'recorded-for-old' WHERE lang = 'ti' AND text_key = 'home.intro'`
		);
		expect((await listClips(database.db, 'ti')).find((c) => c.textKey === 'home.intro')?.stale).toBe(true);
		expect(Object.keys(await clipManifest(database.db, 'ti', now() + 60_000))).not.toContain('home.intro');
		expect(await languageCoverage(database.db, 'ti')).toMatchObject({ clip: 0, stale: 1 });
		const pack = JSON.parse(strFromU8(unzipSync(await exportPack(database.db, 'ti'))['texts.json']!));
		expect(pack.texts.find((t: { key: string }) => t.key === 'home.intro').state).toBe('stale');
	});
});
