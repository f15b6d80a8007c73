import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINES, freshDatabase } from '../helpers/db';
import { makeCoach, makeParticipant } from '../helpers/actors';
import type { Database } from '../../src/lib/server/db';
import type { CoachActor } from '../../src/lib/server/auth/coach';
import { activities, activityRequests, organisations } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/db/seed';
import { applyOutbox, type OutboxEnvelope } from '../../src/lib/server/sync/outbox';
import {
	activityForParticipant,
	catalogueOwnerOfTeam,
	participantCatalogue
} from '../../src/lib/server/activities/catalogue';
import { interestForCoach, markHandled } from '../../src/lib/server/activities/requests';
import { importActivities } from '../../src/lib/server/activities/import';
import { activitiesCsv, csvRows } from '../../src/lib/server/activities/layout';
import { icalRows } from '../../src/lib/server/activities/ical';
import { activitiesJsonLd } from '../../src/lib/server/activities/jsonld';
import { listActivities } from '../../src/lib/server/activities/catalogue';
import { CATEGORIES } from '../../src/lib/activities/categories';
import { packActivity, unpackActivity } from '../../src/lib/activities/packed';
import { nextOccurrence } from '../../src/lib/activities/recurrence';
import { sourceHash } from '../../src/lib/server/activities/translations';

const GOOD_CSV = [
	'id;category;title;description;start;duration;rrule;cost;price;effort;women_only;languages;lat;lon;title_so',
	'tc-1;taalcafe;Taalcafé Test;Praat Nederlands.;2026-09-01 10:00;90;FREQ=WEEKLY;BYDAY=TU;free;;calm;nee;nl ar;51.84;5.86;Maqaaxi',
	'zw-1;zwemmen;Zwemmen;"Zwemmen; alleen vrouwen";2026-09-06 17:00;60;FREQ=WEEKLY;BYDAY=SU;price;3,50;some;ja;;;;'
].join('\n');

// The CSV above has a semicolon inside the rrule: quote it as a spreadsheet would.
const goodCsv = GOOD_CSV.replace(/FREQ=WEEKLY;BYDAY=(\w\w)/g, '"FREQ=WEEKLY;BYDAY=$1"');

const BAD_CSV = [
	'id,category,title,description,start,duration',
	'ok-1,buurtgym,Bewegen,Rustig bewegen.,2026-09-01 10:00,60',
	'no-title,buurtgym,,Zonder titel,2026-09-01 10:00,60',
	'bad-time,buurtgym,Slechte tijd,Te laat,2026-09-01 25:00,60',
	'bad-cat,paardrijden,Paardrijden,Onbekend,2026-09-01 10:00,60',
	'script,buurtgym,Script,"Hallo <script>alert(1)</script>",2026-09-01 10:00,60'
].join('\n');

/** One entry through the phone's outbox, as /api/sync applies it. */
const applyOne = async (db: Database['db'], participantId: string, entry: OutboxEnvelope) =>
	(await applyOutbox(db, participantId, [entry]))[0];

