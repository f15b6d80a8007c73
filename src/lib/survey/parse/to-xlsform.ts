/**
 * The engine's JSON definition → the rows of an XLSForm spreadsheet (`survey`, `choices`, `settings`), so that
 * parse/xlsform.ts reads it back into the very same definition. Used by scripts/survey-sources.js to write the
 * shipped instruments (intake, evaluation, coach) as spreadsheets, and by the round-trip tests.
 *
 * It writes the XLSForm subset the converter reads (README.md, "XLSForm"), with Opstap's own columns where XLSForm
 * has no word for what the definition says: `key` (the text key a label is stored under), `allow_prefer_not`,
 * `allow_dont_know`, `show`, `exclusive` (choices) and `function` (a named computation). What the converter cannot
 * read back is refused with an error naming the item, never dropped.
 *
 * Pure: texts come in as language → key → text; the caller reads them from locales/ or from the definition.
 */
import { LANGUAGES } from '$lib/i18n/languages';
import {
	OTHER_CHOICE,
	type Comparison,
	type Condition,
	type Item,
	type Option,
	type Questionnaire
} from '../definition';

export type XlsformCell = string | number | null;
export type XlsformRows = XlsformCell[][];
export interface XlsformBook {
	survey: XlsformRows;
	choices: XlsformRows;
	settings: XlsformRows;
}

export interface ToXlsformOptions {
	/** Language → text key → text: every text key of the definition in each language that has it. */
	readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>;
	/** The languages to write a `label::…` column for, the default language first (default: all shipped). */
	readonly languages?: readonly string[];
	/** The labels of the `yes_no` list behind yes/no questions, per language (the app shows its own buttons). */
	readonly yesNo?: Readonly<Record<string, { yes: string; no: string }>>;
}

export class ToXlsformError extends Error {}

/** `label::Nederlands (nl)`: the language's Dutch name, as the researchers at a municipality read it. */
export function languageColumn(base: string, code: string): string {
	const name = LANGUAGES.find((l) => l.code === code)?.dutch ?? code;
	return `${base}::${name} (${code})`;
}

const YES_NO = 'yes_no';

/** A condition as a `relevant` expression that the converter turns back into the same condition. */
export function conditionToRelevant(condition: Condition, itemOf: (id: string) => Item | undefined): string {
	const nested = (c: Condition) => {
		const text = conditionToRelevant(c, itemOf);
		return 'all' in c || 'any' in c || ('op' in c && c.op === 'in') ? `(${text})` : text;
	};
	if ('all' in condition) return condition.all.map(nested).join(' and ');
	if ('any' in condition) return condition.any.map(nested).join(' or ');
	if ('not' in condition) return `not(${conditionToRelevant(condition.not, itemOf)})`;
	const c: Comparison = condition;
	const item = itemOf(c.item);
	if (!item) throw new ToXlsformError(`condition on "${c.item}", which is no earlier item`);
	const ref = `\${${c.item}}`;
	const literal = (v: string | number | boolean) =>
		typeof v === 'boolean' ? `'${v ? 'yes' : 'no'}'` : typeof v === 'number' ? String(v) : `'${v}'`;
	switch (c.op) {
		case 'answered':
			return `${ref} != ''`;
		case 'equals':
		case 'notEquals':
			if ((item.type === 'yesno') !== (typeof c.value === 'boolean'))
				throw new ToXlsformError(`"${c.item}": ${c.op} ${String(c.value)} does not fit a ${item.type} item`);
			return `${ref} ${c.op === 'equals' ? '=' : '!='} ${literal(c.value)}`;
		case 'in':
			// Read back as "one of" only from two or more choices of a single choice.
			if (c.value.length < 2 || !['single', 'frequency'].includes(item.type))
				throw new ToXlsformError(
					`"${c.item}": "in" is written as "= … or = …" on a choice, with two or more`
				);
			return c.value.map((v) => `${ref} = ${literal(v)}`).join(' or ');
		case 'includes':
			return `selected(${ref}, '${c.value}')`;
		case 'gte':
		case 'lte':
			if (typeof c.value !== 'number')
				throw new ToXlsformError(`"${c.item}": a date comparison has no XLSForm form here yet`);
			return `${ref} ${c.op === 'gte' ? '>=' : '<='} ${c.value}`;
		case 'notIn':
			throw new ToXlsformError(`"${c.item}": notIn has no XLSForm form here yet (write not(… or …))`);
	}
}

