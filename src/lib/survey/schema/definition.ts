/**
 * The zod schema of a questionnaire definition: the single source of its shape. The types the engine works with
 * (`Item`, `Module`, `Questionnaire` …) are inferred from it here and re-exported by ../definition.ts as types
 * only, so the phone, which runs the engine, never loads zod (issue 17: it cost 28 KB gzip on the question
 * screen). This module is for what parses a definition: the server, the CLI and tests, through validateDefinition
 * (validate.ts beside it); checks that need the whole document (ids, references, keys) are in ../validate.ts.
 */
import { z } from 'zod';
import { FREE_MODES, ITEM_CONTEXTS, type Condition } from '../definition';

/**
 * Ids are stored with every answer and compared across questionnaire versions, so they must stay stable and be
 * safe in URLs, JSON paths and database keys.
 */
export const idSchema = z
	.string()
	.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a letter followed by letters, digits, "_" or "-"')
	.describe('Stable id: answers are stored and compared by it.');

/** A key into locales/<lang>/participant.json, e.g. `survey.week.metPeople.question`. */
export const textKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, 'must be a dotted i18n key such as "survey.week.title"')
	.describe('i18n key of the text, e.g. survey.week.metPeople.question');

/** A language code as in `label::English (en)`: two or three lower-case letters. */
export const languageCodeSchema = z
	.string()
	.regex(/^[a-z]{2,3}$/, 'must be a language code such as "nl" or "en"')
	.describe('Language code, e.g. nl, en, tr');

/** A name from static/pictograms (see scripts/pictograms.js), without the `.svg`. */
export const pictogramSchema = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a pictogram name such as "prefer-not"')
	.describe('Pictogram name (static/pictograms/<name>.svg)');

/** Recorded clips matter for languages that phones have no voice for (Tigrinya, Somali). */
export const audioKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9_-]+([./][A-Za-z0-9_-]+)*$/, 'must be a clip key such as "survey.week.title"')
	.describe('Key of a recorded read-aloud clip; without it the device voice reads the text.');

/** Calendar dates without a time zone: a birth date or a start date is the same day everywhere. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** Option ids may start with a digit: XLSForm choice names are often the scores themselves ("0" … "5"). */
export const optionIdSchema = z
	.string()
	.regex(
		/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
		'must be letters, digits, "_" or "-", starting with a letter or digit'
	)
	.describe('Stable option id: answers are stored and compared by it.');

export const optionSchema = z
	.strictObject({
		id: optionIdSchema,
		text: textKeySchema,
		pictogram: pictogramSchema,
		audio: audioKeySchema.optional(),
		exclusive: z
			.boolean()
			.optional()
			.describe('Multiple choice only: picking this option (e.g. "none of these") excludes all others.')
	})
	.meta({ id: 'Option' });
export type Option = z.infer<typeof optionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Conditions (skip logic): their type is written out in ../definition.ts (a recursive type cannot be inferred);
// this schema is checked against it.

const conditionValueSchema = z.union([z.string(), z.number(), z.boolean()]);

const comparisonSchema = z.discriminatedUnion('op', [
	z.strictObject({ item: idSchema, op: z.literal('answered') }),
	z.strictObject({ item: idSchema, op: z.enum(['equals', 'notEquals']), value: conditionValueSchema }),
	z.strictObject({
		item: idSchema,
		op: z.enum(['in', 'notIn']),
		value: z.array(conditionValueSchema).min(1)
	}),
	z.strictObject({ item: idSchema, op: z.enum(['gte', 'lte']), value: z.union([z.number(), isoDateSchema]) }),
	z.strictObject({ item: idSchema, op: z.literal('includes'), value: optionIdSchema })
]);

export const conditionSchema: z.ZodType<Condition> = z
	.lazy(() =>
		z.union(
			[
				comparisonSchema,
				z.strictObject({ all: z.array(conditionSchema).min(1) }),
				z.strictObject({ any: z.array(conditionSchema).min(1) }),
				z.strictObject({ not: conditionSchema })
			],
			{ error: 'must be a condition: { item, op, value }, { all: [...] }, { any: [...] } or { not: ... }' }
		)
	)
	.meta({
		id: 'Condition',
		description:
			'Shown only when this holds. Comparisons need a real answer: an unanswered, hidden or "prefer not to say" item never equals anything, and neither is it notEquals anything.'
	});

// ---------------------------------------------------------------------------------------------------------------
// Items

const labelSchema = z.strictObject({
	text: textKeySchema,
	pictogram: pictogramSchema,
	audio: audioKeySchema.optional()
});

/** One short point of a long question (issue 12 §4): a sentence, its picture and its own speaker. */
export const pointSchema = labelSchema.meta({ id: 'Point' });
export type Point = z.infer<typeof pointSchema>;

