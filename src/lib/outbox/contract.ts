/**
 * The outbox contract: what a phone may queue and send to /api/sync, one zod schema per kind of entry. The server
 * validates with these schemas; the phone takes its Dexie entry types from them (`import type` only, so zod never
 * reaches the participant's browser bundle). Changing a schema here changes both sides at once.
 *
 * Entries already waiting on phones in the field have these shapes: change them only in ways that still accept
 * what older phones queued.
 */
import { z } from 'zod';
import { answerSchema, idSchema } from '$lib/survey/schema';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { REASONS, REPLIES } from '$lib/appointments/kinds';
import { REQUEST_KINDS } from '$lib/activities/categories';
import { MAX_TEXT_LENGTH, QUICK_CODES } from '$lib/messages';
import { FILL_MODES } from '$lib/offline/kinds';
import { CHANGES, FACES, MAX_VOICE_MS } from '$lib/checkins/kinds';

const clientId = z.uuid();
const at = z.iso.datetime({ offset: true });

/** An answer, or a change of one; `value` null: taken back, or no longer applies (its question is now skipped). */
export const answerEntry = z.strictObject({
	kind: z.literal('answer'),
	clientId,
	assignmentId: z.uuid(),
	moduleId: idSchema,
	itemId: idSchema,
	value: answerSchema.nullable(),
	answeredAt: at,
	language: z.enum(LANGUAGE_CODES),
	version: z.string().min(1).max(40),
	mode: z.enum(FILL_MODES).default('alone')
});

/** "Send to my coach" for one module: queued after the module's answers. */
export const submitEntry = z.strictObject({
	kind: z.literal('submit'),
	clientId,
	assignmentId: z.uuid(),
	moduleId: idSchema,
	submittedAt: at
});

/** The entries of the other areas share one envelope: the area's own fields are in `data`. */
function areaEntry<K extends string, D extends z.ZodType>(kind: K, data: D) {
	return z.strictObject({ kind: z.literal(kind), clientId, at, data });
}

/** "I'll come", "I can't come" (with a reason), "call me". */
export const replyData = z
	.strictObject({
		appointmentId: z.uuid(),
		reply: z.enum(REPLIES),
		reason: z.enum(REASONS).nullable().default(null)
	})
	.refine((r) => r.reply === 'cannot' || r.reason === null, {
		message: 'a reason only goes with "cannot"',
		path: ['reason']
	});
export const appointmentReplyEntry = areaEntry('appointmentReply', replyData);

/** "I want to try this" / "go together with my coach". */
export const activityRequestData = z.strictObject({
	activityId: z.uuid(),
	kind: z.enum(REQUEST_KINDS)
});
export const activityRequestEntry = areaEntry('activityRequest', activityRequestData);

/** A message to the coach; the content rules (empty, too long, voice length) are checked by checkDraft on both sides. */
export const messageData = z.strictObject({
	kind: z.enum(['text', 'quick', 'voice', 'photo']),
	text: z
		.string()
		.max(MAX_TEXT_LENGTH * 2)
		.optional(),
	quick: z.enum(QUICK_CODES as [string, ...string[]]).optional(),
	attachmentId: z.uuid().optional(),
	durationMs: z.number().int().min(0).max(3_600_000).optional()
});
export const messageEntry = areaEntry('message', messageData);

/** An answer to "How are you?": a face, and optionally what changed, "I want contact" and a voice note. */
export const checkinData = z.strictObject({
	checkinId: z.uuid(),
	face: z
		.number()
		.int()
		.min(Math.min(...FACES))
		.max(Math.max(...FACES)),
	changes: z.array(z.enum(CHANGES)).max(CHANGES.length).default([]),
	wantsContact: z.boolean().default(false),
	attachmentId: z.uuid().optional(),
	durationMs: z.number().int().min(0).max(MAX_VOICE_MS).optional()
});
export const checkinEntry = areaEntry('checkin', checkinData);

/** A step of "My plan" ticked done, or the tick taken back. */
export const planStepData = z.strictObject({
	stepId: z.uuid(),
	done: z.boolean()
});
export const planStepEntry = areaEntry('planStep', planStepData);

/** Every kind of entry, by its `kind`. */
export const ENTRY_SCHEMAS = {
	answer: answerEntry,
	submit: submitEntry,
	appointmentReply: appointmentReplyEntry,
	activityRequest: activityRequestEntry,
	message: messageEntry,
	checkin: checkinEntry,
	planStep: planStepEntry
} as const;

export const outboxEntry = z.discriminatedUnion('kind', [
	answerEntry,
	submitEntry,
	appointmentReplyEntry,
	activityRequestEntry,
	messageEntry,
	checkinEntry,
	planStepEntry
]);

/** An entry as it travels and as the phone keeps it (after defaults: `mode`, `reason`). */
export type OutboxEntry = z.infer<typeof outboxEntry>;
export type OutboxKind = OutboxEntry['kind'];
export type EntryOf<K extends OutboxKind> = Extract<OutboxEntry, { kind: K }>;
export type AnswerEntry = EntryOf<'answer'>;
export type SubmitEntry = EntryOf<'submit'>;
export type AppointmentReplyEntry = EntryOf<'appointmentReply'>;
export type ActivityRequestEntry = EntryOf<'activityRequest'>;
export type MessageEntry = EntryOf<'message'>;
export type CheckinEntry = EntryOf<'checkin'>;
export type PlanStepEntry = EntryOf<'planStep'>;
/** The entries of the other areas (everything but questionnaire entries). */
export type AreaEntry =
	AppointmentReplyEntry | ActivityRequestEntry | MessageEntry | CheckinEntry | PlanStepEntry;
export type AreaKind = AreaEntry['kind'];
/** What an area entry carries in `data`, by kind (as the phone queues it: before defaults). */
export type AreaData<K extends AreaKind> = z.input<(typeof ENTRY_SCHEMAS)[K]>['data'];

/**
 * What the server answers per entry. A refusal is for good (the phone keeps it and shows it, never sends it again);
 * its reason is one of these short, stable names.
 */
export const REJECT_REASONS = [
	'invalid_entry',
	'unknown_kind',
	'unknown_assignment',
	'unknown_module',
	'unknown_item',
	'invalid_option',
	'invalid_value',
	'client_id_reused',
	'unknown_appointment',
	'unknown_activity',
	'unknown_participant',
	'empty',
	'tooLong',
	'unknownQuick',
	'noAttachment',
	'voiceTooLong',
	'unknown_checkin',
	'unknown_step'
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type EntryResult =
	| { clientId: string; status: 'stored' | 'already' }
	| { clientId: string; status: 'rejected'; reason: RejectReason; detail?: string };
