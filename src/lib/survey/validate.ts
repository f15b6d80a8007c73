/**
 * Checking a questionnaire definition before anyone answers it: first its shape (the zod schema, in
 * schema/validate.ts: `validateDefinition`), then, here, what only the whole document can tell: unique ids, option
 * lists that exist, conditions that refer to earlier items with fitting values, computed functions' arguments, and
 * (when given) that every text key has a translation. Every error carries the JSON path to fix. The semantic checks
 * need a well-formed document, so they run only once the shape is right.
 */
import { isCalendarDate, numericRange } from './answers';
import { comparisonsOf } from './conditions';
import {
	isChoiceItem,
	type Comparison,
	type ComputedFunctionName,
	type ComparisonOperator,
	type Condition,
	type ConditionValue,
	type Item,
	type ItemType,
	type Questionnaire
} from './definition';
import { computedFunctions, type ComputedArgs, type ComputedCheckContext } from './computed';
import { formatPath, type DefinitionError, type Path } from './errors';
import { lookup, type DefinitionLookup } from './lookup';

export interface ValidateOptions {
	/** The i18n keys that exist (e.g. flattened from locales/nl/participant.json); every text key must be one. */
	readonly textKeys?: ReadonlySet<string>;
	/** The pictogram names that exist (static/pictograms); every pictogram must be one. */
	readonly pictograms?: ReadonlySet<string>;
}

/** Every text key in a definition with its path (for translation checks and for extracting texts). */
export function textKeysOf(definition: Questionnaire): { path: Path; key: string }[] {
	const keys: { path: Path; key: string }[] = [{ path: ['title'], key: definition.title }];
	for (const [list, options] of Object.entries(definition.optionLists ?? {})) {
		options.forEach((o, i) => keys.push({ path: ['optionLists', list, i, 'text'], key: o.text }));
	}
	definition.modules.forEach((module, m) => {
		keys.push({ path: ['modules', m, 'title'], key: module.title });
		module.items.forEach((item, i) => {
			const at = ['modules', m, 'items', i];
			keys.push({ path: [...at, 'text'], key: item.text });
			item.points?.forEach((p, j) => keys.push({ path: [...at, 'points', j, 'text'], key: p.text }));
			if (item.hint !== undefined) keys.push({ path: [...at, 'hint'], key: item.hint });
			if (item.constraintMessage !== undefined)
				keys.push({ path: [...at, 'constraintMessage'], key: item.constraintMessage });
			if (isChoiceItem(item)) {
				item.options?.forEach((o, j) => keys.push({ path: [...at, 'options', j, 'text'], key: o.text }));
			}
			if (item.type === 'multiple' && item.other)
				keys.push({ path: [...at, 'other', 'text'], key: item.other.text });
			if ((item.type === 'faces5' || item.type === 'faces3') && item.labels)
				item.labels.forEach((key, j) => keys.push({ path: [...at, 'labels', j], key }));
			if (item.type === 'scale10') {
				keys.push({ path: [...at, 'minLabel'], key: item.minLabel });
				keys.push({ path: [...at, 'maxLabel'], key: item.maxLabel });
			}
			if (item.type === 'number' && item.unit !== undefined)
				keys.push({ path: [...at, 'unit'], key: item.unit });
		});
	});
	return keys;
}

/** Every pictogram name in a definition with its path. */
export function pictogramsOf(definition: Questionnaire): { path: Path; name: string }[] {
	const names: { path: Path; name: string }[] = [];
	for (const [list, options] of Object.entries(definition.optionLists ?? {})) {
		options.forEach((o, i) => names.push({ path: ['optionLists', list, i, 'pictogram'], name: o.pictogram }));
	}
	definition.modules.forEach((module, m) => {
		names.push({ path: ['modules', m, 'pictogram'], name: module.pictogram });
		module.items.forEach((item, i) => {
			const at = ['modules', m, 'items', i];
			names.push({ path: [...at, 'pictogram'], name: item.pictogram });
			item.points?.forEach((p, j) =>
				names.push({ path: [...at, 'points', j, 'pictogram'], name: p.pictogram })
			);
			if (isChoiceItem(item)) {
				item.options?.forEach((o, j) =>
					names.push({ path: [...at, 'options', j, 'pictogram'], name: o.pictogram })
				);
			}
			if (item.type === 'multiple' && item.other) {
				names.push({ path: [...at, 'other', 'pictogram'], name: item.other.pictogram });
			}
		});
	});
	return names;
}

