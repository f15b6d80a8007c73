/**
 * XLSForm (the spreadsheet format researchers already write forms in) → the engine's JSON definition. Converted
 * once, at upload; the JSON definition stays the versioned internal format. Supports the subset that fits a
 * one-question-per-screen app (see README.md, "XLSForm"). Every refusal names the sheet, the row and the column, in
 * Dutch, because the person reading it is a researcher or an admin at a municipality, not a developer.
 *
 * Pure: takes the sheets as rows of cells (read by read-excel-file on the server), so it runs in tests and the
 * CLI alike.
 */
import { LANGUAGES } from '$lib/i18n/languages';
import {
	FREE_MODES,
	OTHER_CHOICE,
	ITEM_CONTEXTS,
	type ComputedEntry,
	type FreeMode,
	type Comparison,
	type Condition,
	type Item,
	type Option,
	type Questionnaire
} from '../definition';
import { ExpressionError, parseExpression, referencesOf, type Expr } from '../expression';

export type Cell = string | number | boolean | Date | null | undefined;
export interface Sheet {
	readonly name: string;
	readonly rows: readonly (readonly Cell[])[];
}

/** A problem in the spreadsheet: where (sheet, Excel row number, column title) and what, in Dutch. */
export interface XlsformProblem {
	readonly sheet: string;
	readonly row?: number;
	readonly column?: string;
	readonly message: string;
}

export type XlsformResult =
	| { ok: true; definition: Questionnaire; warnings: XlsformProblem[] }
	| { ok: false; errors: XlsformProblem[]; warnings: XlsformProblem[] };

export interface XlsformOptions {
	/** Pictogram names that exist; an unknown or missing one falls back to a default and is warned about. */
	readonly pictograms?: ReadonlySet<string>;
}

