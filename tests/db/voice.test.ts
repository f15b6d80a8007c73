import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import { wavTone } from '../helpers/audio';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import {
	clipCoverage,
	clipManifest,
	deleteClip,
	getClip,
	MAX_CLIP_BYTES,
	saveClip
} from '../../src/lib/server/voice/clips';

describe.each(ENGINES)('voice studio clips on %s', (engine) => {
	let database: Database;
	let translator: CoachActor;
	beforeAll(async () => {
		database = await freshDatabase(engine);
		translator = await makeCoach(database.db, { email: 'tesfay@example.nl', role: 'translator' });
	});
	afterAll(() => database.close());

	it('stores a clip, serves it back byte for byte, and lists it for that language only', async () => {
		const wav = wavTone(1);
		const saved = await saveClip(database.db, translator, { lang: 'ti', textKey: 'home.intro', data: wav });
		expect(saved).toMatchObject({ ok: true, replaced: false });
		const clip = await getClip(database.db, 'ti', 'home.intro');
		expect(clip?.mime).toBe('audio/wav');
		expect(Buffer.compare(clip!.audio, wav)).toBe(0);
		expect(Object.keys(await clipManifest(database.db, 'ti'))).toEqual(['home.intro']);
		expect(await clipManifest(database.db, 'so')).toEqual({});
	});

	it('replaces a clip: a new version in the manifest', async () => {
		const before = (await clipManifest(database.db, 'ti'))['home.intro'];
		const saved = await saveClip(database.db, translator, {
			lang: 'ti',
			textKey: 'home.intro',
			data: wavTone(0.5, 660)
		});
		expect(saved).toMatchObject({ ok: true, replaced: true });
		const after = (await clipManifest(database.db, 'ti'))['home.intro'];
		expect(after).toBeTruthy();
		expect(after).not.toBe(before);
	});

	it('rejects a file that is not audio, by its content and not its name', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		expect(
			await saveClip(database.db, translator, { lang: 'ti', textKey: 'home.tiles.coach', data: png })
		).toEqual({
			ok: false,
			reason: 'not_audio'
		});
		const text = Buffer.from('RIFF? no, just text pretending to be audio.wav');
		expect(
			(await saveClip(database.db, translator, { lang: 'ti', textKey: 'home.tiles.coach', data: text })).ok
		).toBe(false);
	});

	it('rejects a clip that is too large, an empty one, an unknown text and an unknown language', async () => {
		const big = wavTone(MAX_CLIP_BYTES / 16000 + 1); // 16 kB per second at 8 kHz, 16 bit
		expect(big.byteLength).toBeGreaterThan(MAX_CLIP_BYTES);
		const results = await Promise.all([
			saveClip(database.db, translator, { lang: 'ti', textKey: 'home.intro', data: big }),
			saveClip(database.db, translator, { lang: 'ti', textKey: 'home.intro', data: new Uint8Array() }),
			saveClip(database.db, translator, { lang: 'ti', textKey: 'no.such.text', data: wavTone(0.2) }),
			saveClip(database.db, translator, { lang: 'xx', textKey: 'home.intro', data: wavTone(0.2) })
		]);
		expect(results.map((r) => !r.ok && r.reason)).toEqual([
			'too_large',
			'empty',
			'unknown_text',
			'unknown_language'
		]);
	});

	it('counts coverage per language and forgets a deleted clip', async () => {
		const coverage = await clipCoverage(database.db);
		expect(coverage.find((c) => c.lang === 'ti')?.recorded).toBe(1);
		expect(coverage.find((c) => c.lang === 'nl')?.recorded).toBe(0);
		expect(coverage[0]!.total).toBeGreaterThan(50);
		expect(await deleteClip(database.db, translator, 'ti', 'home.intro')).toBe(true);
		expect(await getClip(database.db, 'ti', 'home.intro')).toBeNull();
		expect(await clipManifest(database.db, 'ti')).toEqual({});
	});
});

describe.each(ENGINES)('spoken answers of participants on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
	});
	afterAll(() => database.close());

	it('stores a recording once under the phone’s id, for that participant’s coach only', async () => {
		const { saveAttachment, attachmentForCoach } = await import('../../src/lib/server/files/attachments');
		const { makeParticipant } = await import('../helpers/actors');
		const coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		const stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		const hodan = await makeParticipant(database.db, coach, 'Hodan', 'so');
		const other = await makeParticipant(database.db, stranger, 'Henk');
		const id = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
		expect(await saveAttachment(database.db, hodan.id, id, wavTone(0.5))).toEqual({
			ok: true,
			status: 'stored'
		});
		expect(await saveAttachment(database.db, hodan.id, id, wavTone(0.5))).toEqual({
			ok: true,
			status: 'already'
		});
		expect(await saveAttachment(database.db, other.id, id, wavTone(0.5))).toEqual({
			ok: false,
			reason: 'taken'
		});
		expect(
			await saveAttachment(
				database.db,
				hodan.id,
				'4f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
				Buffer.from('hello')
			)
		).toEqual({ ok: false, reason: 'not_media' });
		expect((await attachmentForCoach(database.db, coach, id))?.mime).toBe('audio/wav');
		expect(await attachmentForCoach(database.db, stranger, id)).toBeNull();
	});
});