describe.each(ENGINES)('activities on %s', (engine) => {
	let database: Database;
	let coach: CoachActor;
	let otherCoach: CoachActor;
	let participant: { id: string };
	let stranger: { id: string };
	let org = '';

	beforeAll(async () => {
		database = await freshDatabase(engine);
		const [municipality] = await database.db
			.insert(organisations)
			.values({ kind: 'municipality', name: 'Testgemeente' })
			.returning();
		const [team] = await database.db
			.insert(organisations)
			.values({ kind: 'team', name: 'Team', parentId: municipality!.id })
			.returning();
		coach = await makeCoach(database.db, { email: 'anna@example.nl', teamId: team!.id });
		otherCoach = await makeCoach(database.db, { email: 'bert@example.nl' });
		participant = await makeParticipant(database.db, coach, 'Hodan', 'so');
		stranger = await makeParticipant(database.db, otherCoach, 'Piet');
		org = await catalogueOwnerOfTeam(database.db, coach.teamId);
		expect(org).toBe(municipality!.id);
	});
	afterAll(() => database.close());

	it('imports a good CSV after a dry run that changes nothing', async () => {
		const rows = csvRows(goodCsv);
		if ('error' in rows) throw new Error(rows.error);
		const dry = await importActivities(database.db, coach, org, rows, { apply: false, source: 'csv' });
		expect(dry).toMatchObject({ ok: true, unchanged: 0, rejected: [] });
		expect(dry.added.map((a) => a.externalId)).toEqual(['tc-1', 'zw-1']);
		expect(await listActivities(database.db, org)).toHaveLength(0);

		await importActivities(database.db, coach, org, rows, { apply: true, source: 'csv' });
		const stored = await listActivities(database.db, org);
		expect(stored).toHaveLength(2);
		const swim = stored.find((a) => a.externalId === 'zw-1')!;
		expect(swim).toMatchObject({
			priceCents: 350,
			cost: 'price',
			womenOnly: true,
			rrule: 'FREQ=WEEKLY;BYDAY=SU',
			description: 'Zwemmen; alleen vrouwen'
		});
		// Each translation with a hash of the Dutch it was made from (activities/translations.ts).
		expect(stored.find((a) => a.externalId === 'tc-1')!.translations).toEqual({
			so: { title: 'Maqaaxi', sources: { title: sourceHash('Taalcafé Test') } }
		});

		// The same file again: nothing to do. A changed title: one change, named.
		const again = await importActivities(database.db, coach, org, rows, { apply: false, source: 'csv' });
		expect(again).toMatchObject({ added: [], changed: [], unchanged: 2 });
		const changedRows = csvRows(goodCsv.replace('Taalcafé Test', 'Taalcafé Nieuw'));
		if ('error' in changedRows) throw new Error(changedRows.error);
		const changed = await importActivities(database.db, coach, org, changedRows, {
			apply: false,
			source: 'csv'
		});
		expect(changed.changed).toEqual([
			{ line: 2, externalId: 'tc-1', title: 'Taalcafé Nieuw', fields: ['title'] }
		]);
	});

	it('reports every bad row with its reason and imports none of the file', async () => {
		const rows = csvRows(BAD_CSV);
		if ('error' in rows) throw new Error(rows.error);
		const before = (await listActivities(database.db, org)).length;
		const plan = await importActivities(database.db, coach, org, rows, { apply: true, source: 'csv' });
		expect(plan.ok).toBe(false);
		expect(plan.added.map((a) => a.externalId)).toEqual(['ok-1']);
		expect(plan.rejected.map((r) => [r.line, r.externalId, r.reasons])).toEqual([
			[3, 'no-title', ['titel: ontbreekt']],
			[4, 'bad-time', ['start: geen geldige datum en tijd ("2026-09-01 25:00"); schrijf JJJJ-MM-DD UU:MM']],
			[5, 'bad-cat', ['categorie: onbekende categorie "paardrijden"']],
			[6, 'script', ['beschrijving: bevat HTML of een script; dat mag niet']]
		]);
		expect(await listActivities(database.db, org)).toHaveLength(before);
		expect(csvRows('title;start\nx;y')).toEqual({ error: 'De kolom "id" ontbreekt in de eerste regel.' });
	});

	it('exports what it imports (CSV round trip) and JSON-LD with "<" escaped', async () => {
		const stored = await listActivities(database.db, org);
		const rows = csvRows(activitiesCsv(stored));
		if ('error' in rows) throw new Error(rows.error);
		const plan = await importActivities(database.db, coach, org, rows, { apply: false, source: 'csv' });
		expect(plan).toMatchObject({ ok: true, added: [], changed: [], unchanged: 2 });

		await database.db
			.update(activities)
			.set({ organiser: 'A</script><b>' })
			.where(eq(activities.externalId, 'tc-1'));
		const ld = activitiesJsonLd(await listActivities(database.db, org), 'https://opstap.example');
		expect(ld).not.toContain('</script>');
		const parsed = JSON.parse(ld);
		const event = parsed['@graph'].find((e: { identifier: string }) => e.identifier === 'tc-1');
		expect(event).toMatchObject({
			'@type': 'Event',
			name: 'Taalcafé Test',
			startDate: '2026-09-01T10:00:00+02:00',
			isAccessibleForFree: true,
			organizer: { name: 'A</script><b>' },
			eventSchedule: { repeatFrequency: 'P1W', byDay: ['https://schema.org/Tuesday'], startTime: '10:00' }
		});
	});

	it('imports recurring events from an iCalendar feed, in Amsterdam time (also from another zone)', async () => {
		const feed = [
			'BEGIN:VCALENDAR',
			'BEGIN:VEVENT',
			'UID:ical-1@bieb',
			'SUMMARY:Voorlezen\\, met koffie',
			'DTSTART;TZID=Europe/Amsterdam:20260902T150000',
			'DTEND;TZID=Europe/Amsterdam:20260902T154500',
			'RRULE:FREQ=WEEKLY;BYDAY=WE',
			'EXDATE;TZID=Europe/Amsterdam:20261028T150000',
			'CATEGORIES:bibliotheek',
			'LOCATION:Marikenstraat 29',
			'DESCRIPTION:Een verhaal voor ouders en k',
			' inderen.',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:ical-2@bieb',
			'SUMMARY:In UTC',
			'DTSTART:20261201T090000Z',
			'DURATION:PT1H30M',
			'END:VEVENT',
			'BEGIN:VEVENT',
			'UID:ical-3@bieb',
			'SUMMARY:Elders',
			'DTSTART;TZID=America/New_York:20261201T090000',
			'END:VEVENT',
			'END:VCALENDAR'
		].join('\r\n');
		const rows = icalRows(feed, { category: 'ontmoeten' });
		const plan = await importActivities(database.db, coach, org, rows, { apply: false, source: 'ical' });
		// 09:00 in New York on 1 December is 15:00 in Amsterdam (it was refused before ical.js).
		expect(plan.rejected).toEqual([]);
		expect(rows[2]!.row.start).toBe('2026-12-01 15:00');
		const ok = await importActivities(database.db, coach, org, rows.slice(0, 2), {
			apply: true,
			source: 'ical'
		});
		expect(ok.added).toHaveLength(2);
		const stored = await listActivities(database.db, org);
		const read = stored.find((a) => a.externalId === 'ical-1@bieb')!;
		expect(read).toMatchObject({
			title: 'Voorlezen, met koffie',
			description: 'Een verhaal voor ouders en kinderen.',
			category: 'bibliotheek',
			start: '2026-09-02T15:00',
			durationMinutes: 45,
			exdates: ['2026-10-28']
		});
		expect(stored.find((a) => a.externalId === 'ical-2@bieb')).toMatchObject({
			start: '2026-12-01T10:00',
			durationMinutes: 90,
			category: 'ontmoeten'
		});
	});

	it('warns, without refusing, for rows that look like an activity already there under another id', async () => {
		const csv = csvRows(
			[
				'id;category;title;start;address',
				'tc-copy;taalcafe;TAALCAFÉ  test;2026-09-01 10:00;',
				'vl-2;bibliotheek;Voorlezen, met koffie;2026-10-07 15:00;marikenstraat 29',
				'new-1;koken;Nieuw;2026-09-01 10:00;',
				'new-2;koken;nieuw;2026-09-01 10:00;',
				'tc-1;taalcafe;Taalcafé Test;2026-09-01 10:00;'
			].join('\n')
		);
		if ('error' in csv) throw new Error(csv.error);
		const plan = await importActivities(database.db, coach, org, csv, { apply: false, source: 'csv' });
		expect(plan).toMatchObject({ ok: true, rejected: [] });
		expect(plan.added.map((a) => a.externalId)).toEqual(['tc-copy', 'vl-2', 'new-1', 'new-2']);
		expect(plan.warnings).toEqual([
			{
				line: 2,
				externalId: 'tc-copy',
				title: 'TAALCAFÉ  test',
				messages: [
					'lijkt op de bestaande activiteit "Taalcafé Test" (id tc-1): dezelfde titel en dezelfde eerste keer'
				]
			},
			{
				line: 3,
				externalId: 'vl-2',
				title: 'Voorlezen, met koffie',
				messages: [
					'lijkt op de bestaande activiteit "Voorlezen, met koffie" (id ical-1@bieb): dezelfde titel en hetzelfde adres'
				]
			},
			{
				line: 5,
				externalId: 'new-2',
				title: 'nieuw',
				messages: ['lijkt op regel 4 (id new-1) in dit bestand: dezelfde titel en dezelfde eerste keer']
			},
			{
				line: 6,
				externalId: 'tc-1',
				title: 'Taalcafé Test',
				messages: ['lijkt op regel 2 (id tc-copy) in dit bestand: dezelfde titel en dezelfde eerste keer']
			}
		]);
		// The same from a feed under another UID.
		const feed = icalRows(
			[
				'BEGIN:VCALENDAR',
				'BEGIN:VEVENT',
				'UID:elders-1@feed',
				'SUMMARY:voorlezen\\, met koffie',
				'DTSTART;TZID=Europe/Amsterdam:20260902T150000',
				'END:VEVENT',
				'END:VCALENDAR'
			].join('\r\n'),
			{ category: 'bibliotheek' }
		);
		const fromFeed = await importActivities(database.db, coach, org, feed, { apply: true, source: 'ical' });
		expect(fromFeed).toMatchObject({ ok: true, added: [{ externalId: 'elders-1@feed' }] });
		expect(fromFeed.warnings[0]!.messages).toEqual([
			'lijkt op de bestaande activiteit "Voorlezen, met koffie" (id ical-1@bieb): dezelfde titel en dezelfde eerste keer'
		]);
		// A warning does not stop the import.
		expect((await listActivities(database.db, org)).some((a) => a.externalId === 'elders-1@feed')).toBe(true);
	});

	it('stores a request once however often it arrives, only for the own catalogue', async () => {
		const [activity] = await listActivities(database.db, org);
		const entry = {
			kind: 'activityRequest' as const,
			clientId: randomUUID(),
			at: '2026-11-23T10:00:00Z',
			data: { activityId: activity!.id, kind: 'together' }
		};
		expect(await applyOne(database.db, participant.id, entry)).toMatchObject({ status: 'stored' });
		expect(await applyOne(database.db, participant.id, entry)).toMatchObject({ status: 'already' });
		expect(
			await database.db.select().from(activityRequests).where(eq(activityRequests.clientId, entry.clientId))
		).toHaveLength(1);
		// Another municipality's participant cannot ask for it; nor can anyone ask for an unknown one.
		expect(await applyOne(database.db, stranger.id, { ...entry, clientId: randomUUID() })).toMatchObject({
			status: 'rejected',
			reason: 'unknown_activity'
		});
		expect(
			await applyOne(database.db, participant.id, {
				...entry,
				clientId: randomUUID(),
				data: { activityId: randomUUID(), kind: 'try' }
			})
		).toMatchObject({ status: 'rejected' });
		expect(
			await applyOne(database.db, participant.id, {
				...entry,
				clientId: randomUUID(),
				data: { activityId: activity!.id, kind: 'maybe' }
			})
		).toMatchObject({ status: 'rejected' });

		// The coach sees it; another coach does not, and cannot mark it handled.
		const interest = await interestForCoach(database.db, coach);
		expect(interest).toHaveLength(1);
		expect(interest[0]).toMatchObject({
			participantName: 'Hodan',
			kind: 'together',
			activityId: activity!.id
		});
		expect(await interestForCoach(database.db, otherCoach)).toEqual([]);
		expect(await markHandled(database.db, otherCoach, interest[0]!.id)).toBe(false);
		expect(await markHandled(database.db, coach, interest[0]!.id)).toBe(true);
		expect(await interestForCoach(database.db, coach)).toEqual([]);
		expect(await interestForCoach(database.db, coach, { includeHandled: true })).toHaveLength(1);
	});

	it('gives the participant their own catalogue only', async () => {
		const mine = await participantCatalogue(database.db, participant.id, 'nl');
		expect(mine!.activities.length).toBeGreaterThan(0);
		expect(JSON.stringify(mine!.activities[0])).not.toContain(org);
		const theirs = await participantCatalogue(database.db, stranger.id, 'nl');
		expect(theirs!.activities).toEqual([]);
		expect(await activityForParticipant(database.db, stranger.id, mine!.activities[0]![0], 'nl')).toBeNull();
	});

	it('sends the list only what the filters and cards read; the long texts come with the activity', async () => {
		const list = (await participantCatalogue(database.db, participant.id, 'ar'))!.activities;
		expect(list.length).toBeGreaterThan(0);
		for (const row of list) {
			const a = unpackActivity(row);
			expect(packActivity(a)).toEqual(row);
			const whole = (await activityForParticipant(database.db, participant.id, a.id, 'ar'))!;
			// The title in the participant's language where there is one; the description, place, organiser not.
			expect(a.title).toBe(whole.translations.ar?.title || whole.title);
			const sent = JSON.stringify(row);
			for (const long of [
				whole.description,
				whole.address,
				whole.organiser,
				whole.contact,
				whole.closedReason
			])
				if (long) expect(sent, a.id).not.toContain(JSON.stringify(long).slice(1, -1));
			expect(whole.schedule).toMatchObject(a.schedule);
			expect(a).toMatchObject({ category: whole.category, cost: whole.cost, effort: whole.effort });
			expect([Boolean(a.closed), Boolean(a.wheelchair)]).toEqual([whole.closed, whole.wheelchair]);
		}
	});

	it('seeds about forty demo activities in every category, each with a next date or a closure', async () => {
		await seedDemo(database.db);
		const [demo] = await database.db
			.select()
			.from(organisations)
			.where(eq(organisations.slug, 'demo-municipality'));
		const list = await listActivities(database.db, demo!.id);
		expect(list.length).toBeGreaterThanOrEqual(40);
		expect(new Set(list.map((a) => a.category))).toEqual(new Set(CATEGORIES));
		const now = new Date('2026-11-23T12:00:00Z');
		for (const a of list.filter((x) => x.externalId !== 'computer-cursus')) {
			expect(
				nextOccurrence({ ...a, rdates: a.rdates, exdates: a.exdates }, now),
				a.externalId
			).not.toBeNull();
		}
		await seedDemo(database.db);
		expect(await listActivities(database.db, demo!.id)).toHaveLength(list.length);
	});
});
