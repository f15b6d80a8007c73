import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database, Db } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { randomUUID } from 'node:crypto';
import { audit } from '../../src/lib/server/audit';
import { messages } from '../../src/lib/server/db/schema';
import { inboxForCoach } from '../../src/lib/server/messages/coach-view';
import { auditCsv, auditFilterOf, auditRows, auditViewed } from '../../src/lib/server/privacy/audit-view';

const filter = (query = '') => auditFilterOf(new URL(`http://x/coach/audit?${query}`));

// The audit viewer (issue 16 §4): the privacy officer sees who viewed or changed whose data; nobody else does.
describe.each(ENGINES)('the audit log for the privacy officer, on %s', (engine) => {
	let database: Database;
	let db: Db;
	let officer: CoachActor;
	let lotte: CoachActor;
	let teamLead: CoachActor;
	let amalId: string;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		db = database.db;
		lotte = await makeCoach(db, { email: 'lotte@example.nl' });
		teamLead = await makeCoach(db, { email: 'karim@example.nl', role: 'team_lead', teamId: lotte.teamId });
		officer = await makeCoach(db, { email: 'fg@example.nl', role: 'privacy_officer', teamId: lotte.teamId });
		amalId = (await makeParticipant(db, lotte, 'Amal', 'ar')).id;
		const henkId = (await makeParticipant(db, lotte, 'Henk', 'nl')).id;
		const viewed = (who: CoachActor, participantId: string) =>
			audit(
				db,
				{ type: 'coach', id: who.id },
				{ action: 'participant.viewed', subjectType: 'participant', subjectId: participantId }
			);
		await viewed(lotte, amalId);
		await viewed(teamLead, amalId);
		await viewed(lotte, henkId);
		await audit(
			db,
			{ type: 'participant', id: amalId },
			{ action: 'mydata.downloaded', subjectType: 'participant', subjectId: amalId }
		);
		await audit(
			db,
			{ type: 'coach', id: lotte.id },
			{ action: 'answers.exported', details: { rows: '=1+1' } }
		);
	});
	afterAll(async () => {
		await database?.close();
	});

	it('refuses everyone but the privacy officer, even an admin', async () => {
		const admin = await makeCoach(db, { email: 'admin@example.nl', role: 'admin', teamId: lotte.teamId });
		for (const who of [lotte, teamLead, admin]) expect(await auditRows(db, who, filter())).toBeNull();
	});

	it('lists everything newest first, with names and Dutch words', async () => {
		const rows = (await auditRows(db, officer, filter()))!;
		expect(rows.map((r) => r.action)).toEqual([
			'answers.exported',
			'mydata.downloaded',
			'participant.viewed',
			'participant.viewed',
			'participant.viewed'
		]);
		expect(rows[1]).toMatchObject({
			who: 'Amal (deelnemer)',
			subjectName: 'Amal',
			actionText: 'downloadde de eigen gegevens'
		});
	});

	it('filters by staff member, participant (name or number) and action', async () => {
		const byAmal = (await auditRows(db, officer, filter('participant=amal')))!;
		expect(byAmal).toHaveLength(3);
		expect((await auditRows(db, officer, filter(`participant=${amalId}`)))!).toHaveLength(3);
		const karimOnAmal = (await auditRows(db, officer, filter('participant=Amal&who=karim@')))!;
		expect(karimOnAmal.map((r) => [r.actorRole, r.action])).toEqual([['team_lead', 'participant.viewed']]);
		expect((await auditRows(db, officer, filter('action=participant.viewed&who=lotte')))!).toHaveLength(2);
		// A period before anything happened, and nonsense that falls back to the default.
		expect((await auditRows(db, officer, filter('from=2020-01-01&to=2020-01-31')))!).toHaveLength(0);
		expect((await auditRows(db, officer, filter('from=gisteren&who=%25')))!).toHaveLength(0);
	});

	it('exports the same rows as CSV where no field can start a formula, and looking is written down', async () => {
		const rows = (await auditRows(db, officer, filter()))!;
		const csv = auditCsv(rows);
		expect(csv.split('\r\n')[0]).toBe('tijd,wie,rol,wat,actie,over,deelnemernummer,details');
		expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
		expect(csv).not.toMatch(/(^|,)=/m);
		await auditViewed(db, officer, filter('who=lotte'), true);
		const [newest] = (await auditRows(db, officer, filter()))!;
		expect(newest).toMatchObject({ action: 'audit.exported', who: officer.name, details: { who: 'lotte' } });
	});

	it('writes down the inbox view too, findable under each participant whose last message was on screen', async () => {
		await db.insert(messages).values({
			clientId: randomUUID(),
			participantId: amalId,
			sender: 'participant',
			kind: 'text',
			body: 'Salaam',
			sentAt: new Date()
		});
		const inbox = await inboxForCoach(db, lotte);
		expect(inbox.find((row) => row.participantId === amalId)!.last!.summary).toBe('Salaam');
		const [entry] = (await auditRows(
			db,
			officer,
			filter(`participant=${amalId}&action=messages.inbox.viewed`)
		))!;
		expect(entry).toMatchObject({
			who: lotte.name,
			actionText: 'bekeek het berichtenoverzicht (laatste bericht per deelnemer)',
			details: { participants: [amalId] }
		});
	});
});
