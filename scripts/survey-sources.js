// The shipped questionnaires (intake, evaluation, coach) as XLSForm spreadsheets, the format researchers write and
// read instruments in:
//   npm run survey:sources            writes src/lib/survey/definitions/<id>.xlsx from <id>.json and the texts in
//                                     locales/<lang>/survey.json (one label::<Taal> (<code>) column per language)
//   npm run survey:sources -- --check  exit 1 when a spreadsheet does not read back (parse/xlsform.ts, as an upload
//                                     is read) to exactly its JSON definition and the locale texts of every language
//   npm run survey:sources -- --from-xlsx  the other way: an edited spreadsheet → <id>.json (rewritten only when
//                                     its content changed) and its labels into locales/<lang>/survey.json
// The app loads the JSON definition and locales/; the round trip is exact, so either side can be edited and the
// other written from it. tests/unit/survey/sources.test.ts fails when the two drift apart. See
// src/lib/survey/README.md, "The shipped instruments as XLSForm".
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/node';
import readXlsxFile from 'read-excel-file/node';
import './ts-hooks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { toXlsform } = await import('../src/lib/survey/parse/to-xlsform.ts');
const { convertXlsform } = await import('../src/lib/survey/parse/xlsform.ts');
const { LANGUAGES } = await import('../src/lib/i18n/languages.ts');

export const INSTRUMENTS = ['intake', 'evaluation', 'coach'];
const definitionsDir = join(root, 'src/lib/survey/definitions');

/** { "a": { "b": "text" } } → { "a.b": "text" } */
function flatten(value, prefix = '', out = {}) {
	for (const [key, child] of Object.entries(value)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (child && typeof child === 'object') flatten(child, path, out);
		else out[path] = child;
	}
	return out;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const texts = Object.fromEntries(
	LANGUAGES.map((l) => [l.code, flatten(readJson(join(root, 'locales', l.code, 'survey.json')))])
);
// The app's own words for its yes and no buttons: the labels of the yes_no list behind yes/no questions.
const yesNo = Object.fromEntries(
	LANGUAGES.map((l) => {
		const words = flatten(readJson(join(root, 'locales', l.code, 'participant.json')));
		return [l.code, { yes: words['answer.yes'], no: words['answer.no'] }];
	})
);

async function write(id) {
	const definition = readJson(join(definitionsDir, `${id}.json`));
	const book = toXlsform(definition, { texts, yesNo });
	const sheet = (rows) => rows.map((row) => row.map((value) => (value === null ? null : { value })));
	const file = join(definitionsDir, `${id}.xlsx`);
	const xlsx = await writeExcelFile([
		{ data: sheet(book.survey), sheet: 'survey', stickyRowsCount: 1 },
		{ data: sheet(book.choices), sheet: 'choices', stickyRowsCount: 1 },
		{ data: sheet(book.settings), sheet: 'settings' }
	]).toBuffer();
	// The same zip for the same content (write-excel-file stamps each entry with the time): no noise in git.
	const entries = unzipSync(new Uint8Array(xlsx));
	writeFileSync(file, zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
	console.log(`wrote ${relative(process.cwd(), file)}`);
}

async function readBack(id) {
	const read = await readXlsxFile(readFileSync(join(definitionsDir, `${id}.xlsx`)));
	return convertXlsform(read.map((s) => ({ name: s.sheet, rows: s.data })));
}

/** Problems of one spreadsheet against its JSON definition and the locale texts; none when they agree. */
async function check(id) {
	const problems = [];
	const expected = readJson(join(definitionsDir, `${id}.json`));
	const result = await readBack(id);
	if (!result.ok) return result.errors.map((e) => `${id}.xlsx: ${JSON.stringify(e)}`);
	// The JSON format fixes these: `$schema` is for editors; the texts are in locales/, checked key by key below.
	const { texts: own, defaultLanguage: _default, ...definition } = result.definition;
	const { $schema: _schema, ...shipped } = expected;
	if (JSON.stringify(sorted(definition)) !== JSON.stringify(sorted(shipped)))
		problems.push(`${id}.xlsx does not read back to ${id}.json`);
	const { textKeysOf } = await import('../src/lib/survey/validate.ts');
	for (const { key } of textKeysOf(expected)) {
		for (const { code } of LANGUAGES) {
			if ((own?.[code]?.[key] ?? undefined) !== texts[code][key])
				problems.push(`${id}.xlsx: ${code} ${key} differs from locales/${code}/survey.json`);
		}
	}
	return problems;
}

/** Objects with their keys in order, so that two equal definitions stringify alike. */
function sorted(value) {
	if (Array.isArray(value)) return value.map(sorted);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, sorted(value[k])])
		);
	return value;
}

