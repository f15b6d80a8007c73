import intake from '../src/lib/survey/definitions/intake.json' with { type: 'json' };

// Intake items that a phone answers in the sync benchmarks (bench/sync.js, bench/load.js): module, item and a random
// valid value, as the server checks them against the intake definition.
export const INTAKE_ANSWERS = [
	['myWeek', 'metPeople', () => ({ type: 'yesno', value: Math.random() < 0.5 })],
	['myWeek', 'unpaidWork', () => ({ type: 'yesno', value: Math.random() < 0.5 })],
	['wellbeing', 'lifeSatisfaction', () => ({ type: 'scale10', value: Math.floor(Math.random() * 11) })],
	['wellbeing', 'meaning', () => ({ type: 'scale10', value: Math.floor(Math.random() * 11) })],
	['wellbeing', 'healthBody', () => ({ type: 'faces5', value: 1 + Math.floor(Math.random() * 5) })]
];

/** The intake version the answers are given under (what the server installed from the same definition). */
export const INTAKE_VERSION = intake.version;
