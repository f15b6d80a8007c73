import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { journalNotes } from '../db/schema';
import { audit } from '../audit';
import { can } from '../access/policy';
import { participantForCoach } from '../coach/caseload';
import { refused, type Result } from '../result';
import type { CoachActor } from '../auth/coach';
import { fromAmsterdamInputs } from '$lib/time/amsterdam';
import { JOURNAL_KIND_KEYS } from './kinds';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul een datum in.');

/** The note form as posted (a form action, so it works without JavaScript). */
export const NoteForm = z
	.object({
		kind: z.enum(JOURNAL_KIND_KEYS, 'Kies wat voor contact het was.'),
		date: day,
		time: z
			.string()
			.regex(/^\d{2}:\d{2}$/)
			.or(z.literal(''))
			.default(''),
		durationMinutes: z
			.string()
			.default('')
			.transform((v) => (v.trim() ? Number(v) : null))
			.pipe(
				z
					.number('Vul de duur in minuten in.')
					.int('Vul de duur in hele minuten in.')
					.min(1, 'Vul de duur in minuten in.')
					.max(24 * 60, 'Een contact duurt hoogstens een dag.')
					.nullable()
			),
		text: z.string().trim().max(4000, 'De notitie is te lang (hoogstens 4000 tekens).').default(''),
		followUpOn: day.or(z.literal('')).default('')
	})
	.refine((n) => n.text || n.durationMinutes, {
		message: 'Schrijf kort wat er besproken is.',
		path: ['text']
	});
export type NoteInput = z.infer<typeof NoteForm>;

/** The coach (or their team lead) writes a note about a contact with a visible participant. */
export async function addNote(
	db: Db,
	coach: CoachActor,
	participantId: string,
	input: NoteInput
): Promise<Result<{ id: string }, 'forbidden' | 'not_found' | 'invalid'>> {
	if (!can(coach, 'journal.write')) return refused('forbidden');
	if (!(await participantForCoach(db, coach, participantId))) return refused('not_found');
	const at = fromAmsterdamInputs(input.date, input.time || '12:00');
	if (!at) return refused('invalid');
	const [row] = await db
		.insert(journalNotes)
		.values({
			participantId,
			coachId: coach.id,
			kind: input.kind,
			at,
			durationMinutes: input.durationMinutes,
			text: input.text,
			followUpOn: input.followUpOn || null
		})
		.returning({ id: journalNotes.id });
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'journal.noted',
			subjectType: 'participant',
			subjectId: participantId,
			details: { note: row!.id }
		}
	);
	return { ok: true, id: row!.id };
}

/** The coach has followed up: the follow-up signal goes off the caseload. */
export async function followUpDone(
	db: Db,
	coach: CoachActor,
	participantId: string,
	noteId: string,
	now = new Date()
): Promise<Result<object, 'forbidden' | 'not_found'>> {
	if (!can(coach, 'journal.write')) return refused('forbidden');
	if (!(await participantForCoach(db, coach, participantId))) return refused('not_found');
	const done = await db
		.update(journalNotes)
		.set({ followUpDoneAt: now })
		.where(
			and(
				eq(journalNotes.id, noteId),
				eq(journalNotes.participantId, participantId),
				isNull(journalNotes.followUpDoneAt)
			)
		)
		.returning({ id: journalNotes.id });
	return done.length ? { ok: true } : refused('not_found');
}
