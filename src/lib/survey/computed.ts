/**
 * Computed results: named pure functions that a definition refers to (`computed: [{ id, fn, args }]`). The
 * registry below is the only place a function name is given meaning; its arguments' shape is in definition.ts, and
 * each function checks what only the whole definition can tell (does the item exist, is it the right type, are its
 * options covered) through the context validate.ts gives it.
 */
import { isValueAnswer, numericRange, type Answer, type AnswerMap } from './answers';
import {
	evaluate,
	ExpressionError,
	parseExpression,
	referencesOf,
	type Expr,
	type Value
} from './expression';
import { evaluateCondition, referencedItems } from './conditions';
import {
	OTHER_CHOICE,
	type ComputedEntry,
	type ComputedFunctionName,
	type Condition,
	type Item,
	type ItemType,
	type Questionnaire
} from './definition';
import type { Path } from './errors';
import { lookup, type DefinitionLookup } from './lookup';
import { own } from './own';
import { resolveVisibility } from './visibility';

/** Rungs of the participatieladder: 1 isolated … 6 paid work without support. */
export type Rung = 1 | 2 | 3 | 4 | 5 | 6;

export interface LifeDomainScore {
	/** Mean of the answered aspects, 0–100; null when none is answered. */
	readonly score: number | null;
	/** Per aspect (e.g. manage, happy), the face normalised to 0–100 (the saddest face 0, the happiest 100). */
	readonly aspects: Readonly<Record<string, number | null>>;
}

export interface LifeDomainScores {
	readonly domains: Readonly<Record<string, LifeDomainScore>>;
	/** The domains picked as most important, most important first. */
	readonly top: readonly string[];
}

/** What each function returns; null means "cannot be said from these answers". */
export interface ComputedResultTypes {
	participatieladder: Rung;
	lifeDomainScores: LifeDomainScores;
	/** Goal attainment scaling, −2 (still at the start) … +2 (much more than planned). */
	goalAttainment: number;
	/** An XLSForm calculation: a number (a score), a text (a category) or a yes/no (a threshold). */
	calculate: number | string | boolean;
}

export type ComputedArgs<N extends ComputedFunctionName> = Extract<ComputedEntry, { fn: N }>['args'];

export type ComputedOutcome = {
	[N in ComputedFunctionName]: {
		readonly id: string;
		readonly fn: N;
		readonly value: ComputedResultTypes[N] | null;
	};
}[ComputedFunctionName];

/** What validate.ts offers a function to check its arguments against the definition. */
export interface ComputedCheckContext {
	readonly definition: Questionnaire;
	readonly lookup: DefinitionLookup;
	/** Reports an error at `path` below the entry's `args`. */
	error(path: Path, message: string): void;
	/** The item `itemId` names if it exists and has one of `types`; otherwise reports why not and gives undefined. */
	item(path: Path, itemId: string, types: readonly ItemType[]): Item | undefined;
	/** Checks a condition's references and values. Any item may be named: results are computed after all answers. */
	condition(path: Path, condition: Condition): void;
}

export interface ComputedFunction<N extends ComputedFunctionName> {
	check(args: ComputedArgs<N>, context: ComputedCheckContext): void;
	/** `answers` holds only answers that count (of visible items); `earlier` the results listed before this one. */
	compute(
		args: ComputedArgs<N>,
		answers: AnswerMap,
		lookup: DefinitionLookup,
		earlier: Readonly<Record<string, ComputedOutcome>>
	): ComputedResultTypes[N] | null;
}

const RUNGS_HIGHEST_FIRST = [
	['rung6', 6],
	['rung5', 5],
	['rung4', 4],
	['rung3', 3],
	['rung2', 2]
] as const;

const participatieladder: ComputedFunction<'participatieladder'> = {
	check(args, context) {
		for (const [key] of RUNGS_HIGHEST_FIRST.toReversed()) context.condition([key], args[key]);
	},
	compute(args, answers) {
		// Rung 1 means "none of these", which needs at least one real answer; with none the rung is unknown rather
		// than a claim that the participant is isolated.
		const items = RUNGS_HIGHEST_FIRST.flatMap(([key]) => referencedItems(args[key]));
		if (!items.some((id) => isValueAnswer(own(answers, id)))) return null;
		for (const [key, rung] of RUNGS_HIGHEST_FIRST) if (evaluateCondition(args[key], answers)) return rung;
		return 1;
	}
};

