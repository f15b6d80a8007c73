// Checks a questionnaire definition against the survey engine's rules and prints every error with its JSON path:
//   npm run survey:check -- path/to/questionnaire.json [--keys locales/nl/participant.json] [--pictograms static/pictograms]
// Exit code 0 and a one-line summary when valid, 1 with the errors when not, 2 for wrong usage.
//   npm run survey:check -- --json-schema
// writes src/lib/survey/schema/questionnaire.schema.json from the zod schema (the file is committed, for editors).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = join(root, 'src/lib/survey/schema/questionnaire.schema.json');

// The engine is TypeScript written for Vite: its relative imports have no extension, and the project's tsconfig
// does not allow `.ts` in import paths. Node 24 strips the types itself; this hook only adds the `.ts` that Vite
// would have found, so the CLI runs the very same engine code without a build step.
registerHooks({
	resolve(specifier, context, nextResolve) {
		const fromTypeScript = context.parentURL?.endsWith('.ts') ?? false;
		if (fromTypeScript && specifier.startsWith('.') && !/\.[a-z]+$/i.test(specifier)) {
			return nextResolve(`${specifier}.ts`, context);
		}
		return nextResolve(specifier, context);
	}
});
const survey = await import('../src/lib/survey/index.ts');

function usage(message) {
	if (message) console.error(message);
	console.error(
		'usage: node scripts/survey-check.js <questionnaire.json> [--keys <locale.json>] [--pictograms <folder>]\n' +
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
	const text = await prettier.format(JSON.stringify(survey.questionnaireJsonSchema()), {
		...config,
		filepath: SCHEMA_FILE
	});
	writeFileSync(SCHEMA_FILE, text);
	console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)}`);
}

function parseArguments(args) {
	const options = { file: undefined, keys: undefined, pictograms: undefined, jsonSchema: false };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--json-schema') options.jsonSchema = true;
		else if (arg === '--keys' || arg === '--pictograms') {
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

let input;
try {
	input = JSON.parse(readFileSync(options.file, 'utf8'));
} catch (error) {
	console.error(`${options.file}: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}

const result = survey.validateDefinition(input, {
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
const computed = definition.computed?.length ?? 0;
console.log(
	`✓ ${basename(options.file)}: questionnaire "${definition.id}" ${definition.version} is valid ` +
		`(${definition.modules.length} modules, ${items} items, ${computed} computed results)`
);