/** Which operators fit which item types: comparing a multiple choice with `equals` can never mean anything. */
const OPERATORS_BY_TYPE: Readonly<Record<ItemType, readonly ComparisonOperator[]>> = {
	single: ['answered', 'equals', 'notEquals', 'in', 'notIn'],
	frequency: ['answered', 'equals', 'notEquals', 'in', 'notIn'],
	yesno: ['answered', 'equals', 'notEquals'],
	faces5: ['answered', 'equals', 'notEquals', 'in', 'notIn', 'gte', 'lte'],
	faces3: ['answered', 'equals', 'notEquals', 'in', 'notIn', 'gte', 'lte'],
	scale10: ['answered', 'equals', 'notEquals', 'in', 'notIn', 'gte', 'lte'],
	number: ['answered', 'equals', 'notEquals', 'in', 'notIn', 'gte', 'lte'],
	date: ['answered', 'equals', 'notEquals', 'in', 'notIn', 'gte', 'lte'],
	multiple: ['answered', 'includes'],
	rank: ['answered', 'includes'],
	free: ['answered'],
	note: []
};

/** The semantic checks on a definition that already has the right shape. */
export function checkDefinition(definition: Questionnaire, options: ValidateOptions = {}): DefinitionError[] {
	const errors: DefinitionError[] = [];
	const report = (path: Path, message: string): void => {
		errors.push({ path: formatPath(path), message });
	};
	const indexed = lookup(definition);

	for (const [list, listOptions] of Object.entries(definition.optionLists ?? {})) {
		checkUniqueIds(
			listOptions.map((o, i) => ({ id: o.id, path: ['optionLists', list, i, 'id'] })),
			'option',
			report
		);
	}

	checkUniqueIds(
		definition.modules.map((m, i) => ({ id: m.id, path: ['modules', i, 'id'] })),
		'module',
		report
	);
	checkUniqueIds(
		indexed.items.map((e) => ({
			id: e.item.id,
			path: ['modules', e.moduleIndex, 'items', e.itemIndex, 'id']
		})),
		'item',
		report
	);

	definition.modules.forEach((module, m) => {
		if (!module.showIf) return;
		// A module's condition decides whether its items are shown at all, so it can only look at earlier modules.
		const firstItemOrder = indexed.items.find((e) => e.moduleIndex === m)?.order ?? 0;
		checkCondition(module.showIf, ['modules', m, 'showIf'], { before: firstItemOrder }, indexed, report);
	});
	for (const { item, moduleIndex, itemIndex, order } of indexed.items) {
		const at = ['modules', moduleIndex, 'items', itemIndex];
		checkItem(item, at, definition, indexed, report);
		if (item.showIf)
			checkCondition(item.showIf, [...at, 'showIf'], { before: order, self: item.id }, indexed, report);
	}

	checkComputed(definition, indexed, report);
	checkGrids(indexed, report);

	// A text is either the definition's own (in its default language, the fallback for every other) or a key of
	// locales/nl/survey.json, which only the questionnaires shipped with the app use.
	const ownTexts = definition.texts?.[definition.defaultLanguage ?? 'nl'];
	if (definition.texts && !ownTexts)
		report(['texts'], `has no texts in the default language "${definition.defaultLanguage ?? 'nl'}"`);
	if (options.textKeys || ownTexts) {
		for (const { path, key } of textKeysOf(definition)) {
			if (!options.textKeys?.has(key) && ownTexts?.[key] === undefined)
				report(path, `text key "${key}" has no translation`);
		}
	}
	if (options.pictograms) {
		for (const { path, name } of pictogramsOf(definition)) {
			if (!options.pictograms.has(name)) report(path, `unknown pictogram "${name}"`);
		}
	}
	return errors;
}

type Report = (path: Path, message: string) => void;

