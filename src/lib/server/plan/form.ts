import { z } from 'zod';
import { civilDate } from '../validation';
import {
	GOAL_PICTOGRAMS,
	GOAL_RATINGS,
	MAX_GOAL_TEXT,
	MAX_STEP_TEXT,
	type GoalRating
} from '$lib/plan/kinds';

/** The coach's plan forms as posted (form actions: they work without JavaScript). Messages in Dutch. */

const ownText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Schrijf het korter (hoogstens ${max} tekens).`)
		.default('')
		.transform((v) => v || null);

export const GoalForm = z.object({
	pictogram: z.enum(GOAL_PICTOGRAMS, 'Kies een plaatje bij het doel.'),
	text: z
		.string('Schrijf het doel in één korte zin.')
		.trim()
		.min(1, 'Schrijf het doel in één korte zin.')
		.max(MAX_GOAL_TEXT, `Schrijf het doel korter (hoogstens ${MAX_GOAL_TEXT} tekens).`),
	ownText: ownText(MAX_GOAL_TEXT)
});
export type GoalInput = z.infer<typeof GoalForm>;

export const StepForm = z.object({
	goalId: z.uuid('Kies bij welk doel deze stap hoort.'),
	text: z
		.string('Schrijf de stap in één korte zin.')
		.trim()
		.min(1, 'Schrijf de stap in één korte zin.')
		.max(MAX_STEP_TEXT, `Schrijf de stap korter (hoogstens ${MAX_STEP_TEXT} tekens).`),
	ownText: ownText(MAX_STEP_TEXT),
	dueOn: civilDate('Deze datum bestaat niet.').or(z.literal('')).default('')
});
export type StepInput = z.infer<typeof StepForm>;

export const StepDoneForm = z.object({
	stepId: z.uuid('Onbekende stap.'),
	done: z.enum(['yes', 'no']).transform((v) => v === 'yes')
});

export const CloseGoalForm = z.object({
	goalId: z.uuid('Onbekend doel.'),
	state: z.enum(['reached', 'stopped'], 'Kies: gehaald of gestopt.'),
	rating: z.coerce
		.number('Kies hoe ver de deelnemer kwam.')
		.int()
		.refine(
			(r): r is GoalRating => (GOAL_RATINGS as readonly number[]).includes(r),
			'Kies hoe ver de deelnemer kwam.'
		)
});
export type CloseGoalInput = z.infer<typeof CloseGoalForm>;
