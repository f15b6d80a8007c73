// Recorded clips of activity texts (issue 12 §4): a translator records the title, description or why it is closed
// per language beside the translation; the activity's page carries the current clips of its texts (the participant's
// language for a translated text, Dutch for the Dutch fallback), never the language-wide manifest; a clip goes stale
// when the Dutch or the translation changes; only who may translate, only their own municipality's activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import { municipalityWithCatalogue } from '../helpers/catalogue';
import { wavTone } from '../helpers/audio';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { activities, auditLog, voiceClips } from '../../src/lib/server/db/schema';
import { catalogueOwnerOfTeam } from '../../src/lib/server/activities/catalogue';
import { deleteActivity } from '../../src/lib/server/activities/manage';
import { saveTranslation } from '../../src/lib/server/activities/translations';
import {
	clipCoverage,
	clipManifest,
	clipVersion,
	deleteClip,
	listClips,
	saveClip
} from '../../src/lib/server/voice/clips';
import { languageCoverage } from '../../src/lib/server/voice/coverage';
import {
	activityClipProgress,
	activityClips,
	activityTextKey,
	parseActivityKey
} from '../../src/lib/server/voice/activity-clips';

describe.each(ENGINES)('activity clips on %s', (engine) => {
	let database: Database;
	let translator: CoachActor;
	let otherTranslator: CoachActor;
	let policyOfficer: CoachActor;
	let taal = '';
	let gym = '';
	const wav = wavTone(0.5);

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const db = database.db;
		const world = await municipalityWithCatalogue(db);
		({ translator, otherTranslator, taal, gym } = world);
		policyOfficer = await makeCoach(db, {
			email: 'beleid@example.nl',
			teamId: world.teamId,
			role: 'policy_officer'
		});
	});
	afterAll(() => database.close());

	it('uses the keys of the phone’s speakers', () => {
		expect(activityTextKey(taal, 'title')).toBe(`activity:${taal}`);
		expect(activityTextKey(taal, 'description')).toBe(`activity:${taal}:description`);
		expect(activityTextKey(taal, 'closedReason')).toBe(`activity:${taal}:closed`);
		expect(parseActivityKey(`activity:${taal}:closed`)).toEqual({ activityId: taal, field: 'closedReason' });
		expect(parseActivityKey(`activity:${taal}:card`)).toBeNull();
	});

	it('saves a clip of a translated title (audited); the Turkish activity page carries it', async () => {
		const saved = await saveClip(database.db, translator, {
			lang: 'tr',
			textKey: `activity:${taal}`,
			data: wav
		});
		expect(saved).toMatchObject({ ok: true, replaced: false });
		const clips = await activityClips(database.db, taal, 'tr');
		expect(clips).toEqual({ tr: { [`activity:${taal}`]: clipVersion(saved.ok ? saved.sha256 : '') } });
		const logged = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'voice_clip.added'), eq(auditLog.actorId, translator.id)));
		expect(logged.map((l) => l.details)).toEqual([
			{ lang: 'tr', textKey: `activity:${taal}`, bytes: wav.byteLength }
		]);
		// Another language, and another activity, get nothing of it.
		expect(await activityClips(database.db, taal, 'ti')).toEqual({});
		expect(await activityClips(database.db, gym, 'tr')).toEqual({});
	});

	it('refuses another municipality’s activity, an unknown field, a language without translation, and a role that may not translate', async () => {
		const save = (coach: CoachActor, lang: string, textKey: string) =>
			saveClip(database.db, coach, { lang, textKey, data: wav });
		expect(await save(otherTranslator, 'tr', `activity:${taal}`)).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		expect(await save(translator, 'tr', `activity:${taal}:organiser`)).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		expect(await save(translator, 'tr', `activity:${taal}:card`)).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		expect(await save(translator, 'tr', 'activity:not-a-uuid')).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		// No Tigrinya translation, no Turkish description, no reason to be closed (it is open).
		expect(await save(translator, 'ti', `activity:${taal}`)).toEqual({ ok: false, reason: 'unknown_text' });
		expect(await save(translator, 'tr', `activity:${taal}:description`)).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		expect(await save(translator, 'tr', `activity:${taal}:closed`)).toEqual({
			ok: false,
			reason: 'unknown_text'
		});
		expect(await save(policyOfficer, 'tr', `activity:${taal}`)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await database.db.select({ id: voiceClips.id }).from(voiceClips)).toHaveLength(1);
		// Nor may they delete it.
		expect(await deleteClip(database.db, otherTranslator, 'tr', `activity:${taal}`)).toBe(false);
		expect(await deleteClip(database.db, policyOfficer, 'tr', `activity:${taal}`)).toBe(false);
		expect(await activityClips(database.db, taal, 'tr')).not.toEqual({});
	});

	it('records the Dutch too: a participant whose language has no translation hears the Dutch clip', async () => {
		expect(
			await saveClip(database.db, translator, { lang: 'nl', textKey: `activity:${gym}`, data: wav })
		).toMatchObject({ ok: true });
		const ti = await activityClips(database.db, gym, 'ti');
		expect(Object.keys(ti)).toEqual(['nl']);
		expect(Object.keys(ti.nl!)).toEqual([`activity:${gym}`]);
		expect(await activityClips(database.db, gym, 'nl')).toEqual(ti);
	});

	it('keeps activity clips out of the language-wide manifest, the app texts’ coverage and list', async () => {
		expect(await clipManifest(database.db, 'tr')).toEqual({});
		expect(await clipManifest(database.db, 'nl')).toEqual({});
		expect(await listClips(database.db, 'tr')).toEqual([]);
		expect((await clipCoverage(database.db)).find((c) => c.lang === 'tr')?.recorded).toBe(0);
		expect(await languageCoverage(database.db, 'tr')).toMatchObject({ clip: 0, stale: 0 });
		const progress = await activityClipProgress(database.db, translator);
		expect(progress.tr).toEqual({ total: 1, recorded: 1, stale: 0 });
		expect(progress.nl).toEqual({ total: 4, recorded: 1, stale: 0 });
		expect(progress.so).toEqual({ total: 0, recorded: 0, stale: 0 });
	});

	it('goes stale when the translation changes, and again when the Dutch changes', async () => {
		expect(
			await saveTranslation(database.db, translator, {
				activityId: taal,
				lang: 'tr',
				texts: { title: 'Dil kafesi Hatert' }
			})
		).toMatchObject({ ok: true });
		expect(await activityClips(database.db, taal, 'tr')).toEqual({});
		expect((await activityClipProgress(database.db, translator)).tr).toEqual({
			total: 1,
			recorded: 0,
			stale: 1
		});
		// Recorded again for the new translation: current.
		await saveClip(database.db, translator, { lang: 'tr', textKey: `activity:${taal}`, data: wavTone(0.6) });
		expect(Object.keys((await activityClips(database.db, taal, 'tr')).tr ?? {})).toEqual([
			`activity:${taal}`
		]);

		// A coach changes the Dutch: the translation is stale, so the phone shows (and may hear) only the Dutch.
		await database.db.update(activities).set({ title: 'Taalcafé Hatert' }).where(eq(activities.id, taal));
		await database.db.update(activities).set({ title: 'Buurtgym Oost' }).where(eq(activities.id, gym));
		expect(await activityClips(database.db, taal, 'tr')).toEqual({});
		expect(await activityClips(database.db, gym, 'ti')).toEqual({});
		expect(await activityClipProgress(database.db, translator)).toMatchObject({
			tr: { total: 0, recorded: 0, stale: 0 },
			nl: { total: 4, recorded: 0, stale: 1 }
		});
		// Recording it for the stale translation is refused.
		expect(
			await saveClip(database.db, translator, { lang: 'tr', textKey: `activity:${taal}`, data: wav })
		).toEqual({ ok: false, reason: 'unknown_text' });
	});

	it('deletes a clip (audited), and an activity’s clips go with the activity', async () => {
		expect(await deleteClip(database.db, translator, 'tr', `activity:${taal}`)).toBe(true);
		const logged = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'voice_clip.deleted'), eq(auditLog.actorId, translator.id)));
		expect(logged.map((l) => l.details)).toEqual([{ lang: 'tr', textKey: `activity:${taal}` }]);
		const org = await catalogueOwnerOfTeam(database.db, translator.teamId);
		expect(await deleteActivity(database.db, translator, org, gym)).toBe(true);
		expect(await database.db.select({ key: voiceClips.textKey }).from(voiceClips)).toEqual([]);
	});
});
