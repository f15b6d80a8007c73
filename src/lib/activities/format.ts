import { TIME_ZONE } from '$lib/time/amsterdam';
import { LANGUAGES } from '$lib/i18n/languages';
import { amsterdamDate } from './recurrence';

/**
 * Dates, prices and distances in the participant's language, always in Amsterdam time: through Intl, and where the
 * browser has no date names for the language (phones often lack Somali and Tigrinya), from the texts.
 */

const TZ = TIME_ZONE;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const supported = new Map<string, boolean>();

function hasDateNames(lang: string): boolean {
	let known = supported.get(lang);
	if (known === undefined) {
		known = Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0;
		supported.set(lang, known);
	}
	return known;
}

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * One Intl formatter per language and kind: making one costs a cheap phone milliseconds, and the list asks for a
 * date, a distance and a price on every card (issue 17).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
	let f = formatters.get(key) as F | undefined;
	if (!f) {
		f = make();
		formatters.set(key, f);
	}
	return f;
}

/** "dinsdag 24 november, 10:00 – 11:30" in the participant's language (names from activities:dates.* if need be). */
export function formatWhen(start: Date, end: Date, lang: string, t?: T): string {
	const intl = hasDateNames(lang) || !t;
	let day: string;
	if (intl) {
		day = formatter(
			`day|${lang}`,
			() => new Intl.DateTimeFormat(lang, { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long' })
		).format(start);
	} else {
		const [y, m, d] = amsterdamDate(start).split('-').map(Number) as [number, number, number];
		day = t('activities:dates.pattern', {
			weekday: t(`activities:dates.${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`),
			day: d,
			month: t(`activities:dates.${MONTHS[m - 1]}`)
		});
	}
	const timeLang = intl ? lang : 'nl';
	const time = formatter(
		`time|${timeLang}`,
		() => new Intl.DateTimeFormat(timeLang, { timeZone: TZ, hour: '2-digit', minute: '2-digit' })
	);
	return `${day}, ${time.format(start)} – ${time.format(end)}`;
}

export function formatPrice(cents: number, lang: string): string {
	return formatter(
		`price|${lang}`,
		() => new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' })
	).format(cents / 100);
}

export function formatKm(km: number, lang: string): string {
	const metres = km < 1;
	return formatter(
		`${metres ? 'm' : 'km'}|${lang}`,
		() =>
			new Intl.NumberFormat(lang, {
				style: 'unit',
				unit: metres ? 'meter' : 'kilometer',
				maximumFractionDigits: metres ? 0 : 1
			})
	).format(metres ? Math.max(50, Math.round((km * 1000) / 50) * 50) : km);
}

/**
 * The name of a language spoken at an activity: one of Opstap's languages by its own name ("Soomaali", "العربية"),
 * which a participant recognises whatever they read; others in the participant's language where the browser can.
 */
export function languageName(code: string, lang: string): string {
	const own = LANGUAGES.find((l) => l.code === code);
	if (own) return own.name;
	try {
		return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