/**
 * The items of a grid follow each other in one module and share one scale (the same type and the same answers),
 * so a wide screen can show them as one table with the answers as its columns.
 */
function checkGrids(indexed: DefinitionLookup, report: Report): void {
	const first = new Map<string, { item: Item; moduleIndex: number }>();
	let previous: string | undefined;
	for (const { item, moduleIndex, itemIndex } of indexed.items) {
		const at = ['modules', moduleIndex, 'items', itemIndex, 'grid'];
		const grid = item.grid;
		if (grid !== undefined) {
			const head = first.get(grid);
			if (!head) first.set(grid, { item, moduleIndex });
			else if (previous !== grid || head.moduleIndex !== moduleIndex)
				report(at, `the items of grid "${grid}" must follow each other in one module`);
			else if (
				head.item.type !== item.type ||
				JSON.stringify(indexed.optionsOf(head.item).map((o) => o.id)) !==
					JSON.stringify(indexed.optionsOf(item).map((o) => o.id))
			)
				report(
					at,
					`grid "${grid}" shares one scale: "${item.id}" answers differently from "${head.item.id}"`
				);
		}
		previous = grid;
	}
}

function checkUniqueIds(entries: readonly { id: string; path: Path }[], what: string, report: Report): void {
	const first = new Map<string, Path>();
	for (const { id, path } of entries) {
		const earlier = first.get(id);
		if (earlier) report(path, `duplicate ${what} id "${id}" (also at ${formatPath(earlier)})`);
		else first.set(id, path);
	}
}

function checkItem(
	item: Item,
	at: Path,
	definition: Questionnaire,
	indexed: DefinitionLookup,
	report: Report
): void {
	if (isChoiceItem(item)) {
		if (item.options && item.optionList !== undefined) {
			report(at, 'has both "options" and "optionList"; give one');
		} else if (!item.options && item.optionList === undefined) {
			report(at, `a ${item.type} item needs "options" or "optionList"`);
		} else if (
			item.optionList !== undefined &&
			!Object.hasOwn(definition.optionLists ?? {}, item.optionList)
		) {
			report([...at, 'optionList'], `refers to unknown option list "${item.optionList}"`);
		}
		if (item.options) {
			checkUniqueIds(
				item.options.map((o, j) => ({ id: o.id, path: [...at, 'options', j, 'id'] })),
				'option',
				report
			);
		}
		const count = indexed.optionsOf(item).length;
		if (item.type === 'rank' && count > 0 && item.pick > count) {
			report([...at, 'pick'], `picks ${item.pick} but there are only ${count} options`);
		}
	}
	if (item.type === 'number') {
		if (item.min > item.max) report([...at, 'min'], `min ${item.min} is above max ${item.max}`);
		// A whole-number item's pad has no decimal key: its range is whole numbers too.
		for (const bound of ['min', 'max'] as const)
			if (!item.decimals && !Number.isInteger(item[bound]))
				report(
					[...at, bound],
					`${bound} ${item[bound]} is not a whole number (give "decimals" for a decimal answer)`
				);
	}
	if (item.type === 'date') {
		if (item.min !== undefined && !isCalendarDate(item.min))
			report([...at, 'min'], `"${item.min}" is not a date`);
		if (item.max !== undefined && !isCalendarDate(item.max))
			report([...at, 'max'], `"${item.max}" is not a date`);
		if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
			report([...at, 'min'], `min ${item.min} is after max ${item.max}`);
		}
	}
	if (item.type === 'free' && item.maxLength !== undefined && item.modes && !item.modes.includes('text')) {
		report([...at, 'maxLength'], 'only applies to typed answers, but this item takes no text');
	}
}

interface ConditionScope {
	/** Only items with a lower order may be referred to; undefined: any item (computed results). */
	readonly before?: number;
	/** The item the condition belongs to, which it cannot depend on. */
	readonly self?: string;
}

