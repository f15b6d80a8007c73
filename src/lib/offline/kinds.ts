/**
 * The kinds of outbox entry, as plain constants (no zod: this file goes into the phone's bundle). Their shapes are
 * in src/lib/outbox/contract.ts.
 */
export const AREA_KINDS = ['appointmentReply', 'activityRequest', 'message'] as const;
export const OUTBOX_KINDS = ['answer', 'submit', ...AREA_KINDS] as const;
export type { AreaKind, OutboxKind } from '$lib/outbox/contract';
/** How a questionnaire was filled in. */
export const FILL_MODES = ['alone', 'readAloudByCoach', 'withInterpreter'] as const;
