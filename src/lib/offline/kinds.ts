/** How a questionnaire was filled in (shared by the phone and the outbox contract; no zod, for the phone's bundle). */
export const FILL_MODES = ['alone', 'readAloudByCoach', 'withInterpreter'] as const;
