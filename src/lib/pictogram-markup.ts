/** Decimals kept in a pictogram's coordinates (a 32 × 32 grid): a tenth is under half a pixel at 128 px. */
const PICTOGRAM_DECIMALS = 1;

/**
 * A pictogram file's drawing, to put inside an `<svg viewBox="0 0 32 32">` of the page: the file's own `<svg>` taken
 * off, and its numbers shortened (a page carries its pictograms in its HTML: issue 17's one round trip). Whatever
 * parted two numbers still parts them: a sign stays ("0-.04" → "0-.0"), a number keeps its point ("2.0", not "2") so
 * that one written right after it (".5") stays its own, and one that relied on the point before it and now starts
 * with a digit (".283.965" → ".3" and "1.0") gets a space.
 */
export function inlinePictogram(file: string): string {
	return file
		.trim()
		.replace(/^<svg[^>]*>/, '')
		.replace(/<\/svg>$/, '')
		.replace(/-?\d*\.\d+/g, (n, at: number, whole: string) => {
			const short = Number(n)
				.toFixed(PICTOGRAM_DECIMALS)
				.replace(/^(-?)0\./, '$1.');
			return /[\d.]/.test(whole[at - 1] ?? '') && /^\d/.test(short) ? ` ${short}` : short;
		});
}