const itemBase = {
	id: idSchema,
	text: textKeySchema,
	pictogram: pictogramSchema,
	audio: audioKeySchema.optional(),
	required: z
		.boolean()
		.optional()
		.describe('Absent means optional: "niets hoeft", a participant may skip any question.'),
	allowPreferNot: z.boolean().optional().describe('Offer "prefer not to say" (personal questions).'),
	allowDontKnow: z.boolean().optional().describe('Offer "don\'t know".'),
	showIf: conditionSchema.optional(),
	points: z
		.array(pointSchema)
		.min(1)
		.max(8)
		.optional()
		.describe(
			'Short points shown and spoken one by one between the question and its answers, each one sentence with its own pictogram: what a participant who cannot read needs to know before answering (XLSForm: a "points" column naming a list on the choices sheet).'
		),
	hint: textKeySchema
		.optional()
		.describe(
			'Text key of a hint shown (and read aloud) under the question, e.g. "count the days you went out".'
		),
	grid: idSchema
		.optional()
		.describe(
			'Items with the same grid (an XLSForm table-list group) follow each other and share one answer scale: one statement per screen on a phone, one table on a wide screen.'
		),
	constraintMessage: textKeySchema
		.optional()
		.describe(
			'Text key of what to say when an answer is refused (a number outside min–max); absent: the generic message.'
		),
	show: z
		.enum(ITEM_CONTEXTS)
		.optional()
		.describe(
			'Shows something of the participant\'s own with the question. "plan": their goals ("My plan"), or what they said at intake about their first small step.'
		)
};

/** Choice items take their options inline or from the questionnaire's shared `optionLists` (validate.ts: one of). */
const choiceFields = {
	options: z.array(optionSchema).min(1).optional(),
	optionList: idSchema.optional().describe('Id of a list in the questionnaire\'s "optionLists".')
};

export const singleItemSchema = z.strictObject({ ...itemBase, type: z.literal('single'), ...choiceFields });
export const multipleItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('multiple'),
	...choiceFields,
	other: z
		.strictObject({
			...labelSchema.shape,
			id: idSchema
				.optional()
				.describe(
					'The choice name of the "other" card in the XLSForm it came from (default "other"): what selected() and count-selected() see when "other" was given.'
				)
		})
		.optional()
		.describe('An "other" card whose answer is spoken or typed.')
});
export const faces5ItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('faces5'),
	scale: z.enum(['agreement', 'satisfaction']).describe('Which words the five faces are read out with.'),
	labels: z
		.array(textKeySchema)
		.length(5)
		.optional()
		.describe("The instrument's own words for the five faces, saddest first (instead of the scale's).")
});
export const faces3ItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('faces3'),
	labels: z
		.array(textKeySchema)
		.length(3)
		.optional()
		.describe("The instrument's own words for the three faces, saddest first.")
});
export const scale10ItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('scale10'),
	minLabel: textKeySchema.describe('Text at 0'),
	maxLabel: textKeySchema.describe('Text at 10')
});
export const frequencyItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('frequency'),
	...choiceFields
});
export const yesnoItemSchema = z.strictObject({ ...itemBase, type: z.literal('yesno') });
export const numberItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('number'),
	// Typed on a digit pad: whole numbers, unless `decimals` gives the pad its decimal key (XLSForm `decimal`).
	min: z.number(),
	max: z.number(),
	decimals: z
		.number()
		.int()
		.min(1)
		.max(3)
		.optional()
		.describe('Digits after the decimal separator an answer may have; absent: whole numbers only.'),
	unit: textKeySchema.optional()
});
export const dateItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('date'),
	min: isoDateSchema.optional(),
	max: isoDateSchema.optional()
});
export const rankItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('rank'),
	...choiceFields,
	pick: z.number().int().min(1).describe('How many cards to pick, most important first.')
});
export const freeItemSchema = z.strictObject({
	...itemBase,
	type: z.literal('free'),
	modes: z
		.array(z.enum(FREE_MODES))
		.min(1)
		.optional()
		.describe('How the answer may be given; absent means spoken or typed, since nobody has to type.'),
	maxLength: z.number().int().min(1).optional().describe('Longest typed answer, in characters.')
});
/** A text to read (an introduction, an instruction): no answer; "next" moves on. */
export const noteItemSchema = z.strictObject({ ...itemBase, type: z.literal('note') });

export const itemSchema = z
	.discriminatedUnion('type', [
		singleItemSchema,
		multipleItemSchema,
		faces5ItemSchema,
		faces3ItemSchema,
		scale10ItemSchema,
		frequencyItemSchema,
		yesnoItemSchema,
		numberItemSchema,
		dateItemSchema,
		rankItemSchema,
		freeItemSchema,
		noteItemSchema
	])
	.meta({ id: 'Item' });
export type Item = z.infer<typeof itemSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Computed results: named pure functions (../computed.ts) with their arguments. Each function's arguments are part
// of the schema, so an editor using the JSON Schema can complete them and an unknown name fails validation.

