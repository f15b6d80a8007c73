import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import { wavTone } from '../helpers/audio';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { coaches, messages, organisations, participants, attachments } from '../../src/lib/server/db/schema';
import { inbox, messagesStamp } from '../../src/lib/server/messages/inbox';
import { purgeExpiredMessages } from '../../src/lib/server/messages/retention';
import { sendFromCoach, sendFromParticipant } from '../../src/lib/server/messages/sending';
import { threadForCoach, threadForParticipant } from '../../src/lib/server/messages/threads';
import { applyOutbox } from '../../src/lib/server/sync/outbox';
import { threadViewForCoach } from '../../src/lib/server/messages/coach-view';
import {
	attachmentForCoach,
	attachmentForParticipant,
	saveAttachment
} from '../../src/lib/server/files/attachments';

const at = new Date('2026-11-23T10:00:00Z'); // a Monday, 11:00 in Amsterdam

/** A tiny real JPEG with an EXIF (APP1) segment holding a "GPS" marker, as a phone camera would write it. */
function jpegWithExif(): Buffer {
	const exif = Buffer.concat([Buffer.from('Exif\0\0GPSLatitude 52.37'), Buffer.alloc(20)]);
	const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
	const jfif = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
	const scan = Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 1, 2, 3, 0xff, 0xd9]);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, app1, scan]);
}

