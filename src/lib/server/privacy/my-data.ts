import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	activities,
	activityRequests,
	appointmentReplies,
	appointments,
	attachments,
	checkins,
	coaches,
	consentEvents,
	devices,
	journalNotes,
	ladderRungs,
	messages,
	participants
} from '../db/schema';
import { assignmentsOf } from '../survey/assignments';
import { getDefinition } from '../survey/definitions';
import { questionnaireText } from '../survey/texts';
import { answerInWords } from '../survey/results';
import { JOURNAL_KINDS, type JournalKind } from '../journal/kinds';
import { seenBy } from './seen-by';
import { planOf } from '../plan/views';
import { closureHistory } from '../closure/view';
import { serverT } from '../i18n/resources';
import type { LanguageCode } from '$lib/i18n/languages';
import type { Answer } from '$lib/survey';

/**
 * "My data" (issue 16 §2, AVG art. 15 and 20): everything Opstap holds about one participant, gathered in one place,
 * with the words a person reads (questions, answers, kinds) in their language beside the stored values. The phone
 * shows the counts; the download is a zip of a readable page, this as JSON, and the files (my-data-zip.ts).
 * The coach's journal notes are part of the participant's file and are included; a coach's password, sessions and
 * the audit rows about other people are not the participant's data.
 */
export async function myData(db: Db, participantId: string, lang: LanguageCode) {
	const [person] = await db
		.select({
			name: participants.displayName,
			language: participants.preferredLanguage,
			postcode: participants.postcode,
			since: participants.createdAt,
			status: participants.caseStatus,
			trajectoryEndedAt: participants.trajectoryEndedAt,
			coach: coaches.name
		})
		.from(participants)
		.innerJoin(coaches, eq(coaches.id, participants.coachId))
		.where(eq(participants.id, participantId));
	if (!person) return null;
	const [
		consent,
		states,
		rungs,
		appointmentRows,
		replies,
		messageRows,
		checkinRows,
		requests,
		notes,
		phones,
		files,
		seen,
		plan,
		closings
	] = await Promise.all([
		db
			.select()
			.from(consentEvents)
			.where(eq(consentEvents.participantId, participantId))
			.orderBy(asc(consentEvents.at)),
		assignmentsOf(db, participantId),
		db
			.select({ rung: ladderRungs.rung, source: ladderRungs.source, at: ladderRungs.createdAt })
			.from(ladderRungs)
			.where(eq(ladderRungs.participantId, participantId))
			.orderBy(asc(ladderRungs.createdAt)),
		db
			.select()
			.from(appointments)
			.where(eq(appointments.participantId, participantId))
			.orderBy(asc(appointments.startsAt)),
		db
			.select()
			.from(appointmentReplies)
			.where(eq(appointmentReplies.participantId, participantId))
			.orderBy(asc(appointmentReplies.repliedAt)),
		db
			.select()
			.from(messages)
			.where(eq(messages.participantId, participantId))
			.orderBy(asc(messages.sentAt), asc(messages.id)),
		db.select().from(checkins).where(eq(checkins.participantId, participantId)).orderBy(asc(checkins.dueAt)),
		db
			.select({ kind: activityRequests.kind, at: activityRequests.at, activity: activities.title })
			.from(activityRequests)
			.innerJoin(activities, eq(activities.id, activityRequests.activityId))
			.where(eq(activityRequests.participantId, participantId))
			.orderBy(asc(activityRequests.at)),
		db
			.select({
				kind: journalNotes.kind,
				at: journalNotes.at,
				durationMinutes: journalNotes.durationMinutes,
				text: journalNotes.text,
				followUpOn: journalNotes.followUpOn,
				coach: coaches.name
			})
			.from(journalNotes)
			.leftJoin(coaches, eq(coaches.id, journalNotes.coachId))
			.where(eq(journalNotes.participantId, participantId))
			.orderBy(asc(journalNotes.at)),
		db
			.select({
				label: devices.label,
				pairedAt: devices.createdAt,
				lastSeenAt: devices.lastSeenAt,
				revokedAt: devices.revokedAt
			})
			.from(devices)
			.where(eq(devices.participantId, participantId))
			.orderBy(asc(devices.createdAt)),
		db
			.select({
				id: attachments.id,
				mime: attachments.mime,
				bytes: attachments.bytes,
				createdAt: attachments.createdAt
			})
			.from(attachments)
			.where(eq(attachments.participantId, participantId))
			.orderBy(asc(attachments.createdAt)),
		seenBy(db, participantId, 500),
		planOf(db, participantId),
		closureHistory(db, participantId)
	]);
	const t = serverT(lang);
	const questionnaires = [];
	for (const state of [...states].reverse()) {
		const definition = await getDefinition(db, state.questionnaireId, state.version);
		const text = (key: string) => questionnaireText(definition, lang, key);
		const items = new Map(definition?.modules.flatMap((m) => m.items.map((i) => [i.id, i])) ?? []);
		questionnaires.push({
			questionnaire: state.questionnaireId,
			title: definition ? text(definition.title) : state.questionnaireId,
			version: state.version,
			moment: state.wave === 'moment' ? state.moment : state.wave,
			given: state.createdAt,
			sent: state.submitted,
			answers: Object.entries(state.answers)
				.filter(([, a]) => a.value !== null)
				.map(([itemId, a]) => {
					const item = items.get(itemId);
					return {
						item: itemId,
						question: item ? text(item.text) : itemId,
						answer:
							definition && item
								? answerInWords(definition, item, a.value as Answer, {
										text,
										yes: t('answer.yes'),
										no: t('answer.no'),
										preferNot: t('answer.preferNot'),
										dontKnow: t('answer.dontKnow'),
										outOf: (value, max) => (max === 10 ? t('scale10.value', { value }) : `${value} / ${max}`),
										spoken: t('consent:myData.page.spoken'),
										other: (typed) =>
											`${t('consent:myData.page.other')}${typed === null ? '' : `: “${typed}”`}`
									})
								: JSON.stringify(a.value),
						value: a.value,
						answeredAt: a.answeredAt,
						language: a.language
					};
				})
		});
	}
	const repliesOf = (id: string) => replies.filter((r) => r.appointmentId === id);
	return {
		madeAt: new Date(),
		language: lang,
		person: { ...person, phones },
		consent: consent.map((c) => ({
			purpose: c.purpose,
			decision: c.decision,
			version: c.version,
			source: c.source,
			at: c.at
		})),
		questionnaires,
		ladder: rungs,
		appointments: appointmentRows.map((a) => ({
			type: a.type,
			typeText: t(`appointments:type.${a.type}`),
			startsAt: a.startsAt,
			endsAt: a.endsAt,
			place: a.place,
			placeText: t(`appointments:place.${a.place}`),
			address: a.address,
			cancelledAt: a.cancelledAt,
			attendance: a.attendance,
			replies: repliesOf(a.id).map((r) => ({
				reply: r.reply,
				replyText: [t(`appointments:reply.${r.reply}`), r.reason ? t(`appointments:reason.${r.reason}`) : '']
					.filter(Boolean)
					.join(' – '),
				reason: r.reason,
				at: r.repliedAt
			}))
		})),
		messages: messageRows.map((m) => ({
			from: m.sender,
			kind: m.kind,
			text: m.kind === 'quick' ? t(`messages:quick.${m.quick}`) : m.body,
			quick: m.quick,
			file: m.attachmentId,
			durationMs: m.durationMs,
			automatic: m.auto,
			sentAt: m.sentAt,
			readAt: m.readAt
		})),
		checkins: checkinRows.map((c) => ({
			askedAt: c.dueAt,
			answeredAt: c.answeredAt,
			face: c.face,
			faceText: c.face ? t(`faces.${c.face}`) : null,
			changes: c.changes,
			changesText: c.changes.map((k) => t(`checkins:change.${k}`)),
			wantsContact: c.wantsContact,
			file: c.attachmentId
		})),
		activityRequests: requests,
		plan: plan.map((g) => ({
			pictogram: g.pictogram,
			text: g.text,
			ownText: g.ownText,
			state: g.state,
			rating: g.rating,
			createdAt: g.createdAt,
			closedAt: g.closedAt,
			steps: g.steps.map((s) => ({
				text: s.text,
				ownText: s.ownText,
				dueOn: s.dueOn,
				done: s.done,
				doneAt: s.doneAt
			}))
		})),
		/** Each closing of the trajectory, why, and the aftercare calls. */
		closures: closings,
		coachNotes: notes.map((n) => ({
			...n,
			kindText: JOURNAL_KINDS[n.kind as JournalKind] ?? n.kind
		})),
		files: files.map((f) => ({ ...f, name: fileName(f.id, f.mime) })),
		seenBy: seen
	};
}

