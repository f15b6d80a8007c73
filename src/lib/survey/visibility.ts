/**
 * Which modules and items are shown for a set of answers, and which answers therefore count.
 */
import type { Answer, AnswerMap } from './answers';
import { evaluateCondition } from './conditions';
import type { Questionnaire } from './definition';
import { own } from './own';

export interface Visibility {
	readonly visibleModules: ReadonlySet<string>;
	readonly visibleItems: ReadonlySet<string>;
	/** The answers of visible items only: what is kept, submitted and computed with. */
	readonly answers: AnswerMap;
}

/**
 * One pass in document order. That is enough because a condition may only refer to earlier items (validate.ts):
 * when an item's condition is evaluated, every item it can look at has been decided already. The pass also makes
 * hiding cascade: an answer to a hidden item is left out before any later condition sees it.
 */
export function resolveVisibility(definition: Questionnaire, answers: AnswerMap): Visibility {
	const visibleModules = new Set<string>();
	const visibleItems = new Set<string>();
	const counted: Record<string, Answer> = {};
	for (const module of definition.modules) {
		if (module.showIf && !evaluateCondition(module.showIf, counted)) continue;
		visibleModules.add(module.id);
		for (const item of module.items) {
			if (item.showIf && !evaluateCondition(item.showIf, counted)) continue;
			visibleItems.add(item.id);
			const answer = own(answers, item.id);
			if (answer !== undefined) counted[item.id] = answer;
		}
	}
	return { visibleModules, visibleItems, answers: counted };
}
