import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import { wavTone } from '../helpers/audio';
import type { Database } from '../../src/lib/server/db';
import { saveClip } from '../../src/lib/server/voice/clips';
import { languageCoverage, voiceCoverage, voiceSource } from '../../src/lib/server/voice/coverage';
import { voiceText, voiceTextKeys } from '../../src/lib/server/i18n/resources';

describe.each(ENGINES)('voice coverage per language and source on %s', (engine) => {
	let database: Database;
	beforeAll(async () => {
		database = await freshDatabase(engine);
		const translator = await makeCoach(database.db, { email: 'tesfay@example.nl', role: 'translator' });
		// A text the server voice can speak, now recorded: counted as clip and as server voice, not as silent.
		const saved = await saveClip(database.db, translator, {
			lang: 'ti',
			textKey: 'home.intro',
			data: wavTone(1)
		});
		expect(saved.ok).toBe(true);
	});
	afterAll(() => database.close());

	it('Tigrinya with one clip: clip 1, the server voice for every text (blanks filled in on the phone), none silent', async () => {
		const keys = voiceTextKeys();
		const withPlaceholder = keys.filter((key) => /\{\{/.test(voiceText('ti', key) ?? ''));
		const coverage = await languageCoverage(database.db, 'ti');
		expect(coverage).toEqual({
			lang: 'ti',
			total: keys.length,
			clip: 1,
			stale: 0,
			server: keys.length,
			silent: 0,
			hasServerVoice: true
		});
		expect(withPlaceholder.length).toBeGreaterThan(0);
		expect(voiceSource('ti', 'home.intro', true)).toBe('clip');
		expect(voiceSource('ti', 'home.intro', false)).toBe('server');
		expect(voiceSource('ti', withPlaceholder[0]!, false)).toBe('server');
		expect(voiceSource('so', withPlaceholder[0]!, false)).toBe('silent');
	});

	it('Somali has no server voice: only clips speak, everything else is silent', async () => {
		const all = await voiceCoverage(database.db);
		const somali = all.find((c) => c.lang === 'so')!;
		expect(somali).toMatchObject({ clip: 0, server: 0, silent: somali.total, hasServerVoice: false });
		expect(all.map((c) => c.lang)).toContain('fa');
		console.info(
			`coverage (${engine}): ` +
				all
					.map((c) => `${c.lang} clip ${c.clip}/server ${c.server}/silent ${c.silent} of ${c.total}`)
					.join('; ')
		);
	});
});
