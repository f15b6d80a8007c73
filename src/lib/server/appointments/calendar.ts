import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { appointments, coaches } from '../db/schema';
import { serverT } from '../i18n/resources';
import { buildIcs } from '$lib/calendar/ics';
import type { LanguageCode } from '$lib/i18n/languages';

/** The participant's appointment as an .ics file in their language, or null when it is not theirs. */
export async function appointmentIcs(
	db: Db,
	participantId: string,
	id: string,
	lang: LanguageCode,
	origin: string
) {
	const [row] = await db
		.select({ a: appointments, coachName: coaches.name })
		.from(appointments)
		.innerJoin(coaches, eq(coaches.id, appointments.coachId))
		.where(and(eq(appointments.id, id), eq(appointments.participantId, participantId)));
	if (!row) return null;
	const t = serverT(lang);
	const { a } = row;
	return buildIcs([
		{
			uid: `${a.id}@opstap`,
			start: a.startsAt,
			end: a.endsAt,
			stamp: a.updatedAt,
			summary: `${t(`appointments:type.${a.type}`)} · ${row.coachName}`,
			location: [t(`appointments:place.${a.place}`), a.address].filter(Boolean).join(', '),
			description: a.bring.length
				? `${t('appointments:bring.title')}: ${a.bring.map((b) => t(`appointments:bring.${b}`)).join(', ')}`
				: undefined,
			url: `${origin}/appointments/${a.id}`,
			cancelled: a.cancelledAt !== null
		}
	]);
}
