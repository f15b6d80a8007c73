import type { Db } from '../db';
import type { CoachActor } from '../auth/coach';
import { serverT } from '../i18n/resources';
import { formatDuration } from '$lib/messages/capture';
import { inbox } from './inbox';
import { threadForCoach } from './threads';
import { audit } from '../audit';

/** The workspace is in Dutch: a quick message arrives as its Dutch text, whatever language it was sent in. */
const nl = serverT('nl');

export function dutchSummary(m: {
	kind: string;
	body: string;
	quick: string | null;
	durationMs?: number | null;
}) {
	if (m.kind === 'quick') return nl(`messages:quick.${m.quick}`);
	if (m.kind === 'voice') return `Gesproken bericht (${formatDuration(m.durationMs ?? 0)})`;
	if (m.kind === 'photo') return m.body ? `Foto: ${m.body}` : 'Foto';
	return m.body;
}

/**
 * The inbox shows the last message of each conversation, so opening it is reading messages too: audited as one
 * entry naming whose messages were on screen (issue 16: the audit log missed the inbox view).
 */
export async function inboxForCoach(db: Db, coach: CoachActor) {
	const rows = await inbox(db, coach);
	const shown = rows.filter((row) => row.last).map((row) => row.participantId);
	if (shown.length)
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{ action: 'messages.inbox.viewed', details: { participants: shown } }
		);
	return rows.map((row) => ({
		...row,
		last: row.last ? { ...row.last, at: row.last.at.toISOString(), summary: dutchSummary(row.last) } : null
	}));
}

export async function threadViewForCoach(db: Db, coach: CoachActor, participantId: string) {
	const found = await threadForCoach(db, coach, participantId);
	if (!found) return null;
	return {
		participant: found.participant,
		messages: found.messages.map((m) => ({
			id: m.id,
			sender: m.sender,
			kind: m.kind,
			text: m.kind === 'quick' ? dutchSummary(m) : m.body,
			quick: m.quick,
			attachmentId: m.attachmentId,
			duration: m.durationMs != null ? formatDuration(m.durationMs) : null,
			auto: m.auto,
			/** Who wrote a coach's message: "U" for the viewer, else the coach's name (a team lead reads along). */
			by: m.sender === 'coach' ? (m.coachId === coach.id ? null : (m.coachName ?? 'Coach')) : null,
			sentAt: m.sentAt.toISOString(),
			receivedAt: m.createdAt.toISOString(),
			readAt: m.readAt?.toISOString() ?? null
		}))
	};
}
