/** Reads and writes CSV (RFC 4180): quoted fields, doubled quotes, newlines inside quotes; ";" or "," separated. */

/** The separator of a file: the one that occurs most in its first line (Dutch spreadsheets write ";"). */
export function detectSeparator(text: string): ',' | ';' {
	const first = text.split(/\r?\n/, 1)[0] ?? '';
	return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function parseCsv(input: string, separator = detectSeparator(input)): string[][] {
	const text = input.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === separator) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ''));
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
