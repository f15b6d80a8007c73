import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	formatError,
	textKeysOf,
	type Item,
	type Questionnaire,
	type ValidateOptions
} from '../../../src/lib/survey';
import {
	DefinitionInvalidError,
	parseDefinition,
	questionnaireJsonSchema,
	validateDefinition
} from '../../../src/lib/survey/schema';
import { fixtureJson, weekDefinition } from '../../../src/lib/survey/fixtures';

/** The error lines for a definition, as the CLI prints them. */
function errorsOf(input: unknown, options?: ValidateOptions): string[] {
	const result = validateDefinition(input, options);
	return result.ok ? [] : result.errors.map(formatError);
}

/** The week fixture with one change made to it. */
function changed(change: (definition: Questionnaire) => void): Questionnaire {
	const definition = weekDefinition();
	change(definition);
	return definition;
}

function item(definition: Questionnaire, id: string): Item {
	const found = definition.modules.flatMap((m) => m.items).find((i) => i.id === id);
	if (!found) throw new Error(`fixture has no item ${id}`);
	return found;
}

describe('a valid definition', () => {
	it('passes, and comes back typed', () => {
		const result = validateDefinition(fixtureJson.week);
		expect(result.errors).toEqual([]);
		expect(result.ok && result.definition.modules.map((m) => m.id)).toEqual([
			'about',
			'week',
			'doing',
			'goal'
		]);
	});

	it('passes the translation check when every text key exists', () => {
		const keys = new Set(textKeysOf(weekDefinition()).map((k) => k.key));
		expect(errorsOf(fixtureJson.week, { textKeys: keys })).toEqual([]);
	});
});

describe('shape errors (the schema)', () => {
	const errors = errorsOf(fixtureJson.shape);

	it('reports an unknown item type with its path', () => {
		expect(errors).toContain(
			'modules[0].items[0].type: unknown item type "slider" (known: single, multiple, faces5, faces3, scale10, frequency, yesno, number, date, rank, free, note)'
		);
	});

	it('reports an unknown computed function name', () => {
		expect(errors).toContain(
			'computed[0].fn: unknown computed function "ladder2" (known: participatieladder, lifeDomainScores, goalAttainment, calculate)'
		);
	});

	it('reports an unknown operator inside a nested condition', () => {
		expect(errors).toContain(
			'modules[0].items[2].showIf.not.op: unknown operator "isTrue" (known: answered, equals, notEquals, in, notIn, gte, lte, includes)'
		);
	});

	it('reports missing and unknown properties and malformed names', () => {
		expect(errors).toContain('modules[0].items[1].text: missing (expected string)');
		expect(errors).toContain('modules[0].items[1]: unknown property "colour"');
		expect(errors).toContain(
			'modules[0].items[2].pictogram: "Face 3" must be a pictogram name such as "prefer-not"'
		);
		expect(errors).toContain('version: "1" must be a version such as "1.0.0"');
	});

	it('reports a condition of no known shape', () => {
		const definition = changed((d) => {
			(item(d, 'careAmount') as { showIf: unknown }).showIf = { when: 'caresFor' };
		});
		expect(errorsOf(definition)).toEqual([
			'modules[0].items[3].showIf: must be a condition: { item, op, value }, { all: [...] }, { any: [...] } or { not: ... }'
		]);
	});

	it('reports a document that is not an object at all', () => {
		expect(errorsOf(null)).toEqual(['(root): expected object, got null']);
	});
});

describe('reference errors (beyond the schema)', () => {
	const errors = errorsOf(fixtureJson.references);

	it('reports a dangling skip reference', () => {
		expect(errors).toContain('modules[1].items[2].showIf.all[0].item: refers to unknown item "a9"');
	});

	it('reports forward references, from items and from modules', () => {
		expect(errors).toContain(
			'modules[0].items[1].showIf.item: refers to item "paidWork", which comes later; refer only to earlier items'
		);
		expect(errors).toContain(
			'modules[0].showIf.item: refers to item "caresFor", which comes later; refer only to earlier items'
		);
	});

	it('reports a condition on the item itself', () => {
		expect(errors).toContain('modules[0].items[0].showIf.item: refers to item "caresFor" itself');
	});

	it('reports duplicate item ids across modules and duplicate option ids within an item', () => {
		expect(errors).toContain(
			'modules[1].items[0].id: duplicate item id "caresFor" (also at modules[0].items[0].id)'
		);
		expect(errors).toContain(
			'modules[0].items[2].options[1].id: duplicate option id "none" (also at modules[0].items[2].options[0].id)'
		);
	});

	it('reports values and operators that can never match the item', () => {
		expect(errors).toContain(
			'modules[1].items[2].showIf.all[1].value: "sometimes" is not an option of item "paidWork"'
		);
		expect(errors).toContain(
			'modules[1].items[2].showIf.all[2].op: "equals" does not apply to rank item "topDomains" (use: answered, includes)'
		);
		expect(errors).toContain(
			'modules[1].items[2].showIf.all[3].value: expected true or false for item "caresFor", got "yes"'
		);
	});

	it('reports option lists that do not exist and rankings that pick more than there is', () => {
		expect(errors).toContain('modules[0].items[1].optionList: refers to unknown option list "amount"');
		expect(errors).toContain('modules[1].items[1].pick: picks 3 but there are only 2 options');
	});

	it('reports computed results that refer to unknown or unfitting items', () => {
		expect(errors).toContain('computed[0].args.rung2.item: refers to unknown item "metPeople"');
		expect(errors).toContain('computed[1].args.item: item "later" is faces5; expected single');
	});

	it('reports nothing else', () => {
		expect(errors).toHaveLength(13);
	});
});