/**
 * JSON laid out as the hand-written files are, then formatted by Prettier (so that `prettier --check` agrees):
 * with `compactLeaves`, an object of plain values (an option, a condition) on one line, everything else one key a
 * line, as the definitions are; without, one key a line, as the locale files are.
 */
async function formatted(file, value, compactLeaves) {
	const plain = (v) =>
		v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object'));
	const layout = (v, indent) => {
		if (plain(v) || (compactLeaves && !Array.isArray(v) && Object.values(v).every(plain)))
			return JSON.stringify(v);
		const inner = `${indent}\t`;
		const parts = Array.isArray(v)
			? v.map((x) => inner + layout(x, inner))
			: Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${layout(x, inner)}`);
		const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
		return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
	};
	const prettier = await import('prettier');
	const config = (await prettier.resolveConfig(file)) ?? {};
	return prettier.format(layout(value, ''), { ...config, filepath: file });
}

/** `value` with its object keys in the order `like` has them (new keys after), so a rewrite changes only what changed. */
function orderLike(value, like) {
	if (Array.isArray(value))
		return value.map((v, i) => orderLike(v, Array.isArray(like) ? like[i] : undefined));
	if (!value || typeof value !== 'object') return value;
	const old = like && typeof like === 'object' && !Array.isArray(like) ? Object.keys(like) : [];
	const keys = [...old.filter((k) => k in value), ...Object.keys(value).filter((k) => !old.includes(k))];
	return Object.fromEntries(keys.map((k) => [k, orderLike(value[k], like?.[k])]));
}

/** The spreadsheets as the source: each written back into its JSON definition and the locale texts. */
async function fromXlsx() {
	const { textKeysOf } = await import('../src/lib/survey/validate.ts');
	const locales = Object.fromEntries(
		LANGUAGES.map((l) => [l.code, readJson(join(root, 'locales', l.code, 'survey.json'))])
	);
	const changedLocales = new Set();
	for (const id of INSTRUMENTS) {
		const result = await readBack(id);
		if (!result.ok) {
			for (const e of result.errors) console.error(`${id}.xlsx: ${JSON.stringify(e)}`);
			process.exit(1);
		}
		const { texts: own = {}, defaultLanguage: _default, ...definition } = result.definition;
		const file = join(definitionsDir, `${id}.json`);
		const { $schema, ...current } = readJson(file);
		if (JSON.stringify(sorted(current)) !== JSON.stringify(sorted(definition))) {
			writeFileSync(
				file,
				await formatted(file, orderLike({ $schema, ...definition }, { $schema, ...current }), true)
			);
			console.log(`wrote ${relative(process.cwd(), file)}`);
		}
		// Every label in its language, at its key (`a.b.c` → { a: { b: { c } } }); a text left empty stays as it was.
		for (const { key } of textKeysOf(definition)) {
			for (const { code } of LANGUAGES) {
				const text = own[code]?.[key];
				if (text === undefined || texts[code][key] === text) continue;
				const path = key.split('.');
				let node = locales[code];
				for (const part of path.slice(0, -1)) node = node[part] ??= {};
				node[path.at(-1)] = text;
				texts[code][key] = text;
				changedLocales.add(code);
			}
		}
	}
	for (const code of changedLocales) {
		const file = join(root, 'locales', code, 'survey.json');
		writeFileSync(file, await formatted(file, locales[code], false));
		console.log(`wrote ${relative(process.cwd(), file)}`);
	}
}

const args = process.argv.slice(2);
if (args.length > 1 || args.some((a) => a !== '--check' && a !== '--from-xlsx')) {
	console.error('usage: node scripts/survey-sources.js [--check | --from-xlsx]');
	process.exit(2);
}
if (args.includes('--from-xlsx')) {
	await fromXlsx();
} else if (args.includes('--check')) {
	const problems = (await Promise.all(INSTRUMENTS.map(check))).flat();
	for (const p of problems) console.error(p);
	if (problems.length) {
		console.error('run npm run survey:sources to write the spreadsheets again');
		process.exit(1);
	}
	console.log(`${INSTRUMENTS.map((id) => `${id}.xlsx`).join(', ')}: the same as their JSON and locales`);
} else {
	for (const id of INSTRUMENTS) await write(id);
}
