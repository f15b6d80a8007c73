import type { Module, Option, Questionnaire } from './definition';

/**
 * What a phone needs of a definition to fill in one module: that module whole, and of every other module only what
 * the engine reads (ids, types, options' ids, limits, `showIf`), without what a screen shows (texts, pictograms,
 * clips). Visibility is one pass over all modules in order (visibility.ts) and a session checks every answer it is
 * handed against its item, so an answer elsewhere still shows or hides a question here and an answer here still
 * takes back one elsewhere, exactly as with the whole definition (a property test compares the two). The intake was
 * 20 KB of every question screen's HTML for a module of 0.4 KB (issue 17).
 */
export function definitionForModule(definition: Questionnaire, moduleId: string): Questionnaire {
	const module = definition.modules.find((m) => m.id === moduleId);
	const shownLists = new Set(
		(module?.items ?? []).flatMap((item) =>
			'optionList' in item && typeof item.optionList === 'string' ? [item.optionList] : []
		)
	);
	// Scores are computed on the server, and texts travel as the page's namespace in one language.
	const { computed: _computed, texts: _texts, optionLists, ...rest } = definition;
	return {
		...rest,
		...(optionLists
			? {
					optionLists: Object.fromEntries(
						Object.entries(optionLists).map(([id, list]) => [
							id,
							shownLists.has(id) ? list : (withoutDisplay(list) as Option[])
						])
					)
				}
			: {}),
		modules: definition.modules.map((m) => (m.id === moduleId ? m : (withoutDisplay(m) as Module)))
	};
}

/** What only a screen shows. A condition (`showIf`) has none of these keys, so it is kept whole. */
const DISPLAY = new Set([
	'text',
	'title',
	'pictogram',
	'audio',
	'hint',
	'points',
	'constraintMessage',
	'minLabel',
	'maxLabel',
	'labels'
]);

function withoutDisplay(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutDisplay);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value)
				.filter(([key]) => !DISPLAY.has(key))
				.map(([key, v]) => [key, withoutDisplay(v)])
		);
	return value;
}
