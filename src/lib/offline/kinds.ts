/**
 * The kinds of outbox entry besides questionnaire answers: each belongs to one area, which validates and stores it
 * on the server (src/lib/server/sync/areas.ts).
 */
export const AREA_KINDS = ['appointmentReply', 'activityRequest', 'message'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