describe.each(ENGINES)('messages between a participant and their coach, on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let stranger: CoachActor;
	let participant: { id: string };
	let other: { id: string };

	beforeAll(async () => {
		database = await freshDatabase(engine);
		coach = await makeCoach(database.db, { email: 'anna@example.nl' });
		stranger = await makeCoach(database.db, { email: 'other@example.nl' });
		participant = await makeParticipant(database.db, coach, 'Semhar', 'ti');
		other = await makeParticipant(database.db, stranger, 'Henk');
	});
	afterAll(() => database.close());

	const entry = (data: Record<string, unknown>, clientId = randomUUID()) => ({
		kind: 'message' as const,
		clientId,
		at: at.toISOString(),
		data
	});

	it('stores a message from the phone exactly once, however often it is sent', async () => {
		const e = entry({ kind: 'text', text: 'Hallo Anna' });
		expect(await applyOutbox(database.db, participant.id, [e])).toEqual([
			{ clientId: e.clientId, status: 'stored' }
		]);
		for (let i = 0; i < 3; i++)
			expect(await applyOutbox(database.db, participant.id, [e])).toEqual([
				{ clientId: e.clientId, status: 'already' }
			]);
		// Two deliveries at the same moment (two server processes): still one row.
		const twin = entry({ kind: 'quick', quick: 'ill' });
		const both = await Promise.all([
			applyOutbox(database.db, participant.id, [twin]),
			applyOutbox(database.db, participant.id, [twin])
		]);
		expect(both.map((r) => r[0]!.status).sort()).toEqual(['already', 'stored']);
		const rows = await database.db.select().from(messages).where(eq(messages.participantId, participant.id));
		expect(rows).toHaveLength(2);
		// Another participant cannot take over the id.
		expect((await applyOutbox(database.db, other.id, [e]))[0]).toMatchObject({ status: 'rejected' });
	});

	it('refuses empty, unknown and over-long messages with a reason, storing nothing', async () => {
		const before = (await database.db.select().from(messages)).length;
		const bad = [
			entry({ kind: 'text', text: '   ' }),
			entry({ kind: 'quick', quick: 'party' }),
			entry({ kind: 'voice', attachmentId: randomUUID(), durationMs: 30_000 }),
			entry({ kind: 'text', text: 'x'.repeat(2001) })
		];
		const results = await applyOutbox(database.db, participant.id, bad);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
		expect((results[0] as { reason: string }).reason).toBe('empty');
		expect((results[2] as { reason: string }).reason).toBe('noAttachment');
		expect((await database.db.select().from(messages)).length).toBe(before);
	});

	it('takes a voice note and a photo only as files of this participant, of the right kind', async () => {
		const voice = randomUUID();
		const photo = randomUUID();
		expect(await saveAttachment(database.db, participant.id, voice, wavTone(1))).toMatchObject({ ok: true });
		expect(await saveAttachment(database.db, participant.id, photo, jpegWithExif())).toMatchObject({
			ok: true
		});
		// The location is gone from the stored photo; it is still a JPEG.
		const stored = await attachmentForParticipant(database.db, participant.id, photo);
		expect(stored?.mime).toBe('image/jpeg');
		expect(stored!.data.includes(Buffer.from('GPSLatitude'))).toBe(false);
		expect(stored!.data.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		// An executable renamed .jpg, and an over-long file: refused, nothing stored.
		const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
		expect(await saveAttachment(database.db, participant.id, randomUUID(), exe)).toEqual({
			ok: false,
			reason: 'not_media'
		});
		expect(
			await saveAttachment(database.db, participant.id, randomUUID(), Buffer.alloc(50 * 1024 * 1024))
		).toEqual({ ok: false, reason: 'too_large' });
		// A photo sent as a voice note, someone else's file, a voice note over two minutes: refused.
		const results = await applyOutbox(database.db, participant.id, [
			entry({ kind: 'voice', attachmentId: photo, durationMs: 3000 }),
			entry({ kind: 'voice', attachmentId: voice, durationMs: 150_000 })
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(
			(await applyOutbox(database.db, other.id, [entry({ kind: 'photo', attachmentId: photo })]))[0]
		).toMatchObject({
			status: 'rejected'
		});
		const ok = await applyOutbox(database.db, participant.id, [
			entry({ kind: 'voice', attachmentId: voice, durationMs: 1000 }),
			entry({ kind: 'photo', attachmentId: photo, text: 'Deze brief' })
		]);
		expect(ok.map((r) => r.status)).toEqual(['stored', 'stored']);
		// Files: only this participant and their coach.
		expect(await attachmentForCoach(database.db, coach, photo)).not.toBeNull();
		expect(await attachmentForCoach(database.db, stranger, photo)).toBeNull();
		expect(await attachmentForParticipant(database.db, other.id, photo)).toBeNull();
	});

	it('shows the coach unread counts; opening the thread reads them; other coaches see nothing', async () => {
		const [row] = await inbox(database.db, coach);
		expect(row).toMatchObject({ participantId: participant.id, unread: 4 });
		expect(await inbox(database.db, stranger)).toEqual([
			expect.objectContaining({ participantId: other.id, unread: 0 })
		]);
		const before = await messagesStamp(database.db, coach);
		expect(before.unread).toBe(4);
		expect(await threadForCoach(database.db, stranger, participant.id)).toBeNull();
		const thread = await threadForCoach(database.db, coach, participant.id);
		expect(thread!.messages.map((m) => m.kind)).toEqual(['text', 'quick', 'voice', 'photo']);
		expect(thread!.messages.every((m) => m.readAt)).toBe(true);
		const after = await messagesStamp(database.db, coach);
		expect(after.unread).toBe(0);
		expect(after.stamp).not.toBe(before.stamp);
	});

	it('lets the coach send a quick message and a voice note: sound only, once per post, a file the participant can fetch', async () => {
		const quick = await sendFromCoach(database.db, coach, participant.id, {
			clientId: randomUUID(),
			kind: 'quick',
			quick: 'wellDone'
		});
		expect(quick).toMatchObject({ ok: true, status: 'stored' });
		// A participant's own quick codes ("I am ill") are not the coach's to send.
		expect(
			await sendFromCoach(database.db, coach, participant.id, {
				clientId: randomUUID(),
				kind: 'quick',
				quick: 'ill'
			})
		).toEqual({ ok: false, reason: 'unknownQuick' });
		const clientId = randomUUID();
		const note = { clientId, kind: 'voice' as const, audio: new Uint8Array(wavTone(1)), durationMs: 1000 };
		expect(await sendFromCoach(database.db, coach, participant.id, note)).toMatchObject({
			ok: true,
			status: 'stored'
		});
		expect(await sendFromCoach(database.db, coach, participant.id, note)).toMatchObject({
			ok: true,
			status: 'already'
		});
		const [row] = await database.db.select().from(messages).where(eq(messages.clientId, clientId));
		expect(row).toMatchObject({ sender: 'coach', kind: 'voice', durationMs: 1000, attachmentId: clientId });
		const [file] = await database.db.select().from(attachments).where(eq(attachments.id, clientId));
		expect(file).toMatchObject({ participantId: participant.id, mime: 'audio/wav' });
		// Not a sound (a PNG), too long, or someone else's participant: refused, and nothing stored.
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
		const refusedId = randomUUID();
		expect(
			await sendFromCoach(database.db, coach, participant.id, { ...note, clientId: refusedId, audio: png })
		).toEqual({ ok: false, reason: 'notAudio' });
		expect(
			await sendFromCoach(database.db, coach, participant.id, {
				...note,
				clientId: refusedId,
				durationMs: 10 * 60_000
			})
		).toEqual({ ok: false, reason: 'voiceTooLong' });
		expect(
			await sendFromCoach(database.db, stranger, participant.id, { ...note, clientId: refusedId })
		).toEqual({ ok: false, reason: 'not_found' });
		expect(await database.db.select().from(attachments).where(eq(attachments.id, refusedId))).toEqual([]);
		expect(await database.db.select().from(messages).where(eq(messages.clientId, refusedId))).toEqual([]);
	});

	it('lets the coach reply once per form post; only to their own participants', async () => {
		const clientId = randomUUID();
		expect(
			await sendFromCoach(database.db, coach, participant.id, { clientId, text: 'Ik bel je morgen.' })
		).toMatchObject({ ok: true, status: 'stored' });
		expect(
			await sendFromCoach(database.db, coach, participant.id, { clientId, text: 'Ik bel je morgen.' })
		).toMatchObject({ ok: true, status: 'already' });
		expect(
			await sendFromCoach(database.db, stranger, participant.id, { clientId: randomUUID(), text: 'Hoi' })
		).toEqual({ ok: false, reason: 'not_found' });
		expect(
			await sendFromCoach(database.db, coach, participant.id, { clientId: randomUUID(), text: ' ' })
		).toEqual({ ok: false, reason: 'empty' });
		const reply = () =>
			database.db
				.select()
				.from(messages)
				.where(eq(messages.clientId, clientId))
				.then((r) => r[0]!);
		expect((await reply()).readAt).toBeNull();
		// Shown on the phone: now read.
		const mine = await threadForParticipant(database.db, participant.id);
		expect(mine.at(-1)).toMatchObject({ sender: 'coach', body: 'Ik bel je morgen.' });
		expect((await reply()).readAt).not.toBeNull();
	});

	it('a team lead reading along leaves the coach’s unread marker, and sees which coach wrote', async () => {
		const lead = await makeCoach(database.db, {
			email: 'lead@example.nl',
			teamId: coach.teamId,
			role: 'team_lead'
		});
		const e = entry({ kind: 'text', text: 'Kun je me bellen?' });
		await applyOutbox(database.db, participant.id, [e]);
		expect((await messagesStamp(database.db, coach)).unread).toBe(1);
		const seen = await threadViewForCoach(database.db, lead, participant.id);
		expect(seen!.messages.at(-1)).toMatchObject({ sender: 'participant', readAt: null });
		// Still unread for the coach, who has not read it.
		expect((await messagesStamp(database.db, coach)).unread).toBe(1);
		// The coach's reply is the coach's for the lead, and "you" (no name) for the coach.
		const reply = seen!.messages.find((m) => m.text === 'Ik bel je morgen.')!;
		expect(reply.by).toBe(coach.name);
		const own = await threadViewForCoach(database.db, coach, participant.id);
		expect(own!.messages.find((m) => m.text === 'Ik bel je morgen.')!.by).toBeNull();
		expect((await messagesStamp(database.db, coach)).unread).toBe(0);
	});

	it('answers outside working hours with the coach’s automatic reply, at most once in twelve hours', async () => {
		await database.db
			.update(coaches)
			.set({
				workingHours: { 1: ['09:00', '17:00'], 2: ['09:00', '17:00'] },
				autoReplyOn: true,
				autoReplyText: 'Ik werk nu niet. Morgen lees ik je bericht.'
			})
			.where(eq(coaches.id, coach.id));
		const send = (when: Date) =>
			sendFromParticipant(
				database.db,
				participant.id,
				{ clientId: randomUUID(), at: when, data: { kind: 'text', text: 'Hoi' } },
				when
			);
		const autos = async () =>
			(await database.db.select().from(messages).where(eq(messages.participantId, participant.id))).filter(
				(m) => m.auto
			).length;
		await send(new Date('2026-11-23T12:00:00Z')); // Monday 13:00: working
		expect(await autos()).toBe(0);
		await send(new Date('2026-11-23T19:00:00Z')); // Monday 20:00
		await send(new Date('2026-11-23T20:00:00Z'));
		expect(await autos()).toBe(1);
	});

	it('deletes messages and their files after the retention period that follows the trajectory', async () => {
		const [municipality] = await database.db
			.insert(organisations)
			.values({ kind: 'municipality', name: 'Gemeente', messageRetentionDays: 30 })
			.returning();
		await database.db
			.update(organisations)
			.set({ parentId: municipality!.id })
			.where(eq(organisations.id, coach.teamId));
		const now = new Date();
		expect(await purgeExpiredMessages(database.db, now)).toBe(0);
		await database.db
			.update(participants)
			.set({ trajectoryEndedAt: new Date(now.getTime() - 10 * 86400_000) })
			.where(eq(participants.id, participant.id));
		expect(await purgeExpiredMessages(database.db, now)).toBe(0);
		const count = (await threadForParticipant(database.db, participant.id)).length;
		expect(await purgeExpiredMessages(database.db, new Date(now.getTime() + 25 * 86400_000))).toBe(count);
		expect(await threadForParticipant(database.db, participant.id)).toEqual([]);
		const files = await database.db
			.select()
			.from(attachments)
			.where(eq(attachments.participantId, participant.id));
		// The two files of messages are gone; no orphan is left of the voice note or photo.
		expect(files).toHaveLength(0);
	});
});
