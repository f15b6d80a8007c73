/**
 * A questionnaire definition: a versioned JSON document that the engine interprets. Questionnaires are data so that
 * T0 and T1, and different municipalities, can be compared item by item, and so that a new version needs no new
 * code.
 *
 * This file is what the engine needs at run time: the types, the lists of item types and operators, and
 * `isChoiceItem`. It has no zod, because the phone runs the engine and zod would cost it 28 KB gzip (issue 17). The
 * shape itself is the zod schema in schema/definition.ts, the single source of these types (`export type` below:
 * erased in the build); the server, the CLI and tests parse a definition with it through `validateDefinition`
 * ($lib/survey/schema). Checks that need the whole document (ids, references, keys) are in validate.ts.
 */
import type { ComputedEntry, Item } from './schema/definition';

export type {
	CalculateArgs,
	ComputedEntry,
	GoalAttainmentArgs,
	Item,
	LifeDomainScoresArgs,
	Module,
	Option,
	ParticipatieladderArgs,
	Point,
	Questionnaire
} from './schema/definition';

// ---------------------------------------------------------------------------------------------------------------
// Conditions (skip logic). Structured data, never expressions: a definition cannot run code, and every reference
// can be checked before a participant sees the questionnaire.

/** A scalar that an answer can be compared with: an option id, a number, a yes/no, or a date (YYYY-MM-DD). */
export type ConditionValue = string | number | boolean;

export type Comparison =
	| { item: string; op: 'answered' }
	| { item: string; op: 'equals' | 'notEquals'; value: ConditionValue }
	| { item: string; op: 'in' | 'notIn'; value: ConditionValue[] }
	| { item: string; op: 'gte' | 'lte'; value: number | string }
	| { item: string; op: 'includes'; value: string };

export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const COMPARISON_OPERATORS = [
	'answered',
	'equals',
	'notEquals',
	'in',
	'notIn',
	'gte',
	'lte',
	'includes'
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Items

export const ITEM_TYPES = [
	'single',
	'multiple',
	'faces5',
	'faces3',
	'scale10',
	'frequency',
	'yesno',
	'number',
	'date',
	'rank',
	'free',
	'note'
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The item types whose answers are option ids, so they need `options` or `optionList`. */
export const CHOICE_TYPES = [
	'single',
	'multiple',
	'frequency',
	'rank'
] as const satisfies readonly ItemType[];
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** The choice name an XLSForm gives the "other, namely …" card unless it names it itself (`other.id`). */
export const OTHER_CHOICE = 'other';

export const FREE_MODES = ['audio', 'text'] as const;

/** What a question can show of the participant's own beside it (the `show` of an item). */
export const ITEM_CONTEXTS = ['plan'] as const;
export type ItemContext = (typeof ITEM_CONTEXTS)[number];
export type FreeMode = (typeof FREE_MODES)[number];

export type ItemOfType<T extends ItemType> = Extract<Item, { type: T }>;
export type ChoiceItem = ItemOfType<ChoiceType>;

export function isChoiceItem(item: Item): item is ChoiceItem {
	return (CHOICE_TYPES as readonly string[]).includes(item.type);
}

export type ComputedFunctionName = ComputedEntry['fn'];