export type MyData = NonNullable<Awaited<ReturnType<typeof myData>>>;

/** What "my data" shows on the phone: how much of each kind Opstap holds. */
export async function myDataCounts(db: Db, participantId: string) {
	const count = (table: string) =>
		sql<number>`(select count(*)::int from ${sql.identifier(table)} t where t.participant_id = ${participantId})`;
	const [row] = await db
		.select({
			answers: sql<number>`(select count(*)::int from answers a join assignments s on s.id = a.assignment_id
				where s.participant_id = ${participantId} and a.value is not null)`,
			appointments: count('appointments'),
			messages: count('messages'),
			files: count('attachments'),
			checkins: sql<number>`(select count(*)::int from checkins t where t.participant_id = ${participantId}
				and t.answered_at is not null)`,
			consent: count('consent_events'),
			notes: count('journal_notes'),
			plan: count('goals'),
			activities: count('activity_requests')
		})
		.from(participants)
		.where(eq(participants.id, participantId));
	return row ?? null;
}

const EXTENSIONS: Record<string, string> = {
	'audio/webm': 'webm',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
	'audio/mpeg': 'mp3',
	'audio/wav': 'wav',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

/** The name a file has inside the zip: its id and what it is. */
export function fileName(id: string, mime: string): string {
	return `bestanden/${id}.${EXTENSIONS[mime.split(';')[0]!.trim()] ?? 'bin'}`;
}

/** The files themselves, for the zip (stored in the database). */
export async function myFiles(db: Db, participantId: string, ids: string[]) {
	if (!ids.length) return [];
	const rows = await db
		.select({
			id: attachments.id,
			mime: attachments.mime,
			data: attachments.data,
			pid: attachments.participantId
		})
		.from(attachments)
		.where(inArray(attachments.id, ids));
	return rows
		.filter((r) => r.pid === participantId)
		.map((r) => ({ name: fileName(r.id, r.mime), data: r.data }));
}
