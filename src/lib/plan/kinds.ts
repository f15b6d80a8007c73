/**
 * "My plan" (issue 14 §3): the goals a participant and their coach agree on, each with small steps. Shared by the
 * phone, the workspace and the server (no zod here: this file goes into the phone's bundle).
 */

/** The pictures a goal can have: the coach picks one, the participant recognises the goal by it. */
export const GOAL_PICTOGRAMS = [
	'act-taalcafe',
	'learn-language',
	'act-buurtgym',
	'walking',
	'act-vrijwilligerswerk',
	'work',
	'school',
	'computer',
	'people',
	'body-health',
	'mind',
	'money',
	'home',
	'children',
	'cooking',
	'creative',
	'gardening',
	'transport',
	'wish'
] as const;
export type GoalPictogram = (typeof GOAL_PICTOGRAMS)[number];

/** What the pictures mean, for the coach choosing one (the workspace is Dutch). */
export const GOAL_PICTOGRAM_LABELS: Record<GoalPictogram, string> = {
	'act-taalcafe': 'Taalcafé',
	'learn-language': 'Taal leren',
	'act-buurtgym': 'Sporten',
	walking: 'Wandelen, naar buiten',
	'act-vrijwilligerswerk': 'Vrijwilligerswerk',
	work: 'Werk',
	school: 'Cursus of school',
	computer: 'Computer',
	people: 'Mensen ontmoeten',
	'body-health': 'Gezondheid',
	mind: 'Rust in het hoofd',
	money: 'Geld',
	home: 'Thuis',
	children: 'Kinderen',
	cooking: 'Koken',
	creative: 'Creatief',
	gardening: 'Tuinieren',
	transport: 'Reizen, fietsen',
	wish: 'Iets anders'
};

/** A goal and a step are one short sentence: the phone shows it large, and speaks it. */
export const MAX_GOAL_TEXT = 140;
export const MAX_STEP_TEXT = 140;
/** A few goals, a few steps each: a plan, not a to-do list. */
export const MAX_OPEN_GOALS = 5;
export const MAX_STEPS_PER_GOAL = 12;

/** A goal is worked on, reached, or stopped (no longer the goal). */
export const GOAL_STATES = ['active', 'reached', 'stopped'] as const;
export type GoalState = (typeof GOAL_STATES)[number];

/**
 * How far the participant got, when the goal is closed: goal attainment scaling, −2 … +2, the same five steps as the
 * evaluation's "how far did you get with your goal?" (grow-1 … grow-5).
 */
export const GOAL_RATINGS = [-2, -1, 0, 1, 2] as const;
export type GoalRating = (typeof GOAL_RATINGS)[number];
export const GOAL_RATING_LABELS: Record<GoalRating, string> = {
	[-2]: 'Nog aan het begin',
	[-1]: 'Op weg, doel nog niet gehaald',
	0: 'Doel gehaald',
	1: 'Meer dan het doel',
	2: 'Veel meer dan het doel'
};
export const ratingPictogram = (rating: number) => `grow-${rating + 3}`;
