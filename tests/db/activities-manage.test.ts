import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { csvRows, emptyRow } from '../../src/lib/server/activities/layout';
import { importActivities } from '../../src/lib/server/activities/import';
import {
	activityForManager,
	importCentroids,
	managedCatalogue,
	saveActivity,
	setClosed
} from '../../src/lib/server/activities/manage';
import { getPhoto, MAX_PHOTO_BYTES, setPhoto } from '../../src/lib/server/activities/photos';
import { centroidsOf, participantCatalogue } from '../../src/lib/server/activities/catalogue';
import { makeParticipant } from '../helpers/actors';
import { unpackActivity } from '../../src/lib/activities/packed';

/** A real 1x1 PNG. */
function png(): Uint8Array {
	const crc = (buf: Buffer) => {
		let c = ~0;
		for (const b of buf) {
			c ^= b;
			for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
		}
		return ~c >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type), data]);
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), 8 + data.length);
		return out;
	};
	const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe.each(ENGINES)('managing the catalogue on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let translator: CoachActor;
	let org = '';
	let id = '';

	beforeAll(async () => {
		database = await freshDatabase(engine);
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		translator = await makeCoach(database.db, {
			email: 'tess@example.nl',
			role: 'translator',
			teamId: coach.teamId
		});
		org = (await managedCatalogue(database.db, coach))!;
	});
	afterAll(() => database.close());

	it('lets coaches but not translators manage it', async () => {
		expect(org).toBe(coach.teamId);
		expect(await managedCatalogue(database.db, translator)).toBeNull();
	});

	it('saves the edit form with the import checks, and refuses markup', async () => {
		const form = {
			...emptyRow(),
			category: 'koken',
			title: 'Samen koken',
			start: '2026-09-01 10:00',
			duration: '90'
		};
		const bad = await saveActivity(database.db, coach, org, null, {
			...form,
			description: '<img src=x onerror=alert(1)>'
		});
		expect(bad).toEqual({ ok: false, reasons: ['beschrijving: bevat HTML of een script; dat mag niet'] });
		const saved = await saveActivity(database.db, coach, org, null, form);
		if (!saved.ok) throw new Error(saved.reasons.join());
		id = saved.id;
		const row = await activityForManager(database.db, org, id);
		expect(row).toMatchObject({ title: 'Samen koken', category: 'koken', durationMinutes: 90 });
		expect(row!.externalId).toMatch(/^opstap-[0-9a-f]{12}$/);
		// Changing keeps its key; an unknown id is not found.
		const changed = await saveActivity(database.db, coach, org, id, { ...form, id: 'other', title: 'Koken' });
		expect(changed).toEqual({ ok: true, id });
		expect((await activityForManager(database.db, org, id))!.externalId).toBe(row!.externalId);
		expect(await setClosed(database.db, org, id, true, 'Verbouwing')).toBe(true);
		expect((await activityForManager(database.db, org, id))!).toMatchObject({
			closed: true,
			closedReason: 'Verbouwing'
		});
		const otherCoach = await makeCoach(database.db, { email: 'bert@example.nl' });
		const otherOrg = (await managedCatalogue(database.db, otherCoach))!;
		expect(await setClosed(database.db, otherOrg, id, false, '')).toBe(false);
		expect(await activityForManager(database.db, otherOrg, id)).toBeNull();
	});

	it('takes a photo only when its content is an image, within the size limit', async () => {
		expect(await setPhoto(database.db, org, id, new TextEncoder().encode('<svg onload=alert(1)>'))).toEqual({
			ok: false,
			reason: 'not_image'
		});
		expect(await setPhoto(database.db, org, id, new Uint8Array(MAX_PHOTO_BYTES + 1))).toEqual({
			ok: false,
			reason: 'too_large'
		});
		expect(await setPhoto(database.db, org, id, png())).toEqual({ ok: true });
		const stored = await getPhoto(database.db, org, id);
		expect(stored).toMatchObject({ mime: 'image/png' });
		expect(stored!.photo.equals(Buffer.from(png()))).toBe(true);
		const participant = await makeParticipant(database.db, coach, 'Ayaan', 'so');
		const catalogue = await participantCatalogue(database.db, participant.id, 'nl');
		expect(unpackActivity(catalogue!.activities[0]!).photo).toBe(
			`/activities/photo/${id}?v=${stored!.sha256.slice(0, 16)}`
		);
		expect(await setPhoto(database.db, org, id, null)).toEqual({ ok: true });
		expect(await getPhoto(database.db, org, id)).toBeNull();
	});

	it('loads postcode centroids all or nothing', async () => {
		expect(
			await importCentroids(
				database.db,
				org,
				'postcode;lat;lon\n6511;51,8466;5,8636\n65AB;51.8;5.8\n1234;40.7;-74.0'
			)
		).toEqual({
			ok: false,
			errors: [
				'regel 3: postcode "65AB" begint niet met vier cijfers',
				'regel 4: lat en lon zijn geen plek in Nederland'
			]
		});
		expect(await centroidsOf(database.db, org)).toEqual({});
		expect(
			await importCentroids(database.db, org, 'postcode;lat;lon\n6511;51.8466;5.8636\n6512 AB;51.8412;5.8531')
		).toEqual({
			ok: true,
			count: 2
		});
		expect(await importCentroids(database.db, org, '6511;51.85;5.86')).toEqual({ ok: true, count: 1 });
		expect(await centroidsOf(database.db, org)).toEqual({
			'6511': { lat: 51.85, lon: 5.86 },
			'6512': { lat: 51.8412, lon: 5.8531 }
		});
	});

	it('places an activity without coordinates at the centre of its postcode, in the form and in an import', async () => {
		const form = {
			...emptyRow(),
			category: 'wandelen',
			title: 'Wandelen in het park',
			start: '2026-09-02 10:00',
			postcode: '6511 AB'
		};
		const saved = await saveActivity(database.db, coach, org, null, form);
		if (!saved.ok) throw new Error(saved.reasons.join());
		expect(await activityForManager(database.db, org, saved.id)).toMatchObject({ lat: 51.85, lon: 5.86 });
		// Another postcode: the place follows, as long as it was the postcode's centre.
		const row = { ...form, lat: '51.85', lon: '5.86', postcode: '6512' };
		expect(await saveActivity(database.db, coach, org, saved.id, row)).toEqual({ ok: true, id: saved.id });
		expect(await activityForManager(database.db, org, saved.id)).toMatchObject({ lat: 51.8412, lon: 5.8531 });
		// Own coordinates stay; a postcode not in the table leaves it off the map.
		await saveActivity(database.db, coach, org, saved.id, {
			...row,
			lat: '51.8',
			lon: '5.8',
			postcode: '6511'
		});
		expect(await activityForManager(database.db, org, saved.id)).toMatchObject({ lat: 51.8, lon: 5.8 });
		await saveActivity(database.db, coach, org, saved.id, { ...row, lat: '', lon: '', postcode: '9999' });
		expect(await activityForManager(database.db, org, saved.id)).toMatchObject({ lat: null, lon: null });

		const rows = csvRows(
			'id;category;title;start;postcode\nwandel-2;wandelen;Wandelen 2;2026-09-03 10:00;6512 ab'
		);
		if ('error' in rows) throw new Error(rows.error);
		await importActivities(database.db, coach, org, rows, { apply: true, source: 'csv' });
		const imported = (await participantCatalogue(
			database.db,
			(await makeParticipant(database.db, coach, 'Ali')).id,
			'nl'
		))!.activities
			.map(unpackActivity)
			.find((a) => a.title === 'Wandelen 2');
		expect(imported).toMatchObject({ lat: 51.8412, lon: 5.8531 });
	});
});
