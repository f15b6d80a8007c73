/**
 * Indexes of a definition (items by id, document order, resolved option lists), built once per definition object
 * and cached: the engine's functions are pure, so repeating the walk on every call would only cost time.
 */
import { isChoiceItem, type Item, type Module, type Option, type Questionnaire } from './definition';
import { own } from './own';

export interface ItemEntry {
	readonly item: Item;
	readonly module: Module;
	readonly moduleIndex: number;
	readonly itemIndex: number;
	/** Position in the whole questionnaire; a condition may only refer to items with a lower order. */
	readonly order: number;
}

export interface DefinitionLookup {
	/** Every item in document order (modules in order, then their items). */
	readonly items: readonly ItemEntry[];
	/** By id. With duplicate ids (an invalid definition) the first one wins. */
	readonly itemsById: ReadonlyMap<string, ItemEntry>;
	readonly modulesById: ReadonlyMap<string, { readonly module: Module; readonly index: number }>;
	/** The options of a choice item, inline or from its option list; empty for other items. */
	optionsOf(item: Item): readonly Option[];
}

const cache = new WeakMap<Questionnaire, DefinitionLookup>();

export function lookup(definition: Questionnaire): DefinitionLookup {
	const cached = cache.get(definition);
	if (cached) return cached;

	const items: ItemEntry[] = [];
	const itemsById = new Map<string, ItemEntry>();
	const modulesById = new Map<string, { module: Module; index: number }>();
	definition.modules.forEach((module, moduleIndex) => {
		if (!modulesById.has(module.id)) modulesById.set(module.id, { module, index: moduleIndex });
		module.items.forEach((item, itemIndex) => {
			const entry: ItemEntry = { item, module, moduleIndex, itemIndex, order: items.length };
			items.push(entry);
			if (!itemsById.has(item.id)) itemsById.set(item.id, entry);
		});
	});

	const optionsOf = (item: Item): readonly Option[] => {
		if (!isChoiceItem(item)) return [];
		if (item.options) return item.options;
		return (item.optionList !== undefined && own(definition.optionLists, item.optionList)) || [];
	};

	const built: DefinitionLookup = { items, itemsById, modulesById, optionsOf };
	cache.set(definition, built);
	return built;
}

/** The options of a choice item, inline or from the questionnaire's option lists; empty for other items. */
export function optionsOf(definition: Questionnaire, item: Item): readonly Option[] {
	return lookup(definition).optionsOf(item);
}