const gasScoreSchema = z.number().int().min(-2).max(2);

export const participatieladderArgsSchema = z
	.strictObject({
		rung2: conditionSchema.describe('Met people outside the home, not only in shops, at least once a week'),
		rung3: conditionSchema.describe('Went to something organised every week'),
		rung4: conditionSchema.describe('Unpaid work every week where others count on them'),
		rung5: conditionSchema.describe('Paid work with support'),
		rung6: conditionSchema.describe('Paid work without support')
	})
	.describe('When each rung applies; the highest rung that applies wins, none gives rung 1.');
export type ParticipatieladderArgs = z.infer<typeof participatieladderArgsSchema>;

export const lifeDomainScoresArgsSchema = z.strictObject({
	domains: z
		.array(
			z.strictObject({
				id: idSchema,
				aspects: z
					.record(idSchema, idSchema)
					.describe('Aspect name → id of a faces3 or faces5 item, e.g. { "manage": "homeManage" }')
			})
		)
		.min(1),
	top: idSchema
		.optional()
		.describe(
			'A rank or multiple item whose option ids are domain ids: the domains picked as most important.'
		)
});
export type LifeDomainScoresArgs = z.infer<typeof lifeDomainScoresArgsSchema>;

export const goalAttainmentArgsSchema = z.strictObject({
	item: idSchema.describe('A single-choice item: how far the participant got with their goal.'),
	scores: z.record(idSchema, gasScoreSchema).describe('Option id → goal attainment score −2…+2')
});
export type GoalAttainmentArgs = z.infer<typeof goalAttainmentArgsSchema>;

export const calculateArgsSchema = z.strictObject({
	expression: z
		.string()
		.min(1)
		.max(2000)
		.describe(
			'An XLSForm calculation: ${name}, + - * div mod, comparisons, and/or, if(), selected(), count-selected(), coalesce(), round(), int(), number(), sum(), count-non-empty(), mean(), min(), max() (expression.ts).'
		),
	label: textKeySchema
		.optional()
		.describe("Text key of the result's name, shown to the coach and in the export.")
});
export type CalculateArgs = z.infer<typeof calculateArgsSchema>;

export const computedEntrySchema = z
	.discriminatedUnion('fn', [
		z.strictObject({ id: idSchema, fn: z.literal('participatieladder'), args: participatieladderArgsSchema }),
		z.strictObject({ id: idSchema, fn: z.literal('lifeDomainScores'), args: lifeDomainScoresArgsSchema }),
		z.strictObject({ id: idSchema, fn: z.literal('goalAttainment'), args: goalAttainmentArgsSchema }),
		z.strictObject({ id: idSchema, fn: z.literal('calculate'), args: calculateArgsSchema })
	])
	.meta({ id: 'Computed' });
export type ComputedEntry = z.infer<typeof computedEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Modules and the questionnaire

export const moduleSchema = z
	.strictObject({
		id: idSchema,
		title: textKeySchema,
		pictogram: pictogramSchema,
		audio: audioKeySchema.optional(),
		showIf: conditionSchema.optional(),
		items: z.array(itemSchema).min(1)
	})
	.meta({ id: 'Module' });
export type Module = z.infer<typeof moduleSchema>;

export const questionnaireSchema = z
	.strictObject({
		$schema: z.string().optional().describe('Path to questionnaire.schema.json, for editors.'),
		id: idSchema,
		version: z
			.string()
			.regex(/^\d+\.\d+\.\d+$/, 'must be a version such as "1.0.0"')
			.describe('Stored with every response, so that answers are read with the questions they answered.'),
		title: textKeySchema,
		optionLists: z
			.record(idSchema, z.array(optionSchema).min(1))
			.optional()
			.describe('Option lists shared by several items, e.g. the four pictured frequencies.'),
		modules: z.array(moduleSchema).min(1),
		computed: z.array(computedEntrySchema).optional(),
		defaultLanguage: languageCodeSchema
			.optional()
			.describe(
				"The language whose texts are complete (absent: nl); the fallback after the participant's own."
			),
		texts: z
			.record(languageCodeSchema, z.record(textKeySchema, z.string().min(1)))
			.optional()
			.describe(
				'The texts of this version per language (language → key → text), so a new questionnaire needs no change to locales/. Keys not here come from locales/<lang>/survey.json.'
			)
	})
	.meta({
		id: 'Questionnaire',
		title: 'Opstap questionnaire',
		description: 'A versioned questionnaire definition for the Opstap survey engine (src/lib/survey).'
	});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** The schema for editors and other tools (written to schema/questionnaire.schema.json by `npm run survey:check`). */
export function questionnaireJsonSchema(): Record<string, unknown> {
	return z.toJSONSchema(questionnaireSchema, { target: 'draft-2020-12' });
}
