import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { organisations } from '../../src/lib/server/db/schema';
import {
	coachMessageSettings,
	municipalitySettings,
	saveCoachMessageSettings,
	saveMunicipalitySettings,
	setCoachPhoto,
	setTrajectoryEnd
} from '../../src/lib/server/messages/settings';
import { coachPhotoFor } from '../../src/lib/server/messages/messages';
import { participantContext } from '../../src/lib/server/participant/context';

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
		expect(await municipalitySettings(database.db, coach)).toBeNull(); // only an admin
		expect(
			await saveMunicipalitySettings(database.db, coach, {
				urgentName: 'x',
				urgentPhone: '1',
				messageRetentionDays: 1
			})
		).toBe(false);
		expect(
			await saveMunicipalitySettings(database.db, admin, {
				urgentName: 'Spoedlijn',
				urgentPhone: '0800 123',
				messageRetentionDays: 90
			})
		).toBe(true);
		const context = await participantContext(database.db, participant.id);
		expect(context).toMatchObject({
			coach: { phone: '024 123 45 67', hasPhoto: true, workingHours: { 1: ['09:00', '17:00'] } },
			urgent: { name: 'Spoedlijn', phone: '0800 123' }
		});
		const [team] = await database.db.select().from(organisations).where(eq(organisations.id, coach.teamId));
		expect(team!.messageRetentionDays).toBe(90);
	});

	it('lets only the participant’s own coach set the end of the trajectory', async () => {
		const stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		expect(await setTrajectoryEnd(database.db, stranger, participant.id, new Date())).toBe(false);
		expect(await setTrajectoryEnd(database.db, coach, participant.id, new Date('2026-12-01T12:00:00Z'))).toBe(
			true
		);
	});
});
