// Checks a questionnaire — an XLSForm spreadsheet (.xlsx) or the engine's JSON definition — against the survey
// engine's rules and prints every error with where it is (sheet, row and column; or the JSON path):
//   npm run survey:check -- <file.xlsx|file.json> [--answers answers.json] [--keys <locale.json>] [--pictograms <dir>]
// When valid: exit code 0, a summary line, then the modules, the computed results and the translation coverage per
// language. With --answers (item name → a choice name, a number, a text, or an array of choice names) the last line
// is one JSON object of the computed results by name. Exit code 1 with the errors when not valid, 2 for wrong usage.
//   npm run survey:check -- --json-schema
// writes src/lib/survey/schema/questionnaire.schema.json from the zod schema (the file is committed, for editors).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// Resolves the engine's extension-less TypeScript imports and $lib, as Vite does (see the file).
import './ts-hooks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = join(root, 'src/lib/survey/schema/questionnaire.schema.json');

const survey = await import('../src/lib/survey/index.ts');
// The zod side of the engine (the schemas, validateDefinition): kept apart so that the phone's bundle has no zod.
const schema = await import('../src/lib/survey/schema/index.ts');
const xlsform = await import('../src/lib/survey/parse/xlsform.ts');

function usage(message) {
	if (message) console.error(message);
	console.error(
		'usage: node scripts/survey-check.js <questionnaire.xlsx|questionnaire.json> [--answers <answers.json>]\n' +
			'                                    [--keys <locale.json>] [--pictograms <folder>]\n' +
			'       node scripts/survey-check.js --json-schema'
	);
	process.exit(2);
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * i18n keys of a locale file, with plural suffixes removed (`count_one` and `count_other` are both `count`). A key
 * is a plural form only beside another form of the same word: `hobbies_other` alone ("other, namely") stays itself.
 */
function localeKeys(file) {
	const leaves = [];
	const walk = (value, prefix) => {
		if (value && typeof value === 'object') {
			for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
		} else leaves.push(prefix);
	};
	walk(JSON.parse(readFileSync(file, 'utf8')), '');
	const all = new Set(leaves);
	const keys = new Set();
	for (const key of leaves) {
		const base = key.replace(PLURAL, '');
		const plural =
			base !== key &&
			['zero', 'one', 'two', 'few', 'many', 'other'].some(
				(f) => `${base}_${f}` !== key && all.has(`${base}_${f}`)
			);
		keys.add(plural ? base : key);
	}
	return keys;
}

function pictogramNames(folder) {
	return new Set(
		readdirSync(folder)
			.filter((f) => f.endsWith('.svg'))
			.map((f) => f.slice(0, -'.svg'.length))
	);
}

async function writeJsonSchema() {
	// Formatted by Prettier, so that `prettier --check` agrees with the generated file.
	const prettier = await import('prettier');
	const config = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
	const text = await prettier.format(JSON.stringify(schema.questionnaireJsonSchema()), {
		...config,
		filepath: SCHEMA_FILE
	});
	writeFileSync(SCHEMA_FILE, text);
	console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)}`);
}

function parseArguments(args) {
	const options = {
		file: undefined,
		keys: undefined,
		pictograms: undefined,
		answers: undefined,
		jsonSchema: false
	};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--json-schema') options.jsonSchema = true;
		else if (arg === '--keys' || arg === '--pictograms' || arg === '--answers') {
			const value = args[++i];
			if (value === undefined) usage(`${arg} needs a path`);
			options[arg.slice(2)] = value;
		} else if (arg === '--help' || arg === '-h') usage();
		else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
		else if (options.file === undefined) options.file = arg;
		else usage(`one file at a time (got ${options.file} and ${arg})`);
	}
	return options;
}

const options = parseArguments(process.argv.slice(2));
if (options.jsonSchema) {
	await writeJsonSchema();
	if (options.file === undefined) process.exit(0);
}
if (options.file === undefined) usage('no questionnaire file given');

/** The definition in the file: an XLSForm spreadsheet converted as the upload converts it, or JSON as it is. */
async function readDefinition(file) {
	const bytes = readFileSync(file);
	if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { input: JSON.parse(bytes.toString('utf8')) };
	const { default: readXlsxFile } = await import('read-excel-file/node');
	const sheets = (await readXlsxFile(bytes)).map((s) => ({ name: s.sheet, rows: s.data }));
	const pictograms = pictogramNames(options.pictograms ?? join(root, 'static/pictograms'));
	const converted = xlsform.convertXlsform(sheets, { pictograms });
	for (const warning of converted.warnings) console.log(`  warning: ${xlsform.formatProblem(warning)}`);
	if (!converted.ok) return { problems: converted.errors.map(xlsform.formatProblem) };
	return { input: converted.definition };
}

let read;
try {
	read = await readDefinition(options.file);
} catch (error) {
	console.error(`${options.file}: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
