import { amsterdamDate, TIME_ZONE } from './amsterdam';
import { wallClock } from './zoned';

/**
 * Dates and times as a participant reads and hears them (formatted on the server: see dateTexts), in their language, always in Amsterdam time and in the
 * Gregorian calendar (the one on their letters and appointment cards), e.g. "dinsdag 3 december om 10:00".
 */

/** English as used in the Netherlands is British ("Tuesday 3 December"); the rest as the language itself. */
export function intlLocale(lang: string): string {
	return `${lang === 'en' ? 'en-GB' : lang}-u-ca-gregory`;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(
	lang: string,
	style: 'dayTime' | 'day' | 'time' | 'weekday' | 'shortDay'
): Intl.DateTimeFormat {
	const key = `${lang}|${style}`;
	let f = cache.get(key);
	if (!f) {
		const options: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE };
		if (style === 'dayTime' || style === 'day')
			Object.assign(options, { weekday: 'long', day: 'numeric', month: 'long' });
		if (style === 'dayTime' || style === 'time')
			Object.assign(options, { hour: 'numeric', minute: '2-digit' });
		if (style === 'weekday') options.weekday = 'long';
		if (style === 'shortDay') Object.assign(options, { weekday: 'short', day: 'numeric', month: 'short' });
		f = new Intl.DateTimeFormat(intlLocale(lang), options);
		cache.set(key, f);
	}
	return f;
}

/** "dinsdag 3 december om 10:00" */
export const formatDayTime = (instant: Date, lang: string) => formatter(lang, 'dayTime').format(instant);
/** "dinsdag 3 december" */
export const formatDay = (instant: Date, lang: string) => formatter(lang, 'day').format(instant);
/** "10:00" */
export const formatTime = (instant: Date, lang: string) => formatter(lang, 'time').format(instant);
/** "di 3 dec" */
export const formatShortDay = (instant: Date, lang: string) => formatter(lang, 'shortDay').format(instant);

/**
 * "yesterday", "today" or "tomorrow" for an instant (Amsterdam calendar days), else null. The words themselves come
 * from the translations: phones' browsers often lack Intl data for Tigrinya and Somali. The day is counted with
 * Amsterdam's summer-time rule, not Intl: every appointment card on home asks while the page starts, and a phone's
 * first Intl date formatter with a time zone costs it about 160 ms at CPU 4x (issue 17).
 */
export function relativeDayKey(instant: Date, now: Date): 'yesterday' | 'today' | 'tomorrow' | null {
	const day = (d: Date) => Date.parse(amsterdamDate(d)) / 86_400_000;
	const diff = day(instant) - day(now);
	return diff === -1 ? 'yesterday' : diff === 0 ? 'today' : diff === 1 ? 'tomorrow' : null;
}

/**
 * The date texts of an instant in a language, made on the server (Node has every language's calendar data; the
 * phone's browser may not) and sent with the page, so that the phone shows them even offline.
 */
export function dateTexts(instant: Date, lang: string) {
	return {
		dayTime: formatDayTime(instant, lang),
		day: formatDay(instant, lang),
		time: formatTime(instant, lang),
		words: dateWords(instant, lang)
	};
}

/** Languages that say the word for "o'clock" before the hour ("saat 10", "الساعة 10"); the rest after ("10 uur"). */
const OCLOCK_FIRST = new Set(['tr', 'ar', 'fa', 'ti', 'so', 'pl', 'uk']);

type DatePart = 'weekday' | 'day' | 'month';
const DATE_PARTS: readonly DatePart[] = ['weekday', 'day', 'month'];

/**
 * The recorded words that together say a date and time, as clip keys of the "words" texts. Phones have no voice for
 * Tigrinya or Somali: once a translator has recorded about 80 words (weekdays, months, the numbers 0–59, "o'clock"),
 * "donderdag 26 november, 10:00" is spoken from them. Weekday, day and month come in the order the language shows
 * the date in; a minute of 0 is not said ("10 uur").
 */
export function dateWords(instant: Date, lang: string) {
	const w = wallClock(instant, TIME_ZONE);
	const key: Record<DatePart, string> = {
		weekday: `words:weekday.${new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()}`,
		day: `words:number.${w.day}`,
		month: `words:month.${w.month}`
	};
	const shown = formatter(lang, 'day')
		.formatToParts(instant)
		.map((p) => p.type)
		.filter((t): t is DatePart => (DATE_PARTS as readonly string[]).includes(t));
	// A browser or Node without this language's calendar data: the most common order.
	const order = shown.length === DATE_PARTS.length ? shown : DATE_PARTS;
	const day = order.map((t) => key[t]);
	const hour = `words:number.${w.hour}`;
	const time = [
		...(OCLOCK_FIRST.has(lang) ? ['words:oclock', hour] : [hour, 'words:oclock']),
		...(w.minute ? [`words:number.${w.minute}`] : [])
	];
	return { day, time, dayTime: [...day, ...time] };
}
export type DateTexts = ReturnType<typeof dateTexts>;
