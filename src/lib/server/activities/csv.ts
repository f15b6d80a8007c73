/**
 * CSV in and out. Reading goes through csv-parse (the node-csv project; RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes), with ";" or "," as the separator and a byte-order mark allowed, as Dutch spreadsheets
 * write them. Writing is the few lines below, because of the formula guard no CSV library does for us.
 */
import { CsvError, parse } from 'csv-parse/sync';

/** The separator of a file: the one that occurs most in its first line (Dutch spreadsheets write ";"). */
export function detectSeparator(text: string): ',' | ';' {
	const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
	return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** One record of a file with the line it starts on (1 is the first line; a quoted newline makes a record longer). */
export interface CsvRecord {
	line: number;
	cells: string[];
}

const CSV_PROBLEMS: Record<string, string> = {
	CSV_QUOTE_NOT_CLOSED: 'een aanhalingsteken (") wordt niet gesloten',
	CSV_INVALID_CLOSING_QUOTE: 'na een sluitend aanhalingsteken (") staat nog tekst in het veld',
	CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'na een sluitend aanhalingsteken (") staat nog tekst in het veld'
};

/**
 * The records of a CSV text, empty lines (also lines of only separators) left out; or, for a file that is not
 * CSV, the reason in Dutch.
 */
export function readCsv(
	input: string,
	separator = detectSeparator(input)
): { ok: true; records: CsvRecord[] } | { ok: false; error: string } {
	const options = {
		delimiter: separator,
		record_delimiter: ['\r\n', '\n', '\r'],
		bom: true,
		trim: true,
		relax_quotes: true,
		relax_column_count: true,
		skip_empty_lines: true,
		skip_records_with_empty_values: true,
		info: true
	};
	// Where each record begins and ends. csv-parse counts a line break inside quotes written as \r\n twice, in
	// info.lines (the line the record ends on) and from then on; the records' own line breaks set that right.
	const records = (to?: number) => {
		let extra = 0;
		return (
			parse(input, { ...options, ...(to && { to }) }) as unknown as {
				record: string[];
				info: { lines: number };
			}[]
		).map(({ record, info }) => {
			const text = record.join('');
			extra += text.match(/\r\n/g)?.length ?? 0;
			const end = info.lines - extra;
			return { line: end - (text.match(/\r\n|\n|\r/g)?.length ?? 0), end, cells: record };
		});
	};
	try {
		return { ok: true, records: records().map(({ line, cells }) => ({ line, cells })) };
	} catch (e) {
		if (!(e instanceof CsvError)) throw e;
		let line = typeof e.lines === 'number' ? e.lines : null;
		// A quote never closed is found at the end of the file: name the line where its record begins.
		if (e.code === 'CSV_QUOTE_NOT_CLOSED' && typeof e.records === 'number')
			line = (e.records ? (records(e.records).at(-1)?.end ?? 0) : 0) + 1;
		return {
			ok: false,
			error: `Dit bestand is geen leesbare CSV${line ? ` (regel ${line})` : ''}: ${CSV_PROBLEMS[e.code] ?? 'een regel kan niet worden gelezen'}.`
		};
	}
}

/** One CSV field; a leading =, +, - or @ is quoted away so a spreadsheet does not run it as a formula. */
export function csvField(value: string | number | boolean | null | undefined, separator = ';'): string {
	let s = value === null || value === undefined ? '' : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return s.includes('"') || s.includes(separator) || /[\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][], separator = ';'): string {
	return rows.map((r) => r.map((f) => csvField(f, separator)).join(separator)).join('\r\n') + '\r\n';
}
