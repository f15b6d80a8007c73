// Activity texts translated in the studio (issue 12 §4): saved with a hash of the Dutch they were made from, stale
// when the Dutch changes, the participant gets only their language's current translation and Dutch otherwise;
// only someone who may translate, and only their own municipality's activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import { municipalityWithCatalogue } from '../helpers/catalogue';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { activities, auditLog } from '../../src/lib/server/db/schema';
import { activityForParticipant, participantCatalogue } from '../../src/lib/server/activities/catalogue';
import { importActivities } from '../../src/lib/server/activities/import';
import { activityToRow, csvRows, EMPTY_ACTIVITY } from '../../src/lib/server/activities/layout';
import { saveActivity } from '../../src/lib/server/activities/manage';
import {
	fieldState,
	saveTranslation,
	searchStudio,
	studioActivities,
	translationProgress
} from '../../src/lib/server/activities/translations';
import { unpackActivity } from '../../src/lib/activities/packed';
import { localText } from '../../src/lib/activities/filter';
import { can } from '../../src/lib/server/access/policy';
import { ROUTES } from '../../src/lib/server/access/routes';

describe.each(ENGINES)('activity translations on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let translator: CoachActor;
	let otherTranslator: CoachActor;
	let turkish: { id: string };
	let tigrinya: { id: string };
	let org = '';
	let taal = '';
	let gym = '';

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const db = database.db;
		({ coach, translator, otherTranslator, org, taal, gym } = await municipalityWithCatalogue(db));
		turkish = await makeParticipant(db, coach, 'Fatma', 'tr');
		tigrinya = await makeParticipant(db, coach, 'Yonas', 'ti');
	});
	afterAll(() => database.close());

	it('lets translators and those who keep the catalogue translate, nobody else; the route asks for it', () => {
		for (const role of ['coach', 'team_lead', 'translator', 'admin'] as const)
			expect(can({ role }, 'activities.translate')).toBe(true);
		for (const role of ['policy_officer', 'privacy_officer'] as const)
			expect(can({ role }, 'activities.translate')).toBe(false);
		// A paired phone is no workspace identity: the route table asks for the permission, not 'participant'.
		expect(ROUTES['/coach/voice/[lang]/activities']).toEqual({
			GET: 'activities.translate',
			actions: {
				save: 'activities.translate',
				upload: 'activities.translate',
				delete: 'activities.translate'
			}
		});
	});

	it('lists the texts with the Dutch beside them, and counts progress', async () => {
		const { activities: list, progress } = await studioActivities(database.db, translator, 'tr');
		expect(list.map((a) => a.title)).toEqual(['Buurtgym', 'Taalcafé']);
		const t = list.find((a) => a.id === taal)!;
		expect(t.fields.map((f) => [f.field, f.dutch, f.text, f.state])).toEqual([
			['title', 'Taalcafé', 'Dil kafesi', 'done'],
			['description', 'Praat Nederlands met buren.', '', 'missing']
		]);
		expect(progress).toEqual({ total: 4, done: 1, missing: 3, stale: 0 });
		expect(searchStudio(list, 'kafesi', false).map((a) => a.id)).toEqual([taal]);
		expect(searchStudio(list, 'wijk', false).map((a) => a.id)).toEqual([gym]);
		expect(searchStudio(list, '', true)).toHaveLength(2);
	});

	it('saves a translation (audited); the Turkish participant gets it, and only Turkish', async () => {
		const saved = await saveTranslation(database.db, translator, {
			activityId: gym,
			lang: 'tr',
			texts: { title: ' Mahalle spor salonu ', description: 'Mahallede sakin hareket.' }
		});
		expect(saved).toEqual({ ok: true, changed: ['title', 'description'] });
		const logged = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'activity.translated'), eq(auditLog.actorId, translator.id)));
		expect(logged).toHaveLength(1);
		expect(logged[0]!.details).toEqual({ activityId: gym, lang: 'tr', fields: ['title', 'description'] });

		const detail = (await activityForParticipant(database.db, turkish.id, gym, 'tr'))!;
		expect(Object.keys(detail.translations)).toEqual(['tr']);
		expect(localText(detail, 'tr')).toMatchObject({
			title: 'Mahalle spor salonu',
			description: 'Mahallede sakin hareket.',
			langs: { title: 'tr', description: 'tr' }
		});
		const list = (await participantCatalogue(database.db, turkish.id, 'tr'))!.activities.map(unpackActivity);
		expect(list.find((a) => a.id === gym)).toMatchObject({ title: 'Mahalle spor salonu', translated: true });
		// The list carries no other language, and no hash.
		expect(JSON.stringify(list)).not.toMatch(/sources|Dil kafesi".*so|Maqaaxi/);

		// Tigrinya: nothing translated, so the Dutch, marked as Dutch.
		const ti = (await activityForParticipant(database.db, tigrinya.id, gym, 'ti'))!;
		expect(ti.translations).toEqual({});
		expect(localText(ti, 'ti')).toMatchObject({
			title: 'Buurtgym',
			description: 'Rustig bewegen in de wijk.',
			langs: { title: 'nl', description: 'nl' }
		});
		const tiList = (await participantCatalogue(database.db, tigrinya.id, 'ti'))!.activities.map(
			unpackActivity
		);
		expect(tiList.find((a) => a.id === gym)).toMatchObject({ title: 'Buurtgym' });
		expect(tiList.find((a) => a.id === gym)!.translated).toBeUndefined();
	});

	it('goes stale when the Dutch changes: the participant gets the Dutch until it is translated again', async () => {
		const [before] = await database.db.select().from(activities).where(eq(activities.id, gym));
		// The coach changes the Dutch description in the activity form (the translations travel with it unchanged).
		const form = activityToRow({
			...EMPTY_ACTIVITY,
			...before!,
			description: 'Rustig bewegen, ook op een stoel.'
		});
		const result = await saveActivity(database.db, coach, org, gym, form);
		expect(result).toMatchObject({ ok: true });
		const [after] = await database.db.select().from(activities).where(eq(activities.id, gym));
		expect(fieldState(after!, 'tr', 'title')).toBe('done');
		expect(fieldState(after!, 'tr', 'description')).toBe('stale');
		expect(after!.translations.tr?.description).toBe('Mahallede sakin hareket.');

		const { progress } = await studioActivities(database.db, translator, 'tr');
		expect(progress).toMatchObject({ stale: 1 });
		const detail = (await activityForParticipant(database.db, turkish.id, gym, 'tr'))!;
		expect(localText(detail, 'tr')).toMatchObject({
			title: 'Mahalle spor salonu',
			description: 'Rustig bewegen, ook op een stoel.',
			langs: { title: 'tr', description: 'nl' }
		});

		// Translated again: current, and the participant gets it.
		expect(
			await saveTranslation(database.db, translator, {
				activityId: gym,
				lang: 'tr',
				texts: { title: 'Mahalle spor salonu', description: 'Sakin hareket, sandalyede de.' }
			})
		).toEqual({ ok: true, changed: ['description'] });
		const again = (await activityForParticipant(database.db, turkish.id, gym, 'tr'))!;
		expect(localText(again, 'tr').langs.description).toBe('tr');
		expect((await translationProgress(database.db, translator)).tr).toMatchObject({ stale: 0, done: 3 });
	});

	it('an import with an unchanged translation keeps it stale when the Dutch changed; a new one is current', async () => {
		const rows = csvRows(
			[
				'id;category;title;description;start;duration;title_tr',
				'taal-1;taalcafe;Taalcafé Centrum;Praat Nederlands met buren.;2026-09-01 10:00;90;Dil kafesi',
				'gym-1;buurtgym;Buurtgym;Rustig bewegen, ook op een stoel.;2026-09-02 10:00;60;Mahalle spor salonu'
			].join('\n')
		);
		if ('error' in rows) throw new Error(rows.error);
		const plan = await importActivities(database.db, coach, org, rows, { apply: true, source: 'csv' });
		// The stored hashes are no change of the row's own.
		expect(plan.changed.map((c) => [c.externalId, c.fields])).toEqual([['taal-1', ['title']]]);
		const [row] = await database.db.select().from(activities).where(eq(activities.id, taal));
		expect(fieldState(row!, 'tr', 'title')).toBe('stale');
		const [gymRow] = await database.db.select().from(activities).where(eq(activities.id, gym));
		// What the studio wrote and the file did not carry stays.
		expect(gymRow!.translations.tr).toMatchObject({ description: 'Sakin hareket, sandalyede de.' });
	});

	it('refuses another municipality, the source language, an unknown activity; an empty field removes it', async () => {
		expect(
			await saveTranslation(database.db, otherTranslator, {
				activityId: gym,
				lang: 'tr',
				texts: { title: 'x' }
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect((await studioActivities(database.db, otherTranslator, 'tr')).activities).toEqual([]);
		expect(
			await saveTranslation(database.db, translator, { activityId: gym, lang: 'nl', texts: { title: 'x' } })
		).toEqual({ ok: false, reason: 'unknown_language' });
		expect(
			await saveTranslation(database.db, translator, {
				activityId: crypto.randomUUID(),
				lang: 'tr',
				texts: { title: 'x' }
			})
		).toEqual({ ok: false, reason: 'not_found' });
		const policy = await makeCoach(database.db, {
			email: 'beleid@example.nl',
			teamId: translator.teamId,
			role: 'policy_officer'
		});
		expect(
			await saveTranslation(database.db, policy, { activityId: gym, lang: 'tr', texts: { title: 'x' } })
		).toEqual({ ok: false, reason: 'forbidden' });

		expect(
			await saveTranslation(database.db, translator, {
				activityId: gym,
				lang: 'so',
				texts: { title: 'Jimicsi', description: '' }
			})
		).toEqual({ ok: true, changed: ['title'] });
		expect(
			await saveTranslation(database.db, translator, { activityId: gym, lang: 'so', texts: { title: '' } })
		).toEqual({ ok: true, changed: ['title'] });
		const [row] = await database.db.select().from(activities).where(eq(activities.id, gym));
		expect(row!.translations.so).toBeUndefined();
	});
});
