import { TIME_ZONE } from '$lib/time/amsterdam';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { coaches, messages, participants } from '../db/schema';
import { serverT } from '../i18n/resources';
import type { LanguageCode } from '$lib/i18n/languages';
import { formatDuration } from '$lib/messages/capture';

/**
 * A participant's conversation as plain text in their language (the AVG's right of access and portability): who,
 * when (Amsterdam time), what. Voice notes and photos are named; the files themselves stay on the server.
 */
export async function conversationText(db: Db, participantId: string, lang: LanguageCode): Promise<string> {
	const t = serverT(lang);
	const [who] = await db
		.select({ coachName: coaches.name })
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	const rows = await db
		.select()
		.from(messages)
		.where(eq(messages.participantId, participantId))
		.orderBy(asc(messages.createdAt), asc(messages.id));
	const when = new Intl.DateTimeFormat(lang, {
		timeZone: TIME_ZONE,
		dateStyle: 'medium',
		timeStyle: 'short'
	});
	const lines = [t('messages:export.title', { name: who?.coachName ?? '' }), ''];
	for (const m of rows) {
		const from = m.sender === 'participant' ? t('messages:export.you') : t('messages:export.coach');
		const what =
			m.kind === 'quick'
				? t(`messages:quick.${m.quick}`)
				: m.kind === 'voice'
					? t('messages:export.voice', { duration: formatDuration(m.durationMs ?? 0) })
					: m.kind === 'photo'
						? [t('messages:export.photo'), m.body].filter(Boolean).join(' ')
						: m.body;
		lines.push(`[${when.format(m.sentAt)}] ${from}: ${what}`);
	}
	return lines.join('\n') + '\n';
}