const lifeDomainScores: ComputedFunction<'lifeDomainScores'> = {
	check(args, context) {
		const domainIds = new Set<string>();
		args.domains.forEach((domain, index) => {
			if (domainIds.has(domain.id))
				context.error(['domains', index, 'id'], `duplicate domain id "${domain.id}"`);
			domainIds.add(domain.id);
			for (const [aspect, itemId] of Object.entries(domain.aspects)) {
				context.item(['domains', index, 'aspects', aspect], itemId, ['faces3', 'faces5']);
			}
		});
		if (args.top === undefined) return;
		const top = context.item(['top'], args.top, ['rank', 'multiple']);
		if (!top) return;
		for (const option of context.lookup.optionsOf(top)) {
			if (!domainIds.has(option.id)) {
				context.error(['top'], `option "${option.id}" of item "${top.id}" is not one of the domains`);
			}
		}
	},
	compute(args, answers, definition) {
		let anything = false;
		const domains: Record<string, LifeDomainScore> = {};
		for (const domain of args.domains) {
			const aspects: Record<string, number | null> = {};
			for (const [aspect, itemId] of Object.entries(domain.aspects)) {
				const answer = own(answers, itemId);
				const entry = definition.itemsById.get(itemId);
				const range = entry && numericRange(entry.item);
				const value =
					answer && 'value' in answer && typeof answer.value === 'number' ? answer.value : undefined;
				aspects[aspect] =
					range && value !== undefined ? ((value - range.min) / (range.max - range.min)) * 100 : null;
			}
			const answered = Object.values(aspects).filter((v): v is number => v !== null);
			if (answered.length > 0) anything = true;
			domains[domain.id] = {
				score: answered.length > 0 ? answered.reduce((a, b) => a + b, 0) / answered.length : null,
				aspects
			};
		}
		const topAnswer = args.top === undefined ? undefined : own(answers, args.top);
		const picked = topAnswer?.type === 'rank' || topAnswer?.type === 'multiple' ? topAnswer.options : [];
		const top = picked.filter((id) => args.domains.some((d) => d.id === id));
		if (top.length > 0) anything = true;
		return anything ? { domains, top } : null;
	}
};

const goalAttainment: ComputedFunction<'goalAttainment'> = {
	check(args, context) {
		const item = context.item(['item'], args.item, ['single']);
		if (!item) return;
		const options = context.lookup.optionsOf(item);
		// Without options the item itself is reported already.
		if (options.length === 0) return;
		for (const option of Object.keys(args.scores)) {
			if (!options.some((o) => o.id === option)) {
				context.error(['scores', option], `"${option}" is not an option of item "${item.id}"`);
			}
		}
		for (const option of options) {
			if (!Object.hasOwn(args.scores, option.id)) {
				context.error(['scores'], `option "${option.id}" of item "${item.id}" has no score`);
			}
		}
	},
	compute(args, answers) {
		const answer = own(answers, args.item);
		return answer?.type === 'single' ? (own(args.scores, answer.option) ?? null) : null;
	}
};

const parsedExpressions = new Map<string, Expr | ExpressionError>();

/** Parsed once per expression text: results are computed on every results page. */
export function parsedExpression(source: string): Expr | ExpressionError {
	let parsed = parsedExpressions.get(source);
	if (!parsed) {
		try {
			parsed = parseExpression(source);
		} catch (e) {
			if (!(e instanceof ExpressionError)) throw e;
			parsed = e;
		}
		if (parsedExpressions.size > 5000) parsedExpressions.clear();
		parsedExpressions.set(source, parsed);
	}
	return parsed;
}

/**
 * An answer as an XLSForm expression sees it: a choice name, names separated by spaces, a number, a text, or ''.
 * "Other, namely …" counts as its choice picked, as it was a choice in the spreadsheet (`selected(${x}, 'other')`).
 */
