import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import * as s from '../../src/lib/server/db/schema';
import { recordConsent } from '../../src/lib/server/consent';
import { installBuiltInDefinitions } from '../../src/lib/server/survey/definitions';
import { myDataCounts } from '../../src/lib/server/privacy/my-data';
import { MY_DATA_PAGE, myDataZip } from '../../src/lib/server/privacy/my-data-zip';
import { SHIPPED_VERSION } from '../helpers/instruments';

// "My data" (issue 16 §2): everything held about one participant, readable in their language and as JSON, with the
// files, and nothing of anyone else.
describe.each(ENGINES)('my data: the participant’s own download, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let participantId: string;
	let otherId: string;
	const voice = Buffer.from('OggS-this-is-a-voice-note');

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		await installBuiltInDefinitions(db);
		const coach = await makeCoach(db, { email: 'coach@example.nl' });
		participantId = (await makeParticipant(db, coach, 'Amal Haddad', 'ar')).id;
		otherId = (await makeParticipant(db, coach, 'Iemand Anders', 'nl')).id;
		const now = new Date('2026-12-01T09:30:00Z');
		const [assignment] = await db
			.insert(s.assignments)
			.values({
				participantId,
				questionnaireId: 'intake',
				version: SHIPPED_VERSION.intake,
				wave: 'T0',
				moduleIds: ['myWeek']
			})
			.returning();
		await db.insert(s.answers).values({
			assignmentId: assignment!.id,
			itemId: 'metPeople',
			moduleId: 'myWeek',
			value: { type: 'yesno', value: true },
			clientId: randomUUID(),
			answeredAt: now,
			language: 'ar',
			version: SHIPPED_VERSION.intake
		});
		const [file] = await db
			.insert(s.attachments)
			.values({ id: randomUUID(), participantId, mime: 'audio/ogg', data: voice, bytes: voice.length })
			.returning();
		await db.insert(s.messages).values([
			{
				clientId: randomUUID(),
				participantId,
				sender: 'participant',
				kind: 'voice',
				attachmentId: file!.id,
				durationMs: 4000,
				sentAt: now
			},
			{
				clientId: randomUUID(),
				participantId,
				sender: 'participant',
				kind: 'quick',
				quick: 'ill',
				sentAt: now
			},
			{
				clientId: randomUUID(),
				participantId: otherId,
				sender: 'participant',
				kind: 'text',
				body: 'GEHEIM',
				sentAt: now
			}
		]);
		await db.insert(s.appointments).values({
			participantId,
			coachId: coach.id,
			type: 'homeVisit',
			startsAt: now,
			endsAt: now,
			place: 'home'
		});
		await db
			.insert(s.journalNotes)
			.values({ participantId, coachId: coach.id, kind: 'call', at: now, text: 'Gebeld over de taalles' });
		const [goal] = await db
			.insert(s.goals)
			.values({
				participantId,
				pictogram: 'act-taalcafe',
				text: 'Naar het taalcafé',
				ownText: 'إلى مقهى اللغة',
				ownLanguage: 'ar'
			})
			.returning();
		await db.insert(s.goalSteps).values({
			goalId: goal!.id,
			participantId,
			text: 'Donderdag gaan',
			dueOn: '2026-12-10',
			doneAt: now,
			doneBy: 'participant'
		});
		await recordConsent(db, participantId, 'coaching', 'given');
		await recordConsent(db, participantId, 'research', 'withdrawn');
	});
	afterAll(async () => {
		await database?.close();
	});

	it('counts each kind on the phone', async () => {
		expect(await myDataCounts(db, participantId)).toEqual({
			answers: 1,
			appointments: 1,
			messages: 2,
			files: 1,
			checkins: 0,
			consent: 2,
			notes: 1,
			activities: 0,
			plan: 1
		});
	});

	it('zips a readable page in the participant’s language, the same as JSON, and the files; nothing of another', async () => {
		const zip = unzipSync((await myDataZip(db, participantId, 'ar'))!);
		expect(Object.keys(zip).sort()).toEqual(
			[MY_DATA_PAGE, 'data.json', expect.stringMatching(/^bestanden\/[0-9a-f-]+\.ogg$/)].sort()
		);
		const fileName = Object.keys(zip).find((n) => n.startsWith('bestanden/'))!;
		expect(Buffer.from(zip[fileName]!)).toEqual(voice);

		const data = JSON.parse(strFromU8(zip['data.json']!));
		expect(data.person.name).toBe('Amal Haddad');
		expect(data.messages).toHaveLength(2);
		expect(data.messages.find((m: { kind: string }) => m.kind === 'voice').file).toBe(data.files[0].id);
		expect(data.consent.map((c: { decision: string }) => c.decision)).toEqual(['given', 'withdrawn']);
		expect(data.coachNotes[0].text).toBe('Gebeld over de taalles');
		expect(data.plan).toEqual([
			expect.objectContaining({
				text: 'Naar het taalcafé',
				ownText: 'إلى مقهى اللغة',
				steps: [expect.objectContaining({ text: 'Donderdag gaan', dueOn: '2026-12-10', done: true })]
			})
		]);
		// The answer in words of the participant's language, beside the stored value.
		expect(data.questionnaires[0].answers[0]).toMatchObject({
			item: 'metPeople',
			value: { type: 'yesno', value: true }
		});
		expect(data.questionnaires[0].answers[0].answer).toMatch(/[\u0600-\u06FF]/);

		const page = strFromU8(zip[MY_DATA_PAGE]!);
		expect(page).toContain('<html lang="ar" dir="rtl">');
		expect(page).toContain('Amal Haddad');
		expect(page).toContain(`href="${fileName}"`);
		// The plan in the words written for her, the coach's Dutch beside it, the step ticked and its day in Arabic.
		expect(page).toContain('<b>إلى مقهى اللغة</b> <span lang="nl">(Naar het taalcafé)</span>');
		expect(page).toMatch(/<li>✓ Donderdag gaan \([^)]*ديسمبر\)<\/li>/);
		expect(page).not.toContain('<script');
		for (const text of [strFromU8(zip['data.json']!), page]) {
			expect(text).not.toContain('GEHEIM');
			expect(text).not.toContain('Iemand Anders');
		}
	});

	it('is audited as the participant taking their data', async () => {
		const rows = await db
			.select()
			.from(s.auditLog)
			.where(and(eq(s.auditLog.action, 'mydata.downloaded'), eq(s.auditLog.subjectId, participantId)));
		expect(rows).toHaveLength(1);
		expect(rows[0]!.actorType).toBe('participant');
	});

	it('has nothing for someone who is not there', async () => {
		expect(await myDataZip(db, randomUUID(), 'nl')).toBeNull();
		expect(await myDataCounts(db, randomUUID())).toBeNull();
	});
});
