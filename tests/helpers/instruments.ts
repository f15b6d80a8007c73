import intake from '../../src/lib/survey/definitions/intake.json' with { type: 'json' };
import evaluation from '../../src/lib/survey/definitions/evaluation.json' with { type: 'json' };

/**
 * The versions of the shipped questionnaires, read from their definitions: an answer names the version it was given
 * under, and a test that wrote the number down would go on naming the old one after a new version ships.
 */
export const SHIPPED_VERSION = { intake: intake.version, evaluation: evaluation.version } as const;