export function expressionValue(answer: Answer | undefined, item?: Item): Value {
	if (!answer) return '';
	switch (answer.type) {
		case 'single':
		case 'frequency':
			return answer.option;
		case 'multiple': {
			const other = answer.other && item?.type === 'multiple' ? [item.other?.id ?? OTHER_CHOICE] : [];
			return [...answer.options, ...other].join(' ');
		}
		case 'rank':
			return answer.options.join(' ');
		case 'yesno':
			return answer.value ? 'yes' : 'no';
		case 'free':
			return answer.response.mode === 'text' ? answer.response.text : '';
		case 'preferNot':
		case 'dontKnow':
			return '';
		default:
			return answer.value;
	}
}

const calculate: ComputedFunction<'calculate'> = {
	check(args, context) {
		const parsed = parsedExpression(args.expression);
		if (parsed instanceof ExpressionError) {
			context.error(['expression'], `${parsed.message} (at character ${parsed.position + 1})`);
			return;
		}
		const computedIds = (context.definition.computed ?? []).map((c) => c.id);
		const self = context.definition.computed?.find((c) => c.fn === 'calculate' && c.args === args)?.id;
		const before = self ? computedIds.slice(0, computedIds.indexOf(self)) : computedIds;
		for (const name of referencesOf(parsed)) {
			if (context.lookup.itemsById.has(name) || before.includes(name)) continue;
			context.error(
				['expression'],
				computedIds.includes(name)
					? `refers to "${name}", which is computed later or from this one (a cycle)`
					: `refers to unknown item "${name}"`
			);
		}
	},
	compute(args, answers, found, earlier) {
		const parsed = parsedExpression(args.expression);
		if (parsed instanceof ExpressionError) return null;
		// A result built on a result that cannot be said (a threshold on a missing score) cannot be said either.
		if (referencesOf(parsed).some((name) => Object.hasOwn(earlier, name) && earlier[name]!.value === null))
			return null;
		const value = evaluate(parsed, (name) => {
			if (Object.hasOwn(earlier, name)) {
				const result = earlier[name]!.value;
				return typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean'
					? result
					: '';
			}
			return expressionValue(own(answers, name), found.itemsById.get(name)?.item);
		});
		// NaN (arithmetic over an unanswered item) and '' mean "no score from these answers".
		if (typeof value === 'number' && !Number.isFinite(value)) return null;
		if (value === '') return null;
		return value;
	}
};

/** The registry: every function name the schema allows, and nothing else (the type makes both sides agree). */
export const computedFunctions: { readonly [N in ComputedFunctionName]: ComputedFunction<N> } = {
	participatieladder,
	lifeDomainScores,
	goalAttainment,
	calculate
};

export const COMPUTED_FUNCTION_NAMES = Object.keys(computedFunctions) as ComputedFunctionName[];

function run<N extends ComputedFunctionName>(
	entry: { id: string; fn: N; args: ComputedArgs<N> },
	answers: AnswerMap,
	definition: DefinitionLookup,
	earlier: Readonly<Record<string, ComputedOutcome>>
): ComputedOutcome {
	const fn: ComputedFunction<N> = computedFunctions[entry.fn];
	// TypeScript cannot see that a generic { fn: N; value: Result<N> } is one member of the ComputedOutcome union.
	return {
		id: entry.id,
		fn: entry.fn,
		value: fn.compute(entry.args, answers, definition, earlier)
	} as ComputedOutcome;
}

/**
 * Every computed result of the definition, by id. Answers to items that are hidden for these answers are left out
 * first, so they can never count (a follow-up answered before its question was switched off, say).
 */
export function computeResults(
	definition: Questionnaire,
	answers: AnswerMap
): Readonly<Record<string, ComputedOutcome>> {
	const counted = resolveVisibility(definition, answers).answers;
	const indexed = lookup(definition);
	const results: Record<string, ComputedOutcome> = {};
	for (const entry of definition.computed ?? []) results[entry.id] = run(entry, counted, indexed, results);
	return results;
}
