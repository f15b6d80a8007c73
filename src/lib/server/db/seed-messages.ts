import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '.';
import { coaches, messages, organisations, participants } from './schema';

/**
 * Demo data for messages: Lotte's working hours (weekdays 9–17) and out-of-hours reply (off), the municipality's
 * urgent number, and a few messages so the inbox shows unread counts.
 */
export async function seedMessages(db: Db): Promise<void> {
	await db
		.update(organisations)
		.set({
			urgentName: 'Spoedlijn Sociaal Wijkteam',
			urgentPhone: '+31 24 123 4500',
			messageRetentionDays: 365
		})
		.where(eq(organisations.slug, 'demo-municipality'));
	const day = (end = '17:00'): [string, string] => ['09:00', end];
	const weekdays: Record<string, [string, string]> = {
		1: day(),
		2: day(),
		3: day(),
		4: day(),
		5: day('13:00')
	};
	await db
		.update(coaches)
		.set({
			workingHours: weekdays,
			autoReplyText:
				'Ik werk nu niet. Ik lees je bericht op mijn volgende werkdag. Is het dringend? Bel de spoedlijn.'
		})
		.where(inArray(coaches.email, ['lotte@demo.opstap.nl', 'karim@demo.opstap.nl']));
	const found = await db
		.select({ id: participants.id, slug: participants.slug, coachId: participants.coachId })
		.from(participants)
		.where(inArray(participants.slug, ['demo-yonas', 'demo-samira']));
	const by = new Map(found.map((p) => [p.slug, p]));
	const yonas = by.get('demo-yonas');
	const samira = by.get('demo-samira');
	const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000);
	const rows: (typeof messages.$inferInsert)[] = [];
	if (yonas)
		rows.push({
			clientId: randomUUID(),
			participantId: yonas.id,
			sender: 'participant',
			kind: 'quick',
			quick: 'letter',
			sentAt: at(3),
			createdAt: at(3)
		});
	if (samira) {
		rows.push(
			{
				clientId: randomUUID(),
				participantId: samira.id,
				sender: 'coach',
				coachId: samira.coachId,
				kind: 'text',
				body: 'Hoi Samira, komt dinsdag om 10 uur goed uit?',
				sentAt: at(26),
				createdAt: at(26),
				readAt: at(25)
			},
			{
				clientId: randomUUID(),
				participantId: samira.id,
				sender: 'participant',
				kind: 'text',
				body: 'Ja, dat is goed. Dank je.',
				sentAt: at(24),
				createdAt: at(24)
			}
		);
	}
	if (rows.length) await db.insert(messages).values(rows);
}