/** "Sheet survey, row 4, column relevant: …" */
export function formatProblem(p: XlsformProblem): string {
	const where = [`blad ${p.sheet}`, p.row ? `rij ${p.row}` : '', p.column ? `kolom ${p.column}` : '']
		.filter(Boolean)
		.join(', ');
	return `${where}: ${p.message}`;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const CHOICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TEXT_KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;
/** What the `appearance` column can ask for beyond XLSForm's own words (which are ignored: one question per screen). */
const WIDGETS = ['faces5', 'faces3', 'scale10', 'frequency', 'yesno'] as const;
/** The range a picture scale answers in: its `range` row says so too, and must agree. */
const WIDGET_RANGE: Record<string, { start: number; end: number }> = {
	faces5: { start: 1, end: 5 },
	faces3: { start: 1, end: 3 },
	scale10: { start: 0, end: 10 }
};
/** Opstap's named computations, for a `calculate` row with a `function` column (README.md, "XLSForm"). */
const FUNCTIONS = ['participatieladder', 'lifeDomainScores', 'goalAttainment'] as const;
/** Metadata rows ODK fills in itself: nothing to ask, so nothing to convert. */
const METADATA = new Set([
	'start',
	'end',
	'today',
	'deviceid',
	'subscriberid',
	'simserial',
	'phonenumber',
	'username',
	'email',
	'audit',
	'start-geopoint'
]);

interface Row {
	readonly number: number;
	readonly get: (column: string) => string;
	/** `label`, `hint`, … per language code: `label::Nederlands (nl)` → nl; a plain `label` → the default language. */
	readonly texts: (column: string) => Record<string, string>;
}

/** A column title's language: `Nederlands (nl)` → nl, `en` → en, `English` → en; null when it is none we know. */
export function languageOf(suffix: string): string | null {
	const trimmed = suffix.trim();
	const code = /\(([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?\)\s*$/.exec(trimmed)?.[1];
	if (code) return code.toLowerCase();
	if (/^[a-z]{2,3}$/i.test(trimmed)) return trimmed.toLowerCase();
	const lower = trimmed.toLowerCase();
	const known = LANGUAGES.find((l) => [l.name, l.english, l.dutch].some((n) => n.toLowerCase() === lower));
	return known?.code ?? null;
}

function cellText(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) return cell.toISOString().slice(0, 10);
	return String(cell).trim();
}

/** The rows of a sheet as lookups by (lower-case) column title, with their Excel row numbers. */
function readSheet(
	sheet: Sheet,
	defaultLanguage: string,
	problems: XlsformProblem[]
): { rows: Row[]; columns: string[] } {
	const [header = [], ...body] = sheet.rows;
	const columns = header.map((c) => cellText(c).toLowerCase());
	const index = new Map<string, number>();
	columns.forEach((c, i) => {
		if (c && !index.has(c)) index.set(c, i);
	});
	// label::Nederlands (nl) → ['label', 'nl']
	const languageColumns: { base: string; lang: string; i: number }[] = [];
	header.forEach((c, i) => {
		const title = cellText(c);
		const at = title.indexOf('::');
		if (at < 0) return;
		const base = title.slice(0, at).trim().toLowerCase();
		const lang = languageOf(title.slice(at + 2));
		if (!lang) {
			problems.push({
				sheet: sheet.name,
				row: 1,
				column: title,
				message: `onbekende taal "${title.slice(at + 2).trim()}"; schrijf bijvoorbeeld label::Nederlands (nl)`
			});
			return;
		}
		languageColumns.push({ base, lang, i });
	});
	const rows: Row[] = [];
	body.forEach((cells, r) => {
		if (cells.every((c) => cellText(c) === '')) return;
		rows.push({
			number: r + 2,
			get: (column) => {
				const i = index.get(column);
				return i === undefined ? '' : cellText(cells[i]);
			},
			texts: (column) => {
				const out: Record<string, string> = {};
				const plain = index.get(column);
				if (plain !== undefined && cellText(cells[plain])) out[defaultLanguage] = cellText(cells[plain]);
				for (const { base, lang, i } of languageColumns) {
					if (base === column && cellText(cells[i])) out[lang] = cellText(cells[i]);
				}
				return out;
			}
		});
	});
	return { rows, columns };
}

function findSheet(sheets: readonly Sheet[], name: string): Sheet | undefined {
	return sheets.find((s) => s.name.trim().toLowerCase() === name);
}

const truthy = (v: string) => ['yes', 'true', 'true()', 'ja', '1'].includes(v.toLowerCase());

/** Converts the sheets of an XLSForm to a definition (not yet validated against pictograms and references). */
export function convertXlsform(sheets: readonly Sheet[], options: XlsformOptions = {}): XlsformResult {
	const errors: XlsformProblem[] = [];
	const warnings: XlsformProblem[] = [];
	const pictograms = options.pictograms;

	const surveySheet = findSheet(sheets, 'survey');
	if (!surveySheet)
		return { ok: false, errors: [{ sheet: 'survey', message: 'het blad "survey" ontbreekt' }], warnings };
	const settingsSheet = findSheet(sheets, 'settings');
	const choicesSheet = findSheet(sheets, 'choices');

	// Settings first: they name the default language that a plain `label` column is in.
	const settings = settingsSheet ? readSheet(settingsSheet, 'nl', errors).rows[0] : undefined;
	const setting = (name: string) => settings?.get(name) ?? '';
	const defaultLanguage = setting('default_language') ? languageOf(setting('default_language')) : 'nl';
	if (!defaultLanguage)
		errors.push({
			sheet: 'settings',
			row: 2,
			column: 'default_language',
			message: `onbekende taal "${setting('default_language')}"`
		});
	const lang = defaultLanguage ?? 'nl';

	const formId = setting('form_id') || surveySheet.name;
	if (!NAME.test(formId))
		errors.push({
			sheet: 'settings',
			row: 2,
			column: 'form_id',
			message: `"${formId}" is geen geldige naam: begin met een letter, daarna letters, cijfers, _ of -`
		});
	const rawVersion = setting('version') || '1.0.0';
	const version = /^\d+$/.test(rawVersion)
		? `${Number(rawVersion)}.0.0`
		: /^\d+\.\d+$/.test(rawVersion)
			? `${rawVersion}.0`
			: rawVersion;
	if (!/^\d+\.\d+\.\d+$/.test(version))
		errors.push({
			sheet: 'settings',
			row: 2,
			column: 'version',
			message: `versie "${rawVersion}" is geen getal zoals 1, 1.2 of 1.2.0`
		});

	const texts: Record<string, Record<string, string>> = {};
	const setTexts = (key: string, byLanguage: Record<string, string>) => {
		for (const [l, text] of Object.entries(byLanguage)) (texts[l] ??= {})[key] = text;
	};
	const titleKey = `${formId}.title`;
	// form_title, and form_title::<Language> (<code>) for its translations.
	const titles = settings?.texts('form_title') ?? {};
	setTexts(titleKey, titles[lang] ? titles : { ...titles, [lang]: formId });
	/** The `key` column (Opstap's own): the text key a label is stored under; absent, one made from the names. */
	const keyOf = (row: Row, made: string, where: Omit<XlsformProblem, 'message'>): string => {
		const key = row.get('key');
		if (!key) return made;
		if (!TEXT_KEY.test(key)) {
			errors.push({
				...where,
				column: 'key',
				message: `"${key}" is geen tekstsleutel zoals intake.welkom.vraag (letters en cijfers, met punten)`
			});
			return made;
		}
		return key;
	};

	const pictogram = (name: string, fallback: string, where: Omit<XlsformProblem, 'message'>): string => {
		if (!name) return fallback;
		if (pictograms && !pictograms.has(name)) {
			warnings.push({ ...where, message: `onbekend pictogram "${name}"; "${fallback}" wordt gebruikt` });
			return fallback;
		}
		return name;
	};

	/** The "show" column: what of the participant's own the question shows beside it (e.g. "plan"). */
	const itemShow = (value: string, where: Omit<XlsformProblem, 'message'>) => {
		if (!value) return {};
		const show = ITEM_CONTEXTS.find((c) => c === value.trim().toLowerCase());
		if (!show)
			errors.push({
				...where,
				message: `"${value}" kan hier niet: kies ${ITEM_CONTEXTS.join(' of ')} of laat leeg`
			});
		return show ? { show } : {};
	};

	/**
	 * The "points" column (Opstap's own): a list on the choices sheet whose rows are the question's short points,
	 * each a sentence (label per language) with its pictogram, shown and spoken between the question and its answers.
	 */
	const itemPoints = (list: string, where: Omit<XlsformProblem, 'message'>) => {
		if (!list) return {};
		const rows = lists.get(list);
		if (!rows) {
			errors.push({ ...where, message: `lijst "${list}" staat niet op het blad choices` });
			return {};
		}
		if (rows.length > 8) {
			errors.push({ ...where, message: `lijst "${list}" heeft ${rows.length} punten; hoogstens 8` });
			return {};
		}
		return { points: rows.map((o) => ({ text: o.text, pictogram: o.pictogram })) };
	};

	// --- choices
	const lists = new Map<string, Option[]>();
	if (choicesSheet) {
		const { rows } = readSheet(choicesSheet, lang, errors);
		for (const row of rows) {
			const list = row.get('list_name') || row.get('list name');
			const name = row.get('name');
			const where = { sheet: 'choices', row: row.number };
			if (!list) {
				errors.push({ ...where, column: 'list_name', message: 'de lijstnaam ontbreekt' });
				continue;
			}
			if (!NAME.test(list)) {
				errors.push({ ...where, column: 'list_name', message: `"${list}" is geen geldige lijstnaam` });
				continue;
			}
			if (!CHOICE_NAME.test(name)) {
				errors.push({
					...where,
					column: 'name',
					message: name
						? `"${name}" is geen geldige keuzenaam: alleen letters, cijfers, _ of -`
						: 'de naam van de keuze ontbreekt'
				});
				continue;
			}
			const options = lists.get(list) ?? [];
			if (options.some((o) => o.id === name)) {
				errors.push({ ...where, column: 'name', message: `"${name}" staat twee keer in lijst "${list}"` });
				continue;
			}
			const labels = row.texts('label');
			if (!labels[lang]) {
				errors.push({
					...where,
					column: 'label',
					message: `het label in de standaardtaal (${lang}) ontbreekt`
				});
				continue;
			}
			const key = keyOf(row, `${formId}.choices.${list}.${name}`, where);
			setTexts(key, labels);
			const defaultPictogram = /^\d+$/.test(name) ? 'number' : 'ok';
			options.push({
				id: name,
				text: key,
				pictogram: pictogram(row.get('pictogram'), defaultPictogram, { ...where, column: 'pictogram' }),
				...(truthy(row.get('exclusive')) ? { exclusive: true } : {})
			});
			lists.set(list, options);
		}
	}

	// --- survey
	const { rows } = readSheet(surveySheet, lang, errors);
	const modules: Questionnaire['modules'] = [];
	const computed: NonNullable<Questionnaire['computed']> = [];
	const usedLists = new Map<string, Option[]>();
	const droppedChoiceTexts: string[] = [];
	/** Every name seen so far with what it is, for references in relevant and calculation. */
	const names = new Map<string, { item?: Item; row: number }>();
	type Group = {
		name: string;
		showIf?: Condition;
		module?: Questionnaire['modules'][number];
		/** A table-list group: its questions share one scale (a grid). */
		grid?: boolean;
	};
	const groups: Group[] = [];
	let loose: Questionnaire['modules'][number] | undefined;

	const currentModule = (): Questionnaire['modules'][number] => {
		const top = groups.find((g) => g.module)?.module;
		if (top) return top;
		if (!loose) {
			loose = { id: formId, title: titleKey, pictogram: 'questions', items: [] };
			modules.push(loose);
		}
		return loose;
	};
	const inheritedCondition = (): Condition | undefined => {
		// The top group's condition is its module's; nested groups' conditions go on each of their items.
		const nested = groups.filter((g) => !g.module && g.showIf).map((g) => g.showIf!);
		return nested.length === 0 ? undefined : nested.length === 1 ? nested[0] : { all: nested };
	};
	const both = (a: Condition | undefined, b: Condition | undefined): Condition | undefined =>
		a && b ? { all: [a, b] } : (a ?? b);

	for (const row of rows) {
		const where = { sheet: 'survey', row: row.number };
		const typeCell = row.get('type').replace(/\s+/g, ' ');
		const [type = '', ...rest] = typeCell.split(' ');
		const listName = rest.join(' ');
		const name = row.get('name');
		const labels = row.texts('label');
		const kind = type.toLowerCase();
		if (!kind) {
			errors.push({ ...where, column: 'type', message: 'het type ontbreekt' });
			continue;
		}
		if (METADATA.has(kind)) {
			warnings.push({ ...where, column: 'type', message: `"${kind}" wordt niet gevraagd en overgeslagen` });
			continue;
		}
		if (kind === 'end_group' || (kind === 'end' && listName === 'group')) {
			if (!groups.length)
				errors.push({ ...where, column: 'type', message: '"end_group" zonder "begin_group"' });
			groups.pop();
			continue;
		}
		if (kind === 'begin_repeat' || (kind === 'begin' && listName === 'repeat')) {
			errors.push({
				...where,
				column: 'type',
				message: 'herhalingen (begin_repeat) worden niet ondersteund'
			});
			continue;
		}
		if (!NAME.test(name)) {
			errors.push({
				...where,
				column: 'name',
				message: name
					? `"${name}" is geen geldige naam: begin met een letter, daarna letters, cijfers, _ of -`
					: 'de naam ontbreekt'
			});
			continue;
		}
		if (names.has(name)) {
			errors.push({ ...where, column: 'name', message: `"${name}" staat al in rij ${names.get(name)!.row}` });
			continue;
		}
		const showIf = row.get('relevant')
			? relevantToCondition(row.get('relevant'), names, (i) => optionsOf(i, usedLists), where, errors)
			: undefined;

		if (kind === 'begin_group' || (kind === 'begin' && listName === 'group')) {
			names.set(name, { row: row.number });
			if (!groups.length) {
				const titleKeyOf = keyOf(row, `${formId}.modules.${name}.title`, where);
				// A group without a label is titled with the form's title.
				setTexts(titleKeyOf, labels[lang] ? labels : { [lang]: texts[lang]![titleKey]! });
				const module = {
					id: name,
					title: titleKeyOf,
					pictogram: pictogram(row.get('pictogram'), 'questions', { ...where, column: 'pictogram' }),
					...(showIf ? { showIf } : {}),
					items: [] as Item[]
				};
				modules.push(module);
				groups.push({ name, module });
			} else {
				// A group inside a module: a grid (table-list / field-list) or a section. Its label is read first.
				const tableList = row.get('appearance').toLowerCase().split(/\s+/).includes('table-list');
				groups.push({ name, ...(showIf ? { showIf } : {}), ...(tableList ? { grid: true } : {}) });
				if (labels[lang]) {
					const key = `${formId}.items.${name}.label`;
					setTexts(key, labels);
					const condition = inheritedCondition();
					currentModule().items.push({
						id: name,
						type: 'note',
						text: key,
						pictogram: pictogram(row.get('pictogram'), 'info', { ...where, column: 'pictogram' }),
						...(condition ? { showIf: condition } : {})
					});
				}
			}
			continue;
		}

		if (kind === 'calculate' && row.get('function')) {
			const entry = namedFunction(row, name, names, (i) => optionsOf(i, usedLists), where, errors);
			names.set(name, { row: row.number });
			if (entry) computed.push(entry);
			continue;
		}

		if (kind === 'calculate') {
			const expression = row.get('calculation');
			if (!expression) {
				errors.push({ ...where, column: 'calculation', message: 'een calculate heeft een berekening nodig' });
				continue;
			}
			let parsed: Expr;
			try {
				parsed = parseExpression(expression);
			} catch (e) {
				if (!(e instanceof ExpressionError)) throw e;
				errors.push({
					...where,
					column: 'calculation',
					message: `${e.message} (bij teken ${e.position + 1})`
				});
				continue;
			}
			for (const ref of referencesOf(parsed)) {
				if (!names.has(ref))
					errors.push({
						...where,
						column: 'calculation',
						message: `\${${ref}} bestaat niet (nog niet): een berekening gebruikt alleen eerdere rijen`
					});
			}
			names.set(name, { row: row.number });
			let label: string | undefined;
			if (labels[lang]) {
				label = keyOf(row, `${formId}.computed.${name}.label`, where);
				setTexts(label, labels);
			}
			computed.push({ id: name, fn: 'calculate', args: { expression, ...(label ? { label } : {}) } });
			continue;
		}

		if (!labels[lang]) {
			errors.push({
				...where,
				column: 'label',
				message: `het label in de standaardtaal (${lang}) ontbreekt`
			});
			continue;
		}
		const key = keyOf(row, `${formId}.items.${name}.label`, where);
		setTexts(key, labels);
		const condition = both(inheritedCondition(), showIf);
		/** hint and constraint_message (each per language): texts of their own, under the item's name. */
		const ownText = (column: string, field: 'hint' | 'constraintMessage') => {
			const byLanguage = row.texts(column);
			if (!Object.keys(byLanguage).length) return {};
			if (!byLanguage[lang]) {
				errors.push({ ...where, column, message: `de tekst in de standaardtaal (${lang}) ontbreekt` });
				return {};
			}
			const textKey = `${formId}.items.${name}.${field === 'hint' ? 'hint' : 'constraint'}`;
			setTexts(textKey, byLanguage);
			return { [field]: textKey };
		};
		const appearance = row.get('appearance').toLowerCase().split(/\s+/).filter(Boolean);
		const widget = WIDGETS.find((w) => appearance.includes(w));
		const base = {
			id: name,
			text: key,
			pictogram: pictogram(row.get('pictogram'), kind === 'note' ? 'info' : 'questions', {
				...where,
				column: 'pictogram'
			}),
			...(truthy(row.get('required')) && kind !== 'note' ? { required: true } : {}),
			...(truthy(row.get('allow_prefer_not')) && kind !== 'note' ? { allowPreferNot: true } : {}),
			...(truthy(row.get('allow_dont_know')) && kind !== 'note' ? { allowDontKnow: true } : {}),
			...(condition ? { showIf: condition } : {}),
			...itemPoints(row.get('points'), { ...where, column: 'points' }),
			...(kind !== 'note' && groups.findLast((g) => g.grid)
				? { grid: groups.findLast((g) => g.grid)!.name }
				: {}),
			...ownText('hint', 'hint'),
			...ownText('constraint_message', 'constraintMessage'),
			...itemShow(row.get('show'), { ...where, column: 'show' })
		};
		/** A list named after its one question is that question's own options; any other list is shared. */
		const choicesOf = (list: string) =>
			list === name
				? { options: lists.get(list)! }
				: (usedLists.set(list, lists.get(list)!), { optionList: list });
		const optionList = (): string | null => {
			const options = lists.get(listName);
			if (!listName || !options) {
				errors.push({
					...where,
					column: 'type',
					message: listName
						? `keuzelijst "${listName}" staat niet op het blad choices`
						: 'de naam van de keuzelijst ontbreekt'
				});
				return null;
			}
			return listName;
		};

		let item: Item | null = null;
		switch (kind) {
			case 'note':
				item = { ...base, type: 'note' };
				break;
			case 'select_one':
			case 'select_multiple':
			case 'rank': {
				const list = optionList();
				if (!list) break;
				if (kind === 'select_one' && widget === 'yesno') {
					// Yes or no: answered true or false, with the app's own two buttons (the list only says so).
					const ids = lists.get(list)!.map((o) => o.id);
					if (ids.length !== 2 || !ids.includes('yes') || !ids.includes('no')) {
						errors.push({
							...where,
							column: 'appearance',
							message: `"yesno" vraagt een lijst met precies de keuzes yes en no; "${list}" heeft ${ids.join(', ')}`
						});
						break;
					}
					item = { ...base, type: 'yesno' };
					break;
				}
				if (kind === 'rank') {
					const pick = Number(parameters(row.get('parameters')).pick ?? lists.get(list)!.length);
					if (!Number.isInteger(pick) || pick < 1) {
						errors.push({
							...where,
							column: 'parameters',
							message: 'schrijf pick=3 (een heel getal, 1 of meer)'
						});
						break;
					}
					item = { ...base, type: 'rank', ...choicesOf(list), pick };
					break;
				}
				item =
					kind === 'select_multiple'
						? { ...base, type: 'multiple', ...choicesOf(list) }
						: { ...base, type: widget === 'frequency' ? 'frequency' : 'single', ...choicesOf(list) };
				break;
			}
			case 'integer':
			case 'decimal': {
				// A decimal gets the pad's decimal key: two digits after it, or `parameters` decimals=1…3.
				const places = /(?:^|\s)decimals=(\d+)/.exec(row.get('parameters'))?.[1];
				const decimals = kind === 'decimal' ? Number(places ?? 2) : undefined;
				if (decimals !== undefined && !(decimals >= 1 && decimals <= 3)) {
					errors.push({ ...where, column: 'parameters', message: 'decimals= is 1, 2 of 3' });
					break;
				}
				const range = constraintRange(row.get('constraint'));
				if (row.get('constraint') && !range)
					warnings.push({
						...where,
						column: 'constraint',
						message: 'alleen ". >= a and . <= b" wordt gebruikt; deze voorwaarde niet'
					});
				item = {
					...base,
					type: 'number',
					min: range?.min ?? 0,
					max: range?.max ?? 999_999,
					...(decimals ? { decimals } : {})
				};
				break;
			}
			case 'range': {
				const params = Object.fromEntries(
					row
						.get('parameters')
						.split(/[\s;,]+/)
						.filter(Boolean)
						.map((p) => p.split('=').map((s) => s.trim()) as [string, string])
				);
				const start = Number(params.start ?? 1);
				const end = Number(params.end ?? 10);
				const step = Number(params.step ?? 1);
				const pictured = widget ? WIDGET_RANGE[widget] : undefined;
				if (pictured) {
					if (start !== pictured.start || end !== pictured.end || step !== 1) {
						errors.push({
							...where,
							column: 'parameters',
							message: `"${widget}" is de schaal van ${pictured.start} tot ${pictured.end}: schrijf start=${pictured.start} end=${pictured.end}`
						});
						break;
					}
					if (widget === 'faces5' || widget === 'faces3') {
						// The instrument's own words for the faces: a list on the choices sheet, saddest first.
						const points = widget === 'faces5' ? 5 : 3;
						const own = params.labels ? lists.get(params.labels) : undefined;
						if (params.labels && own?.length !== points) {
							errors.push({
								...where,
								column: 'parameters',
								message: `labels=${params.labels}: een lijst op het blad choices met ${points} teksten, de treurigste eerst`
							});
							break;
						}
						const labels = own ? { labels: own.map((o) => o.text) } : {};
						item =
							widget === 'faces5'
								? {
										...base,
										type: 'faces5',
										scale: appearance.includes('agreement') ? 'agreement' : 'satisfaction',
										...labels
									}
								: { ...base, type: 'faces3', ...labels };
					} else {
						// The texts at 0 and at 10 are the first and last choice of the list in labels=.
						const ends = params.labels ? lists.get(params.labels) : undefined;
						if (!ends || ends.length < 2) {
							errors.push({
								...where,
								column: 'parameters',
								message: `schrijf labels=<lijst>: een lijst op het blad choices met de tekst bij ${start} en bij ${end}`
							});
							break;
						}
						item = { ...base, type: 'scale10', minLabel: ends[0]!.text, maxLabel: ends.at(-1)!.text };
					}
					break;
				}
				if (
					![start, end, step].every(Number.isInteger) ||
					step <= 0 ||
					end <= start ||
					(end - start) / step > 20
				) {
					errors.push({
						...where,
						column: 'parameters',
						message: 'schrijf start=1 end=10 step=1 (hele getallen, hoogstens 20 stappen)'
					});
					break;
				}
				// The scale's points are choices named by their number, so calculations count them as numbers.
				const listId = `${name}_range`;
				const points: Option[] = [];
				for (let v = start; v <= end; v += step) {
					const textKey = `${formId}.choices.${listId}.${v}`;
					setTexts(textKey, { [lang]: String(v) });
					points.push({ id: String(v), text: textKey, pictogram: 'number' });
				}
				// An extra answer beside the scale ("not applicable"): `extra=<list>` names a list on choices.
				if (params.extra) {
					const extra = lists.get(params.extra);
					if (!extra) {
						errors.push({
							...where,
							column: 'parameters',
							message: `keuzelijst "${params.extra}" (extra=) staat niet op het blad choices`
						});
						break;
					}
					points.push(...extra);
				}
				usedLists.set(listId, points);
				item = { ...base, type: 'single', optionList: listId };
				break;
			}
			case 'text': {
				const free = freeOptions(row, where, errors);
				// "Other, namely …" after a multiple choice: the text becomes that question's own "other" card.
				const previous = currentModule().items.at(-1);
				const otherOf = row
					.get('relevant')
					.match(/^\s*selected\(\s*\$\{([^}]+)\}\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/);
				if (previous?.type === 'multiple' && otherOf && otherOf[1] === previous.id && !previous.other) {
					const choice = otherOf[2]!;
					const options = previous.optionList
						? (usedLists.get(previous.optionList) ?? [])
						: (previous.options ?? []);
					const card = options.find((o) => o.id === choice);
					if (card) {
						// The card is labelled by the text question; the choice's own label goes unless another list shows it.
						droppedChoiceTexts.push(card.text);
						previous.options = options.filter((o) => o.id !== choice);
						delete previous.optionList;
						previous.other = {
							text: key,
							pictogram: base.pictogram === 'questions' ? 'other' : base.pictogram,
							// The researcher's own name for it, so that their calculations still see it picked.
							...(choice !== OTHER_CHOICE ? { id: choice } : {})
						};
						// Its text is kept with the multiple choice's answer; it is no question of its own to refer to.
						names.set(name, { row: row.number });
						continue;
					}
				}
				item = { ...base, type: 'free', ...free };
				break;
			}
			case 'date':
				item = { ...base, type: 'date' };
				break;
			default:
				errors.push({ ...where, column: 'type', message: `type "${typeCell}" wordt (nog) niet ondersteund` });
		}
		if (!item) {
			// Known by name, so later rows that use it are not refused too: one mistake, one message.
			names.set(name, { row: row.number });
			continue;
		}
		names.set(name, { row: row.number, item });
		currentModule().items.push(item);
	}
	if (groups.length)
		errors.push({ sheet: 'survey', message: `"begin_group ${groups.at(-1)!.name}" heeft geen "end_group"` });
	for (const module of modules) {
		if (!module.items.length)
			errors.push({ sheet: 'survey', message: `groep "${module.id}" heeft geen vragen` });
	}
	if (!modules.length) errors.push({ sheet: 'survey', message: 'er staan geen vragen in' });

	if (errors.length) return { ok: false, errors, warnings };
	// A list whose only question took its options as its own (to carry an "other, namely …") is used by no one now.
	const referenced = new Set(
		modules.flatMap((m) => m.items.map((i) => ('optionList' in i ? i.optionList : undefined)))
	);
	for (const list of usedLists.keys()) if (!referenced.has(list)) usedLists.delete(list);
	const shown = new Set([
		...[...usedLists.values()].flat().map((o) => o.text),
		...modules.flatMap((m) =>
			m.items.flatMap((i) => [
				...('options' in i ? (i.options ?? []) : []).map((o) => o.text),
				...(i.type === 'multiple' && i.other ? [i.other.text] : [])
			])
		)
	]);
	for (const key of droppedChoiceTexts.filter((k) => !shown.has(k)))
		for (const language of Object.values(texts)) delete language[key];
	const definition: Questionnaire = {
		id: formId,
		version,
		title: titleKey,
		...(usedLists.size ? { optionLists: Object.fromEntries(usedLists) } : {}),
		modules,
		...(computed.length ? { computed } : {}),
		defaultLanguage: lang,
		texts
	};
	return { ok: true, definition, warnings };
}

/** `pick=3 modes=audio,text`: the parameters column as names and values (separated by spaces or `;`). */
function parameters(cell: string): Record<string, string> {
	return Object.fromEntries(
		cell
			.split(/[\s;]+/)
			.filter((p) => p.includes('='))
			.map((p) => {
				const at = p.indexOf('=');
				return [p.slice(0, at).trim().toLowerCase(), p.slice(at + 1).trim()];
			})
	);
}

/** A `text` row's `parameters` `modes=audio,text` and `constraint` `string-length(.) <= 500`. */
function freeOptions(
	row: Row,
	where: { sheet: string; row: number },
	errors: XlsformProblem[]
): { modes?: FreeMode[]; maxLength?: number } {
	const out: { modes?: FreeMode[]; maxLength?: number } = {};
	const modes = parameters(row.get('parameters')).modes;
	if (modes) {
		const list = modes.split(/[,+]/).filter(Boolean);
		const bad = list.filter((m) => !(FREE_MODES as readonly string[]).includes(m));
		if (bad.length || !list.length)
			errors.push({
				...where,
				column: 'parameters',
				message: `modes=${modes}: kies ${FREE_MODES.join(', ')} (gescheiden door komma's)`
			});
		else out.modes = list as FreeMode[];
	}
	const constraint = row.get('constraint');
	if (constraint) {
		const m = /^\s*string-length\(\s*\.\s*\)\s*<=\s*(\d+)\s*$/.exec(constraint);
		if (m && Number(m[1]) >= 1) out.maxLength = Number(m[1]);
		else
			errors.push({
				...where,
				column: 'constraint',
				message: 'bij tekst werkt alleen "string-length(.) <= 500" (het langste antwoord)'
			});
	}
	return out;
}

/**
 * A `calculate` row with a `function` column: one of Opstap's named computations (computed.ts), its arguments as
 * JSON in `parameters`. The conditions of `participatieladder` are written as `relevant` expressions.
 */
function namedFunction(
	row: Row,
	id: string,
	names: ReadonlyMap<string, { item?: Item; row: number }>,
	optionsOfItem: (item: Item) => readonly Option[],
	where: { sheet: string; row: number },
	errors: XlsformProblem[]
): ComputedEntry | null {
	const fn = FUNCTIONS.find((f) => f === row.get('function'));
	if (!fn) {
		errors.push({ ...where, column: 'function', message: `kies ${FUNCTIONS.join(', ')}` });
		return null;
	}
	let args: unknown;
	try {
		args = JSON.parse(row.get('parameters'));
	} catch {
		errors.push({ ...where, column: 'parameters', message: `de argumenten van ${fn} zijn geen JSON` });
		return null;
	}
	if (!args || typeof args !== 'object' || Array.isArray(args)) {
		errors.push({ ...where, column: 'parameters', message: `de argumenten van ${fn} zijn een JSON-object` });
		return null;
	}
	if (fn !== 'participatieladder') return { id, fn, args } as ComputedEntry;
	// Each rung is a condition, written as in the relevant column.
	const rungs: Record<string, Condition> = {};
	for (const [rung, source] of Object.entries(args)) {
		if (typeof source !== 'string') {
			errors.push({ ...where, column: 'parameters', message: `${rung}: schrijf een voorwaarde als tekst` });
			return null;
		}
		const condition = relevantToCondition(source, names, optionsOfItem, where, errors, 'parameters');
		if (!condition) return null;
		rungs[rung] = condition;
	}
	return { id, fn, args: rungs } as ComputedEntry;
}

function optionsOf(item: Item, lists: ReadonlyMap<string, Option[]>): readonly Option[] {
	if (!('optionList' in item) && !('options' in item)) return [];
	const choice = item as { options?: Option[]; optionList?: string };
	return choice.options ?? (choice.optionList ? (lists.get(choice.optionList) ?? []) : []);
}

/** `. >= 0 and . <= 120` → { min: 0, max: 120 }; null for anything else. */
function constraintRange(constraint: string): { min: number; max: number } | null {
	if (!constraint) return null;
	let min: number | undefined;
	let max: number | undefined;
	for (const part of constraint.split(/\s+and\s+/)) {
		const m = /^\s*\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
		if (!m) return null;
		const n = Number(m[2]);
		if (m[1] === '>=') min = n;
		else if (m[1] === '>') min = n + 1;
		else if (m[1] === '<=') max = n;
		else max = n - 1;
	}
	return min === undefined && max === undefined ? null : { min: min ?? 0, max: max ?? 999_999 };
}

/**
 * `relevant` → the engine's structured condition (the engine never evaluates expressions on the phone). The forms
 * researchers write use a few patterns, all covered: `${q} = 'x'`, `!=`, `<`, `<=`, `>`, `>=` with a number,
 * `selected(${q}, 'x')`, `${q} != ''`, `not(…)`, `and`, `or`.
 */
function relevantToCondition(
	source: string,
	names: ReadonlyMap<string, { item?: Item; row: number }>,
	optionsOfItem: (item: Item) => readonly Option[],
	where: { sheet: string; row: number },
	errors: XlsformProblem[],
	column = 'relevant'
): Condition | undefined {
	const report = (message: string) => {
		errors.push({ ...where, column, message });
		return undefined;
	};
	let expr: Expr;
	try {
		expr = parseExpression(source);
	} catch (e) {
		if (!(e instanceof ExpressionError)) throw e;
		return report(`${e.message} (bij teken ${e.position + 1})`);
	}
	for (const ref of referencesOf(expr)) {
		const known = names.get(ref);
		if (!known)
			return report(`\${${ref}} bestaat niet (nog niet): een voorwaarde gebruikt alleen eerdere vragen`);
		if (!known.item)
			return report(`\${${ref}} is geen vraag: een voorwaarde kan alleen naar antwoorden kijken`);
	}
	const item = (e: Expr): Item | null => (e.kind === 'ref' ? (names.get(e.name)?.item ?? null) : null);
	const literal = (e: Expr): string | number | null =>
		e.kind === 'string' || e.kind === 'number'
			? e.value
			: e.kind === 'neg' && e.operand.kind === 'number'
				? -e.operand.value
				: null;

	const convert = (e: Expr): Condition | null => {
		if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
			const left = convert(e.left);
			const right = convert(e.right);
			if (!left || !right) return null;
			const flat = (c: Condition, key: 'all' | 'any') =>
				key in c ? (c as Record<typeof key, Condition[]>)[key] : [c];
			const key = e.op === 'and' ? 'all' : 'any';
			const parts = [...flat(left, key), ...flat(right, key)];
			// `${q} = 'a' or ${q} = 'b'` on one single choice: one of these choices.
			const first = parts[0] as Comparison;
			const oneOf =
				key === 'any' &&
				parts.every(
					(p) =>
						'op' in p &&
						p.op === 'equals' &&
						p.item === first.item &&
						typeof p.value === 'string' &&
						['single', 'frequency'].includes(names.get(p.item)?.item?.type ?? '')
				);
			if (oneOf)
				return { item: first.item, op: 'in', value: parts.map((p) => (p as { value: string }).value) };
			return { [key]: parts } as Condition;
		}
		if (e.kind === 'call' && e.name === 'not') {
			const inner = convert(e.args[0]!);
			return inner ? { not: inner } : null;
		}
		if (e.kind === 'call' && e.name === 'selected') {
			const target = item(e.args[0]!);
			const value = literal(e.args[1]!);
			if (!target || value === null) return null;
			const target_id = target.id;
			if (target.type === 'multiple') return { item: target_id, op: 'includes', value: String(value) };
			if (target.type === 'single') return { item: target_id, op: 'equals', value: String(value) };
			return null;
		}
		if (e.kind === 'binary' && ['=', '!=', '<', '<=', '>', '>='].includes(e.op)) {
			let target = item(e.left);
			let value = literal(e.right);
			let op = e.op;
			if (!target) {
				// 'x' = ${q}: the same, mirrored.
				target = item(e.right);
				value = literal(e.left);
				const mirror: Record<string, typeof op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
				op = mirror[op] ?? op;
			}
			if (!target || value === null) return null;
			if (value === '') {
				if (op === '!=') return { item: target.id, op: 'answered' };
				if (op === '=') return { not: { item: target.id, op: 'answered' } };
				return null;
			}
			if (target.type === 'note' || target.type === 'multiple' || target.type === 'free') return null;
			const isChoice = target.type === 'single';
			if (op === '=' || op === '!=') {
				const compared: Comparison = {
					item: target.id,
					op: op === '=' ? 'equals' : 'notEquals',
					value: isChoice ? String(value) : target.type === 'yesno' ? value === 'yes' : value
				};
				return compared;
			}
			const n = Number(value);
			if (!Number.isInteger(n)) return null;
			const bound = op === '>' ? n + 1 : op === '<' ? n - 1 : n;
			const wantLow = op === '>' || op === '>=';
			if (isChoice) {
				// A choice list of numbers ("0" … "5"): "${q} >= 3" is "one of the choices from 3 on".
				const fitting = optionsOfItem(target)
					.map((o) => o.id)
					.filter((id) => /^-?\d+$/.test(id) && (wantLow ? Number(id) >= bound : Number(id) <= bound));
				return fitting.length ? { item: target.id, op: 'in', value: fitting } : null;
			}
			return { item: target.id, op: wantLow ? 'gte' : 'lte', value: bound };
		}
		return null;
	};
	const converted = convert(expr);
	if (converted) return converted;
	return report(
		`"${source}" kan niet worden omgezet; gebruik \${vraag} = 'keuze', !=, <, <=, >, >= met een getal, selected(\${vraag}, 'keuze'), not(), and, or`
	);
}
