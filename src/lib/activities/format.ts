/** Dates, prices and distances in the participant's language, always in Amsterdam time (Intl, no texts of our own). */

const TZ = 'Europe/Amsterdam';

/** "dinsdag 24 november, 10:00 – 11:30" in the participant's language. */
export function formatWhen(start: Date, end: Date, lang: string): string {
	const day = new Intl.DateTimeFormat(lang, {
		timeZone: TZ,
		weekday: 'long',
		day: 'numeric',
		month: 'long'
	}).format(start);
	const time = new Intl.DateTimeFormat(lang, { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
	return `${day}, ${time.format(start)} – ${time.format(end)}`;
}

export function formatPrice(cents: number, lang: string): string {
	return new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatKm(km: number, lang: string): string {
	return new Intl.NumberFormat(lang, {
		style: 'unit',
		unit: km < 1 ? 'meter' : 'kilometer',
		maximumFractionDigits: km < 1 ? 0 : 1
	}).format(km < 1 ? Math.max(50, Math.round((km * 1000) / 50) * 50) : km);
}

/** A language's own name in the participant's language, e.g. "Arabisch" for a Dutch reader. */
export function languageName(code: string, lang: string): string {
	try {
		return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