describe('single checks', () => {
	it('a missing translation key', () => {
		const keys = new Set(textKeysOf(weekDefinition()).map((k) => k.key));
		keys.delete('survey.fixture.caresFor.question');
		keys.delete('survey.fixture.amount.little');
		expect(errorsOf(fixtureJson.week, { textKeys: keys })).toEqual([
			'optionLists.amount[1].text: text key "survey.fixture.amount.little" has no translation',
			'modules[0].items[2].text: text key "survey.fixture.caresFor.question" has no translation'
		]);
	});

	it('an unknown pictogram, when the available ones are given', () => {
		const pictograms = new Set(['about', 'home']);
		const errors = errorsOf(fixtureJson.week, { pictograms });
		expect(errors).toContain('modules[0].items[0].options[1].pictogram: unknown pictogram "partner"');
		expect(errors).not.toContain(expect.stringContaining('modules[0].pictogram'));
	});

	it('a duplicate module id', () => {
		const definition = changed((d) => {
			const second = d.modules[1];
			if (second) second.id = 'about';
		});
		expect(errorsOf(definition)).toEqual([
			'modules[1].id: duplicate module id "about" (also at modules[0].id)'
		]);
	});

	it('a choice item without options, and one with both options and a list', () => {
		expect(errorsOf(changed((d) => delete (item(d, 'paidWork') as { options?: unknown }).options))).toEqual([
			'modules[1].items[4]: a single item needs "options" or "optionList"'
		]);
		const both = changed((d) => {
			const careAmount = item(d, 'careAmount');
			if (careAmount.type === 'frequency') careAmount.options = [{ id: 'x', text: 'a.b', pictogram: 'ok' }];
		});
		expect(errorsOf(both)).toEqual(['modules[0].items[3]: has both "options" and "optionList"; give one']);
	});

	it('a number item whose min is above its max, and a condition outside its range', () => {
		const definition = changed((d) => {
			const children = item(d, 'children');
			if (children.type === 'number') children.min = 20;
			item(d, 'goodThing').showIf = { item: 'lifeSatisfaction', op: 'gte', value: 11 };
		});
		expect(errorsOf(definition)).toEqual([
			'modules[0].items[1].min: min 20 is above max 15',
			'modules[2].items[2].showIf.value: 11 is outside 0–10, the range of item "lifeSatisfaction"'
		]);
	});

	it('computed arguments that do not fit the items', () => {
		const definition = changed((d) => {
			for (const entry of d.computed ?? []) {
				if (entry.fn === 'goalAttainment') {
					delete entry.args.scores.muchMore;
					entry.args.scores.lots = 2;
				}
				if (entry.fn === 'lifeDomainScores') {
					entry.args.domains.push({ id: 'home', aspects: { manage: 'lifeSatisfaction' } });
					entry.args.top = 'livesWith';
				}
			}
		});
		expect(errorsOf(definition)).toEqual([
			'computed[1].args.domains[3].id: duplicate domain id "home"',
			'computed[1].args.domains[3].aspects.manage: item "lifeSatisfaction" is scale10; expected faces3 or faces5',
			'computed[1].args.top: option "alone" of item "livesWith" is not one of the domains',
			'computed[1].args.top: option "partner" of item "livesWith" is not one of the domains',
			'computed[1].args.top: option "children" of item "livesWith" is not one of the domains',
			'computed[1].args.top: option "otherFamily" of item "livesWith" is not one of the domains',
			'computed[2].args.scores.lots: "lots" is not an option of item "goalProgress"',
			'computed[2].args.scores: option "muchMore" of item "goalProgress" has no score'
		]);
	});
});

describe('parseDefinition', () => {
	it('throws with every error for a definition shipped broken', () => {
		expect(() => parseDefinition(fixtureJson.references)).toThrow(DefinitionInvalidError);
		try {
			parseDefinition(fixtureJson.references);
		} catch (error) {
			expect(error instanceof DefinitionInvalidError && error.errors).toHaveLength(13);
		}
	});
});

describe('the committed JSON Schema', () => {
	it('is the one the zod schema gives (regenerate with `npm run survey:check -- --json-schema`)', () => {
		const committed: unknown = JSON.parse(
			readFileSync(
				new URL('../../../src/lib/survey/schema/questionnaire.schema.json', import.meta.url),
				'utf8'
			)
		);
		expect(committed).toEqual(questionnaireJsonSchema());
	});
});
