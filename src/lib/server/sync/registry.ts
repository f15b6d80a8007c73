import type { OutboxKind } from '$lib/outbox/contract';
import { clampToServer, type ApplyBatch, type ApplyEntry, type SyncContext } from './areas';
import { applyAnswer, applyAnswers, applySubmit } from '../survey/sync';
import { storeReply } from '../appointments/replies';
import { storeActivityRequest } from '../activities/requests';
import { sendFromParticipant } from '../messages/sending';
import { storeCheckinAnswer } from '../checkins/answers';
import { storeStepMark } from '../plan/marks';

/** An area entry as the area functions take it: `at` as a date, clamped to the server's clock. */
const unwrap = <D>(entry: { clientId: string; at: string; data: D }, ctx: SyncContext) => ({
	clientId: entry.clientId,
	at: clampToServer(entry.at, ctx.now),
	data: entry.data
});

/**
 * Every kind of outbox entry and the area that stores it. One explicit list: a kind missing here is a type error,
 * not a silent 'unknown kind' at run time. The shapes are checked before (src/lib/outbox/contract.ts).
 */
export const SYNC_AREAS: { [K in OutboxKind]: ApplyEntry<K> } = {
	answer: applyAnswer,
	submit: applySubmit,
	appointmentReply: (tx, ctx, entry) => storeReply(tx, ctx.participantId, unwrap(entry, ctx)),
	activityRequest: (tx, ctx, entry) => storeActivityRequest(tx, ctx.participantId, unwrap(entry, ctx)),
	message: (tx, ctx, entry) => sendFromParticipant(tx, ctx.participantId, unwrap(entry, ctx), ctx.now),
	checkin: (tx, ctx, entry) => storeCheckinAnswer(tx, ctx.participantId, unwrap(entry, ctx)),
	planStep: (tx, ctx, entry) => storeStepMark(tx, ctx.participantId, unwrap(entry, ctx))
};

/**
 * Kinds whose entries of one batch are stored together, in a few statements instead of a few per entry (under many
 * phones at once each statement is a round trip and a query to build). The careful retry goes one by one.
 */
export const SYNC_BATCHES: { [K in OutboxKind]?: ApplyBatch<K> } = {
	answer: applyAnswers
};