if (read.problems) {
	for (const problem of read.problems) console.error(problem);
	const count = read.problems.length;
	console.error(`✗ ${basename(options.file)}: ${count} ${count === 1 ? 'error' : 'errors'}`);
	process.exit(1);
}

const result = schema.validateDefinition(read.input, {
	textKeys: options.keys === undefined ? undefined : localeKeys(options.keys),
	pictograms: options.pictograms === undefined ? undefined : pictogramNames(options.pictograms)
});

if (!result.ok) {
	for (const error of result.errors) console.error(survey.formatError(error));
	const count = result.errors.length;
	console.error(`✗ ${basename(options.file)}: ${count} ${count === 1 ? 'error' : 'errors'}`);
	process.exit(1);
}

const { definition } = result;
const items = definition.modules.reduce((sum, module) => sum + module.items.length, 0);
const computed = definition.computed ?? [];
console.log(
	`✓ ${basename(options.file)}: questionnaire "${definition.id}" ${definition.version} is valid ` +
		`(${definition.modules.length} modules, ${items} items, ${computed.length} computed results)`
);
for (const module of definition.modules) {
	const kinds = [...new Set(module.items.map((item) => item.type))].join(', ');
	console.log(`  module ${module.id}: ${module.items.length} items (${kinds})`);
}
for (const entry of computed)
	console.log(`  computed ${entry.id}: ${entry.fn === 'calculate' ? entry.args.expression : entry.fn}`);
const coverage = survey.textCoverage(definition);
const languages = Object.entries(coverage);
if (!languages.length) console.log('  texts: keys into locales/ (the definition carries none of its own)');
for (const [lang, { have, of }] of languages) {
	const missing = of - have;
	console.log(
		`  texts ${lang}: ${have} of ${of}${lang === definition.defaultLanguage ? ' (default)' : ''}` +
			(missing ? ` — ${missing} missing: shown in the default language` : '')
	);
}

if (options.answers !== undefined) {
	let given;
	try {
		given = JSON.parse(readFileSync(options.answers, 'utf8'));
		if (!given || typeof given !== 'object' || Array.isArray(given)) throw new Error('not a JSON object');
	} catch (error) {
		console.error(`${options.answers}: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
	const answers = {};
	const problems = [];
	for (const [name, value] of Object.entries(given)) {
		const item = definition.modules.flatMap((m) => m.items).find((i) => i.id === name);
		if (!item) {
			problems.push(`${name}: no such item`);
			continue;
		}
		const checked = survey.checkAnswer(item, survey.optionsOf(definition, item), asAnswer(item, value));
		if (checked.ok) answers[name] = checked.answer;
		else problems.push(`${name}: ${checked.error.message}`);
	}
	if (problems.length) {
		for (const problem of problems) console.error(`${options.answers}: ${problem}`);
		process.exit(1);
	}
	const results = survey.computeResults(definition, answers);
	console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.value]))));
}

/** A plain value as the engine's answer to the item: a choice name, a number, a text, or a list of choice names. */
function asAnswer(item, value) {
	switch (item.type) {
		case 'single':
		case 'frequency':
			return { type: item.type, option: String(value) };
		case 'multiple':
		case 'rank':
			return { type: item.type, options: (Array.isArray(value) ? value : [value]).map(String) };
		case 'yesno':
			return { type: 'yesno', value: value === true || value === 'yes' || value === 'ja' };
		case 'date':
			return { type: 'date', value: String(value) };
		case 'free':
			return { type: 'free', response: { mode: 'text', text: String(value) } };
		default:
			return { type: item.type, value: typeof value === 'number' ? value : Number(value) };
	}
}