function checkCondition(
	condition: Condition,
	at: Path,
	scope: ConditionScope,
	indexed: DefinitionLookup,
	report: Report
): void {
	for (const { comparison, path } of comparisonsOf(condition, at)) {
		const itemPath = [...path, 'item'];
		if (comparison.item === scope.self) {
			report(itemPath, `refers to item "${comparison.item}" itself`);
			continue;
		}
		const target = indexed.itemsById.get(comparison.item);
		if (!target) {
			report(itemPath, `refers to unknown item "${comparison.item}"`);
			continue;
		}
		if (scope.before !== undefined && target.order >= scope.before) {
			report(itemPath, `refers to item "${comparison.item}", which comes later; refer only to earlier items`);
			continue;
		}
		const item = target.item;
		if (!OPERATORS_BY_TYPE[item.type].includes(comparison.op)) {
			const allowed = OPERATORS_BY_TYPE[item.type].join(', ');
			report(
				[...path, 'op'],
				`"${comparison.op}" does not apply to ${item.type} item "${item.id}" (use: ${allowed})`
			);
			continue;
		}
		checkComparisonValue(comparison, item, path, indexed, report);
	}
}

function checkComparisonValue(
	comparison: Comparison,
	item: Item,
	at: Path,
	indexed: DefinitionLookup,
	report: Report
): void {
	if (comparison.op === 'answered') return;
	const values: { value: ConditionValue; path: Path }[] = Array.isArray(comparison.value)
		? comparison.value.map((value, i) => ({ value, path: [...at, 'value', i] }))
		: [{ value: comparison.value, path: [...at, 'value'] }];
	for (const { value, path } of values) {
		const problem = valueProblem(value, item, indexed);
		if (problem) report(path, problem);
	}
}

/** Why `value` can never be an answer to `item`, or undefined when it can. */
function valueProblem(value: ConditionValue, item: Item, indexed: DefinitionLookup): string | undefined {
	const shown = JSON.stringify(value);
	if (isChoiceItem(item)) {
		if (typeof value !== 'string') return `expected an option id of item "${item.id}", got ${shown}`;
		const options = indexed.optionsOf(item);
		// Without options the item itself is reported already; one error is enough.
		if (options.length === 0) return undefined;
		return options.some((o) => o.id === value) ? undefined : `${shown} is not an option of item "${item.id}"`;
	}
	if (item.type === 'yesno') {
		return typeof value === 'boolean'
			? undefined
			: `expected true or false for item "${item.id}", got ${shown}`;
	}
	if (item.type === 'date') {
		return typeof value === 'string' && isCalendarDate(value)
			? undefined
			: `expected a date (YYYY-MM-DD) for item "${item.id}", got ${shown}`;
	}
	const range = numericRange(item);
	if (range) {
		if (typeof value !== 'number') return `expected a number for item "${item.id}", got ${shown}`;
		if (value < range.min || value > range.max) {
			return `${shown} is outside ${range.min}–${range.max}, the range of item "${item.id}"`;
		}
	}
	return undefined;
}

function checkComputed(definition: Questionnaire, indexed: DefinitionLookup, report: Report): void {
	const entries = definition.computed ?? [];
	checkUniqueIds(
		entries.map((e, i) => ({ id: e.id, path: ['computed', i, 'id'] })),
		'computed result',
		report
	);
	entries.forEach((entry, index) => {
		const argsPath = ['computed', index, 'args'];
		const context: ComputedCheckContext = {
			definition,
			lookup: indexed,
			error: (path, message) => report([...argsPath, ...path], message),
			item: (path, itemId, types) => {
				const target = indexed.itemsById.get(itemId)?.item;
				if (!target) report([...argsPath, ...path], `refers to unknown item "${itemId}"`);
				else if (!types.includes(target.type)) {
					report(
						[...argsPath, ...path],
						`item "${itemId}" is ${target.type}; expected ${types.join(' or ')}`
					);
				} else return target;
				return undefined;
			},
			condition: (path, condition) => checkCondition(condition, [...argsPath, ...path], {}, indexed, report)
		};
		checkEntry(entry, context);
	});
}

function checkEntry<N extends ComputedFunctionName>(
	entry: { fn: N; args: ComputedArgs<N> },
	context: ComputedCheckContext
): void {
	computedFunctions[entry.fn].check(entry.args, context);
}
