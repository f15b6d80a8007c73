import { parseDay } from './zoned';

/**
 * Dates and times as a participant reads and hears them, in their language, always in Amsterdam time and in the
 * Gregorian calendar (the one on their letters and appointment cards), e.g. "dinsdag 3 december om 10:00".
 */
const TIME_ZONE = 'Europe/Amsterdam';

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

/** "today", "tomorrow", "in 3 days" style wording, through Intl.RelativeTimeFormat (null beyond a week). */
export function relativeDay(instant: Date, now: Date, lang: string): string | null {
	const day = (d: Date) => {
		const p = parseDay(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(d));
		return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
	};
	const diff = day(instant) - day(now);
	if (Math.abs(diff) > 6) return null;
	return new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' }).format(diff, 'day');
}
