import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './index';
import { appointmentReplies, appointments, participants } from './schema';
import { scheduleReminders } from '../appointments/commands';
import { TIME_ZONE } from '$lib/appointments/kinds';
import { addDays, localDay, parseDay, zonedToInstant } from '$lib/time/zoned';

/** Demo appointments around today, so the coach's week and the participants' lists show something real. */
const DEMO = [
	{
		slug: 'demo-fatma',
		days: 1,
		at: [10, 0],
		minutes: 45,
		type: 'conversation',
		place: 'wijkcentrum',
		address: 'Wijkcentrum De Brug, Kerkstraat 12',
		bring: ['id', 'letter']
	},
	{
		slug: 'demo-fatma',
		days: 6,
		at: [14, 0],
		minutes: 60,
		type: 'walk',
		place: 'outdoors',
		address: 'Ingang Stadspark, Parklaan',
		bring: ['sportsClothes']
	},
	{
		slug: 'demo-fatma',
		days: -7,
		at: [11, 0],
		minutes: 45,
		type: 'conversation',
		place: 'wijkcentrum',
		address: 'Wijkcentrum De Brug, Kerkstraat 12',
		bring: [],
		attendance: 'attended'
	},
	{
		slug: 'demo-yonas',
		days: 2,
		at: [9, 30],
		minutes: 60,
		type: 'firstConversation',
		place: 'townHall',
		address: 'Gemeentehuis, Markt 1',
		bring: ['id'],
		interpreter: true
	},
	{
		slug: 'demo-samira',
		days: 3,
		at: [13, 0],
		minutes: 60,
		type: 'homeVisit',
		place: 'home',
		address: '',
		bring: [],
		reply: ['cannot', 'children']
	},
	{
		slug: 'demo-henk',
		days: -2,
		at: [10, 0],
		minutes: 30,
		type: 'conversation',
		place: 'wijkcentrum',
		address: 'Wijkcentrum De Brug, Kerkstraat 12',
		bring: [],
		attendance: 'noShow'
	},
	{
		slug: 'demo-hodan',
		days: 4,
		at: [15, 0],
		minutes: 30,
		type: 'phoneCall',
		place: 'byPhone',
		address: '',
		bring: []
	}
] as const;

export async function seedDemoAppointments(db: Db, now = new Date()): Promise<void> {
	const today = localDay(now, TIME_ZONE);
	for (const d of DEMO) {
		const [p] = await db.select().from(participants).where(eq(participants.slug, d.slug));
		if (!p) continue;
		const day = parseDay(addDays(today, d.days));
		const startsAt = zonedToInstant({ ...day, hour: d.at[0], minute: d.at[1] }, TIME_ZONE);
		const [row] = await db
			.insert(appointments)
			.values({
				participantId: p.id,
				coachId: p.coachId,
				type: d.type,
				startsAt,
				endsAt: new Date(startsAt.getTime() + d.minutes * 60_000),
				place: d.place,
				address: d.address,
				bring: [...d.bring],
				interpreter: 'interpreter' in d ? d.interpreter : false,
				attendance: 'attendance' in d ? d.attendance : null
			})
			.returning();
		if ('reply' in d) {
			await db.insert(appointmentReplies).values({
				appointmentId: row!.id,
				participantId: p.id,
				clientId: randomUUID(),
				reply: d.reply[0],
				reason: d.reply[1],
				repliedAt: new Date(now.getTime() - 3_600_000)
			});
		}
		await scheduleReminders(db, row!, now);
	}
}