/** Writes the definition as an XLSForm workbook; throws ToXlsformError for what the converter cannot read back. */
export function toXlsform(definition: Questionnaire, options: ToXlsformOptions): XlsformBook {
	const defaultLanguage = definition.defaultLanguage ?? 'nl';
	const languages = [
		defaultLanguage,
		...(options.languages ?? LANGUAGES.map((l) => l.code)).filter((l) => l !== defaultLanguage)
	];
	const textOf = (key: string, lang: string): string | null => options.texts[lang]?.[key] ?? null;
	const labels = (key: string): XlsformCell[] => {
		if (!textOf(key, defaultLanguage))
			throw new ToXlsformError(`text key "${key}" has no text in ${defaultLanguage}`);
		return languages.map((l) => textOf(key, l));
	};
	const fail = (id: string, what: string): never => {
		throw new ToXlsformError(`item "${id}": ${what} cannot be written as XLSForm yet`);
	};
	if (definition.title !== `${definition.id}.title`)
		throw new ToXlsformError(`the title key must be "${definition.id}.title"`);

	const items = new Map<string, Item>();
	const allItems = definition.modules.flatMap((m) => m.items);
	const hints = allItems.some((i) => i.hint);
	const messages = allItems.some((i) => i.constraintMessage);

	// --- choices
	const choices: XlsformRows = [
		[
			'list_name',
			'name',
			...languages.map((l) => languageColumn('label', l)),
			'key',
			'pictogram',
			'exclusive'
		]
	];
	const written = new Map<string, string>();
	const list = (name: string, options: readonly Option[]) => {
		const signature = JSON.stringify(options);
		if (written.has(name)) {
			if (written.get(name) !== signature) throw new ToXlsformError(`two different lists named "${name}"`);
			return;
		}
		written.set(name, signature);
		for (const o of options) {
			if (o.audio) fail(name, `the audio of option "${o.id}"`);
			choices.push([name, o.id, ...labels(o.text), o.text, o.pictogram, o.exclusive ? 'yes' : null]);
		}
	};
	for (const [name, options] of Object.entries(definition.optionLists ?? {})) {
		if (allItems.some((i) => i.id === name))
			throw new ToXlsformError(
				`option list "${name}" has an item's name: it would be read as its own options`
			);
		list(name, options);
	}

	// --- survey
	const columns = [
		'type',
		'name',
		...languages.map((l) => languageColumn('label', l)),
		...(hints ? languages.map((l) => languageColumn('hint', l)) : []),
		...(messages ? languages.map((l) => languageColumn('constraint_message', l)) : []),
		'key',
		'required',
		'relevant',
		'constraint',
		'calculation',
		'appearance',
		'parameters',
		'function',
		'pictogram',
		'allow_prefer_not',
		'allow_dont_know',
		'show',
		'points'
	] as const;
	const survey: XlsformRows = [[...columns]];
	const row = (
		cells: Partial<Record<(typeof columns)[number], XlsformCell>>,
		texts: Record<string, string>
	) => {
		const out: XlsformCell[] = columns.map((c) => cells[c] ?? null);
		for (const [base, key] of Object.entries(texts)) {
			labels(key).forEach((text, i) => {
				out[columns.indexOf(languageColumn(base, languages[i]!) as never)] = text;
			});
		}
		survey.push(out);
	};
	const relevant = (c: Condition | undefined) => (c ? conditionToRelevant(c, (id) => items.get(id)) : null);
	const ownKey = (item: Item, field: 'hint' | 'constraintMessage', suffix: string) => {
		const key = item[field];
		if (key === undefined) return {};
		if (key !== `${definition.id}.items.${item.id}.${suffix}`)
			fail(item.id, `a ${field} key other than "${definition.id}.items.${item.id}.${suffix}"`);
		return { [field === 'hint' ? 'hint' : 'constraint_message']: key } as Record<string, string>;
	};

	/** An item's short points: a list of their own on the choices sheet, named by the item's `points` column. */
	const pointsOf = (item: Item): string | null => {
		if (!item.points) return null;
		const name = `${item.id}_points`;
		if (allItems.some((i) => i.id === name) || definition.optionLists?.[name])
			fail(item.id, `points beside a list or item named "${name}"`);
		const names = new Set<string>();
		list(
			name,
			item.points.map((p, i) => {
				if (p.audio) fail(item.id, `the audio of point ${i + 1}`);
				// The key's last part names the row ("phone", "send"), else its place in the list.
				const last = p.text.split('.').at(-1)!;
				const id = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(last) && !names.has(last) ? last : String(i + 1);
				names.add(id);
				return { id, text: p.text, pictogram: p.pictogram };
			})
		);
		return name;
	};

	for (const module of definition.modules) {
		if (module.audio) fail(module.id, 'the audio of a module');
		row(
			{
				type: 'begin_group',
				name: module.id,
				key: module.title,
				relevant: relevant(module.showIf),
				pictogram: module.pictogram
			},
			{ label: module.title }
		);
		for (const item of module.items) {
			if (item.audio) fail(item.id, 'audio');
			if (item.grid) fail(item.id, 'a grid (a table-list group)');
			const common = {
				name: item.id,
				key: item.text,
				required: item.required ? 'yes' : null,
				relevant: relevant(item.showIf),
				pictogram: item.pictogram,
				allow_prefer_not: item.allowPreferNot ? 'yes' : null,
				allow_dont_know: item.allowDontKnow ? 'yes' : null,
				show: item.show ?? null,
				points: pointsOf(item)
			};
			if (item.required === false) fail(item.id, '"required": false (write no required instead)');
			const texts = {
				label: item.text,
				...ownKey(item, 'hint', 'hint'),
				...ownKey(item, 'constraintMessage', 'constraint')
			};
			/** A list for a choice item: its shared list, or its own named after it. */
			const choicesOf = (
				it: { id: string; options?: Option[]; optionList?: string },
				extra: Option[] = []
			) => {
				if (it.optionList && !extra.length) return it.optionList;
				const own = it.options ?? definition.optionLists?.[it.optionList ?? ''] ?? [];
				if (definition.optionLists?.[it.id]) fail(it.id, 'an own list named like a shared one');
				list(it.id, [...own, ...extra]);
				return it.id;
			};
			switch (item.type) {
				case 'note':
					row({ ...common, type: 'note' }, texts);
					break;
				case 'single':
				case 'frequency':
					row(
						{
							...common,
							type: `select_one ${choicesOf(item)}`,
							appearance: item.type === 'frequency' ? 'frequency' : null
						},
						texts
					);
					break;
				case 'multiple': {
					const other = item.other;
					const otherChoice = other?.id ?? OTHER_CHOICE;
					if (other && optionIdsOf(item, definition).includes(otherChoice))
						fail(item.id, `an "other" card beside an option named "${otherChoice}"`);
					const extra = other ? [{ id: otherChoice, text: other.text, pictogram: other.pictogram }] : [];
					if (other?.audio) fail(item.id, 'the audio of the "other" card');
					if (other?.pictogram === 'questions')
						fail(item.id, 'an "other" card with the pictogram "questions"');
					row({ ...common, type: `select_multiple ${choicesOf(item, extra)}` }, texts);
					// "Other, namely …": a text shown when "other" is picked, read back as the question's own card.
					if (other) {
						if (items.has(`${item.id}_other`) || allItems.some((i) => i.id === `${item.id}_other`))
							fail(item.id, `an "other" card beside an item named "${item.id}_other"`);
						row(
							{
								type: 'text',
								name: `${item.id}_other`,
								key: other.text,
								relevant: `selected(\${${item.id}}, '${otherChoice}')`,
								pictogram: other.pictogram
							},
							{ label: other.text }
						);
					}
					break;
				}
				case 'rank':
					row({ ...common, type: `rank ${choicesOf(item)}`, parameters: `pick=${item.pick}` }, texts);
					break;
				case 'yesno':
					if (!written.has(YES_NO)) {
						written.set(YES_NO, '');
						for (const answer of ['yes', 'no'] as const)
							choices.push([
								YES_NO,
								answer,
								...languages.map(
									(l) => options.yesNo?.[l]?.[answer] ?? (l === defaultLanguage ? answer : null)
								),
								null,
								answer === 'yes' ? 'yes' : 'no',
								null
							]);
					}
					row({ ...common, type: `select_one ${YES_NO}`, appearance: 'yesno' }, texts);
					break;
				case 'faces5':
				case 'faces3': {
					const points = item.type === 'faces5' ? 5 : 3;
					// The instrument's own words for the faces: a list of its own, saddest first.
					const faces = points === 5 ? [1, 2, 3, 4, 5] : [1, 3, 5];
					const labels = item.labels ? ` labels=${item.id}_faces` : '';
					if (item.labels)
						list(
							`${item.id}_faces`,
							item.labels.map((text, i) => ({ id: String(i + 1), text, pictogram: `face-${faces[i]}` }))
						);
					row(
						{
							...common,
							type: 'range',
							parameters: `start=1 end=${points} step=1${labels}`,
							appearance: item.type === 'faces5' ? `faces5 ${item.scale}` : 'faces3'
						},
						texts
					);
					break;
				}
				case 'scale10': {
					// The texts at either end: a list of two, named after their keys' common part.
					const min = /^(.*)\.min$/.exec(item.minLabel)?.[1];
					const max = /^(.*)\.max$/.exec(item.maxLabel)?.[1];
					const ends = min && min === max ? min.replace(/[^A-Za-z0-9_-]/g, '_') : `${item.id}_ends`;
					list(ends, [
						{ id: '0', text: item.minLabel, pictogram: 'number' },
						{ id: '10', text: item.maxLabel, pictogram: 'number' }
					]);
					row(
						{
							...common,
							type: 'range',
							parameters: `start=0 end=10 step=1 labels=${ends}`,
							appearance: 'scale10'
						},
						texts
					);
					break;
				}
				case 'number':
					if (item.unit) fail(item.id, 'a unit');
					row(
						{
							...common,
							type: item.decimals ? 'decimal' : 'integer',
							constraint: `. >= ${item.min} and . <= ${item.max}`,
							...(item.decimals && item.decimals !== 2 ? { parameters: `decimals=${item.decimals}` } : {})
						},
						texts
					);
					break;
				case 'date':
					if (item.min || item.max) fail(item.id, 'a date range');
					row({ ...common, type: 'date' }, texts);
					break;
				case 'free':
					row(
						{
							...common,
							type: 'text',
							parameters: item.modes ? `modes=${item.modes.join(',')}` : null,
							constraint: item.maxLength ? `string-length(.) <= ${item.maxLength}` : null
						},
						texts
					);
					break;
			}
			items.set(item.id, item);
		}
		row({ type: 'end_group' }, {});
	}

	// Computed results: XLSForm's calculate rows, after the questions they use.
	for (const entry of definition.computed ?? []) {
		if (entry.fn === 'calculate') {
			const { expression, label } = entry.args;
			row(
				{ type: 'calculate', name: entry.id, calculation: expression, key: label ?? null },
				label ? { label } : {}
			);
			continue;
		}
		const args =
			entry.fn === 'participatieladder'
				? Object.fromEntries(
						Object.entries(entry.args).map(([rung, c]) => [
							rung,
							conditionToRelevant(c, (id) => items.get(id))
						])
					)
				: entry.args;
		row({ type: 'calculate', name: entry.id, function: entry.fn, parameters: JSON.stringify(args) }, {});
	}

	const settings: XlsformRows = [
		['form_id', 'version', ...languages.map((l) => languageColumn('form_title', l)), 'default_language'],
		[definition.id, definition.version, ...labels(definition.title), defaultLanguage]
	];
	return { survey, choices, settings };
}

function optionIdsOf(item: { options?: Option[]; optionList?: string }, definition: Questionnaire): string[] {
	return (item.options ?? definition.optionLists?.[item.optionList ?? ''] ?? []).map((o) => o.id);
}
