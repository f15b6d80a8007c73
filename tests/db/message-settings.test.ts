import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { organisations } from '../../src/lib/server/db/schema';
import {
	coachMessageSettings,
	saveCoachMessageSettings,
	setCoachPhoto,
	setTrajectoryEnd
} from '../../src/lib/server/messages/settings';
import { coachPhotoFor } from '../../src/lib/server/messages/threads';
import { participantContext } from '../../src/lib/server/participant/context';
import {
	municipalitySettings,
	MunicipalityForm,
	RetentionForm,
	saveMunicipalitySettings,
	saveRetention
} from '../../src/lib/server/municipality/settings';
import { closureReasons, DEFAULT_CLOSURE_REASONS } from '../../src/lib/server/closure/reasons';

/** A minimal JPEG with an EXIF segment holding a location, as a phone camera writes it. */
const jpeg = Buffer.concat([
	Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
	Buffer.from([0xff, 0xe1, 0, 23]),
	Buffer.from('Exif\0\0GPSLat 52.3702N'), // 21 bytes + 2 for the length: 23
	Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 1, 2, 0xff, 0xd9])
]);

describe.each(ENGINES)('a coach’s photo, hours and the municipality’s urgent number, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let admin: CoachActor;
	let participant: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const [municipality] = await database.db
			.insert(organisations)
			.values({ kind: 'municipality', name: 'Gemeente Test' })
			.returning();
		const [team] = await database.db
			.insert(organisations)
			.values({ kind: 'team', name: 'Team', parentId: municipality!.id })
			.returning();
		coach = await makeCoach(database.db, { email: 'anna@example.nl', teamId: team!.id });
		admin = await makeCoach(database.db, { email: 'beheer@example.nl', teamId: team!.id, role: 'admin' });
		participant = await makeParticipant(database.db, coach, 'Yonas', 'ti');
	});
	afterAll(() => database.close());

	it('keeps the photo without its location; refuses what is not a photo', async () => {
		expect(
			await setCoachPhoto(database.db, coach, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]))
		).toEqual({
			ok: false,
			reason: 'not_image'
		});
		expect(await setCoachPhoto(database.db, coach, Buffer.alloc(400_000))).toEqual({
			ok: false,
			reason: 'too_large'
		});
		expect(await setCoachPhoto(database.db, coach, jpeg)).toEqual({ ok: true });
		const photo = await coachPhotoFor(database.db, participant.id);
		expect(photo?.mime).toBe('image/jpeg');
		expect(photo!.photo.includes(Buffer.from('GPSLat'))).toBe(false);
	});

	it('shows the participant the hours, the phone and, per municipality, who to call when urgent', async () => {
		await saveCoachMessageSettings(database.db, coach, {
			phone: '024 123 45 67',
			workingHours: { 1: ['09:00', '17:00'], 2: ['18:00', '09:00'] },
			autoReplyOn: true,
			autoReplyText: ' Ik werk nu niet. '
		});
		expect(await coachMessageSettings(database.db, coach.id)).toMatchObject({
			phone: '024 123 45 67',
			workingHours: { 1: ['09:00', '17:00'] },
			autoReplyOn: true,
			autoReplyText: 'Ik werk nu niet.',
			hasPhoto: true
		});
		const form = (over: Record<string, string> = {}) =>
			MunicipalityForm.parse({
				urgentName: 'Spoedlijn',
				urgentPhone: '0800 123',
				schemeName: ' Ooievaarspas ',
				theme: 'voorbeeld',
				closureReasons: 'Werk\nVerhuisd',
				...over
			});
		// Only an admin: a coach neither sees nor saves the municipality's settings.
		expect(await municipalitySettings(database.db, coach)).toBeNull();
		expect(await saveMunicipalitySettings(database.db, coach, form())).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await saveMunicipalitySettings(database.db, admin, form())).toEqual({ ok: true });
		const context = await participantContext(database.db, participant.id);
		expect(context).toMatchObject({
			coach: { phone: '024 123 45 67', hasPhoto: true, workingHours: { 1: ['09:00', '17:00'] } },
			urgent: { name: 'Spoedlijn', phone: '0800 123' },
			municipality: { name: 'Gemeente Test', theme: 'voorbeeld', schemeName: 'Ooievaarspas' }
		});
		expect(await closureReasons(database.db, coach.teamId)).toEqual(['Werk', 'Verhuisd']);
		const shown = await municipalitySettings(database.db, admin);
		expect(shown).toMatchObject({
			name: 'Gemeente Test',
			schemeName: 'Ooievaarspas',
			theme: 'voorbeeld',
			closureReasons: 'Werk\nVerhuisd'
		});
		// The themes offered are the stylesheets served from static/themes.
		expect(shown!.themes).toContain('voorbeeld');
		// An empty list of reasons means the defaults again; an unknown theme or a bad number is refused.
		await saveMunicipalitySettings(database.db, admin, form({ closureReasons: '', theme: '' }));
		expect(await closureReasons(database.db, coach.teamId)).toEqual(DEFAULT_CLOSURE_REASONS);
		expect((await participantContext(database.db, participant.id))!.municipality!.theme).toBeNull();
		const refused = (over: Record<string, string>) =>
			MunicipalityForm.safeParse({ ...over }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(refused({ theme: '../../etc/passwd' })).toEqual(['theme: Kies een huisstijl uit de lijst.']);
		expect(refused({ theme: 'rotterdam' })).toEqual(['theme: Kies een huisstijl uit de lijst.']);
		expect(refused({ urgentPhone: 'bel mij' })).toEqual([
			'urgentPhone: Een telefoonnummer heeft alleen cijfers, spaties, +, - en haakjes.'
		]);
	});

	it('keeps each kind of data as long as the municipality says, in the municipality and its teams', async () => {
		const terms = {
			messages: '90',
			answers: '400',
			attachments: '30',
			appointments: '365',
			devices: '180',
			audit: '730',
			participant: '800'
		};
		expect(RetentionForm.safeParse({ ...terms, audit: '0' }).error?.issues[0]?.message).toBe(
			'Minstens 1 dag.'
		);
		expect(await saveRetention(database.db, coach, RetentionForm.parse(terms))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await saveRetention(database.db, admin, RetentionForm.parse(terms))).toEqual({ ok: true });
		const [team] = await database.db.select().from(organisations).where(eq(organisations.id, coach.teamId));
		expect(team!.messageRetentionDays).toBe(90);
		expect(team!.retentionDays).toMatchObject({ answers: 400, attachments: 30, participant: 800 });
		expect((await municipalitySettings(database.db, admin))!.retention).toEqual({
			messages: 90,
			answers: 400,
			attachments: 30,
			appointments: 365,
			devices: 180,
			audit: 730,
			participant: 800
		});
	});

	it('lets only the participant’s own coach set the end of the trajectory', async () => {
		const stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		expect(await setTrajectoryEnd(database.db, stranger, participant.id, new Date())).toBe(false);
		expect(await setTrajectoryEnd(database.db, coach, participant.id, new Date('2026-12-01T12:00:00Z'))).toBe(
			true
		);
	});
});
