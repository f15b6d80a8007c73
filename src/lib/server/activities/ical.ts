import { amsterdamOffset } from '$lib/activities/recurrence';

/** Time zones with the same rules as Amsterdam (since 1996), as calendar programs name them. */
const SAME_AS_AMSTERDAM = new Set([
	'europe/amsterdam',
	'europe/brussels',
	'europe/berlin',
	'europe/paris',
	'w. europe standard time',
	'romance standard time'
]);

interface Prop {
	name: string;
	params: Record<string, string>;
	value: string;
}

function unfold(text: string): string[] {
	return text
		.replace(/^\uFEFF/, '')
		.replace(/\r?\n[ \t]/g, '')
		.split(/\r?\n/)
		.filter(Boolean);
}

function parseLine(line: string): Prop | null {
	const m = /^([A-Za-z0-9-]+)((?:;[^:;]+=(?:"[^"]*"|[^:;]*))*):(.*)$/.exec(line);
	if (!m) return null;
	const params: Record<string, string> = {};
	for (const p of m[2]!.split(';').slice(1)) {
		const [k, ...v] = p.split('=');
		params[k!.toUpperCase()] = v.join('=').replace(/^"|"$/g, '');
	}
	return { name: m[1]!.toUpperCase(), params, value: m[3]! };
}

function unescapeText(value: string): string {
	return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A DATE-TIME as civil Amsterdam "YYYY-MM-DD HH:MM", or an error. */
function civilTime(prop: Prop): string | { error: string } {
	const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(prop.value.trim());
	if (!m) return { error: `${prop.name}: bad time "${prop.value}"` };
	if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]} 00:00`;
	const tzid = prop.params.TZID?.toLowerCase();
	if (m[7]) {
		const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
		const local = new Date(utc + amsterdamOffset(utc) * 60_000).toISOString();
		return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
	}
	if (tzid && !SAME_AS_AMSTERDAM.has(tzid))
		return { error: `${prop.name}: time zone ${prop.params.TZID} not supported` };
	return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}`;
}

function minutesBetween(a: string, b: string): number {
	return (Date.parse(b.replace(' ', 'T') + 'Z') - Date.parse(a.replace(' ', 'T') + 'Z')) / 60_000;
}

function durationMinutes(value: string): number | null {
	const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:\d+S)?)?$/.exec(value.trim());
	if (!m) return null;
	return (+(m[1] ?? 0) * 7 + +(m[2] ?? 0)) * 1440 + +(m[3] ?? 0) * 60 + +(m[4] ?? 0);
}

/**
 * The events of an iCalendar feed as import rows (the CSV layout), so they go through the same checks and dry run.
 * Problems only the feed can have (a time zone we cannot place) become a row with `error`.
 */
export function icalRows(
	text: string,
	defaults: { category: string }
): { line: number; row: Record<string, string>; error?: string }[] {
	const rows: { line: number; row: Record<string, string>; error?: string }[] = [];
	let current: Prop[] | null = null;
	let n = 0;
	for (const line of unfold(text)) {
		if (/^BEGIN:VEVENT$/i.test(line)) current = [];
		else if (/^END:VEVENT$/i.test(line) && current) {
			n++;
			rows.push(eventRow(current, n, defaults));
			current = null;
		} else if (current) {
			const prop = parseLine(line);
			if (prop) current.push(prop);
		}
	}
	return rows;
}

function eventRow(props: Prop[], n: number, defaults: { category: string }) {
	const one = (name: string) => props.find((p) => p.name === name);
	const errors: string[] = [];
	const time = (p: Prop | undefined) => {
		if (!p) return '';
		const t = civilTime(p);
		if (typeof t === 'string') return t;
		errors.push(t.error);
		return '';
	};
	const start = time(one('DTSTART'));
	const end = time(one('DTEND'));
	const duration = one('DURATION')
		? durationMinutes(one('DURATION')!.value)
		: end && start
			? minutesBetween(start, end)
			: 60;
	const list = (name: string) =>
		props
			.filter((p) => p.name === name)
			.flatMap((p) => p.value.split(',').map((value) => time({ ...p, value })))
			.filter(Boolean);
	const geo = one('GEO')?.value.split(';') ?? [];
	const category = one('CATEGORIES')?.value.split(',')[0]?.trim().toLowerCase() || defaults.category;
	const row: Record<string, string> = {
		id: one('UID')?.value.trim() ?? '',
		category,
		title: unescapeText(one('SUMMARY')?.value ?? ''),
		description: unescapeText(one('DESCRIPTION')?.value ?? ''),
		address: unescapeText(one('LOCATION')?.value ?? ''),
		contact: (one('ORGANIZER')?.value ?? '').replace(/^mailto:/i, ''),
		organiser: one('ORGANIZER')?.params.CN ?? '',
		start,
		duration: duration === null ? 'bad' : String(duration),
		rrule: one('RRULE')?.value ?? '',
		exdates: list('EXDATE')
			.map((x) => x.slice(0, 10))
			.join(' '),
		rdates: list('RDATE').join(', '),
		lat: geo[0] ?? '',
		lon: geo[1] ?? ''
	};
	return { line: n, row, ...(errors.length && { error: errors.join('; ') }) };
}
