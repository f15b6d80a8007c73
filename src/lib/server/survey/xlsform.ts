/**
 * Reading an uploaded XLSForm spreadsheet (.xlsx) into sheets of cells, for the pure converter in
 * $lib/survey/parse/xlsform. read-excel-file reads .xlsx in plain JavaScript (MIT), without evaluating formulas.
 */
import readXlsxFile from 'read-excel-file/node';
import { convertXlsform, type Sheet, type XlsformResult } from '$lib/survey/parse/xlsform';
import { PICTOGRAM_NAMES } from '$lib/pictograms';

/** An .xlsx file is a zip archive: it starts with "PK". */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
	return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

export async function readXlsform(
	bytes: Uint8Array
): Promise<XlsformResult | { ok: false; unreadable: string }> {
	let sheets: Sheet[];
	try {
		const read = await readXlsxFile(Buffer.from(bytes));
		sheets = read.map((s) => ({ name: s.sheet, rows: s.data as Sheet['rows'] }));
	} catch (e) {
		return {
			ok: false,
			unreadable: `Dit bestand kan niet als .xlsx worden gelezen (${(e as Error).message}).`
		};
	}
	return convertXlsform(sheets, { pictograms: new Set<string>(PICTOGRAM_NAMES) });
}
