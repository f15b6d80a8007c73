/**
 * The activity form in the coach workspace and the import layout, both ways. The form asks in words what the
 * layout says in codes: a schedule picker instead of an RRULE (once, on separate dates, every n weeks on these
 * days, every month on the n-th weekday; an own rule stays possible for what the picker cannot show), languages by
 * name instead of codes, coordinates optional (the postcode places it). A plain form post: every value is a string,
 * ticked boxes of one name are joined by spaces ("MO TH").
 */
import { parseRule, ScheduleError } from '$lib/activities/recurrence';
import { LANGUAGES } from '$lib/i18n/languages';

export type FormValues = Record<string, string>;

/** Weekdays as the picker shows them, Monday first, with their RRULE codes. */
export const WEEKDAYS = [
	{ code: 'MO', name: 'maandag', short: 'ma' },
	{ code: 'TU', name: 'dinsdag', short: 'di' },
	{ code: 'WE', name: 'woensdag', short: 'wo' },
	{ code: 'TH', name: 'donderdag', short: 'do' },
	{ code: 'FR', name: 'vrijdag', short: 'vr' },
	{ code: 'SA', name: 'zaterdag', short: 'za' },
	{ code: 'SU', name: 'zondag', short: 'zo' }
] as const;
const DAY_CODES: readonly string[] = WEEKDAYS.map((d) => d.code);

export const ORDINALS = [
	{ n: '1', name: 'eerste' },
	{ n: '2', name: 'tweede' },
	{ n: '3', name: 'derde' },
	{ n: '4', name: 'vierde' },
	{ n: '-1', name: 'laatste' }
] as const;

export const REPEATS = ['once', 'dates', 'weekly', 'monthly', 'rule'] as const;
export type Repeat = (typeof REPEATS)[number];

/** The app's own languages, by their Dutch name, for the check boxes. */
export const FORM_LANGUAGES = LANGUAGES.map((l) => ({ code: l.code, name: l.dutch }));

const names = new Intl.DisplayNames('nl', { type: 'language', fallback: 'none' });

/** Dutch language names -> codes: every two-letter code and a few languages without one that people here speak. */
const CODES_BY_NAME = (() => {
	const map = new Map<string, string>();
	const add = (code: string, name: string | undefined) => {
		if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), code);
	};
	for (const l of LANGUAGES) for (const part of l.dutch.split(' / ')) add(l.code, part);
	for (let a = 97; a < 123; a++)
		for (let b = 97; b < 123; b++) {
			const code = String.fromCharCode(a, b);
			add(code, names.of(code));
		}
	for (const code of ['prs', 'ckb', 'kmr', 'pap', 'srn', 'rif', 'tig', 'syr']) add(code, names.of(code));
	add('ber', 'Berbers');
	add('ber', 'Tamazight');
	return map;
})();

/** The Dutch name of a language code ("de" -> "Duits"), or the code when there is none. */
export function languageName(code: string): string {
	if (code === 'ber') return 'Berbers';
	const own = FORM_LANGUAGES.find((l) => l.code === code);
	return own?.name ?? names.of(code) ?? code;
}

/** Where the form's fields go wrong, with the form's own names for them. */
interface Reasons {
	list: string[];
	add(message: string): void;
}
const reasons = (): Reasons => {
	const list: string[] = [];
	return { list, add: (m) => list.push(m) };
};

const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

/** The schedule picker's values for a row's schedule; an RRULE it cannot show makes it "rule" (typed as it is). */
function scheduleToForm(row: Record<string, string>): FormValues {
	const [date = '', time = ''] = (row.start ?? '').split(' ');
	const rdates = (row.rdates ?? '')
		.split(/\s*,\s*/)
		.filter(Boolean)
		.join('\n');
	const values: FormValues = {
		start_date: date,
		start_time: time,
		duration: row.duration ?? '',
		rrule: row.rrule ?? '',
		rdates,
		exdates: words(row.exdates).join('\n'),
		repeat: 'rule',
		days: '',
		interval: '1',
		nth: '1',
		weekday: 'MO',
		until: ''
	};
	const rrule = (row.rrule ?? '').trim();
	if (!rrule) return { ...values, repeat: rdates ? 'dates' : 'once' };
	const parts = new Map(
		rrule
			.toUpperCase()
			.split(';')
			.filter(Boolean)
			.map((p) => p.split('=') as [string, string])
	);
	let rule;
	try {
		rule = parseRule(rrule);
	} catch (e) {
		if (e instanceof ScheduleError) return values;
		throw e;
	}
	const until = parts.get('UNTIL');
	if (rule.count || parts.has('WKST') || (until !== undefined && !/^\d{8}$/.test(until))) return values;
	values.until = until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6)}` : '';
	const dayCode = (day: number) => ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][day]!;
	if (rule.freq === 'WEEKLY') {
		const days = rule.byDay.map((b) => dayCode(b.day));
		// The picker writes the days Monday first; another order would change the rule when saved unchanged.
		const ordered = DAY_CODES.filter((d) => days.includes(d));
		if (ordered.join(',') !== days.join(',')) return values;
		return { ...values, repeat: 'weekly', days: ordered.join(' '), interval: String(rule.interval) };
	}
	const [only] = rule.byDay;
	if (rule.interval === 1 && rule.byDay.length === 1 && ORDINALS.some((o) => o.n === String(only!.n)))
		return { ...values, repeat: 'monthly', nth: String(only!.n), weekday: dayCode(only!.day) };
	return values;
}

/** The RRULE and extra dates the picker's values stand for, in the import layout. */
function scheduleFromForm(values: FormValues, problems: Reasons): Record<string, string> {
	const repeat = (REPEATS as readonly string[]).includes(values.repeat ?? '')
		? (values.repeat as Repeat)
		: 'once';
	const date = (values.start_date ?? '').trim();
	const time = (values.start_time ?? '').trim();
	if (date && !time) problems.add('start: vul ook de tijd in');
	const until = (values.until ?? '').trim();
	if (until && !/^\d{4}-\d{2}-\d{2}$/.test(until))
		problems.add(`herhaling: "${until}" is geen datum (JJJJ-MM-DD)`);
	const untilPart = until ? `UNTIL=${until.replace(/-/g, '')}` : '';
	let rrule = '';
	if (repeat === 'weekly') {
		const days = words(values.days).map((d) => d.toUpperCase());
		for (const d of days) if (!DAY_CODES.includes(d)) problems.add(`herhaling: "${d}" is geen dag`);
		const interval = Number(values.interval || '1');
		if (!Number.isInteger(interval) || interval < 1 || interval > 52)
			problems.add('herhaling: elke 1 tot en met 52 weken');
		const ordered = DAY_CODES.filter((d) => days.includes(d));
		rrule = [
			'FREQ=WEEKLY',
			interval > 1 ? `INTERVAL=${interval}` : '',
			ordered.length ? `BYDAY=${ordered.join(',')}` : '',
			untilPart
		]
			.filter(Boolean)
			.join(';');
	} else if (repeat === 'monthly') {
		const nth = ORDINALS.find((o) => o.n === values.nth);
		const weekday = (values.weekday ?? '').toUpperCase();
		if (!nth) problems.add('herhaling: kies de eerste, tweede, derde, vierde of laatste');
		if (!DAY_CODES.includes(weekday)) problems.add('herhaling: kies een dag van de week');
		rrule = [`FREQ=MONTHLY;BYDAY=${nth?.n ?? '1'}${weekday}`, untilPart].filter(Boolean).join(';');
	} else if (repeat === 'rule') rrule = (values.rrule ?? '').trim();
	// Separate dates: one a line, a date alone takes the time of the first one.
	const rdates = (values.rdates ?? '')
		.split(/\s*[\n,;]\s*/)
		.map((d) => d.trim())
		.filter(Boolean)
		.map((d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) && time ? `${d} ${time}` : d));
	return {
		start: date || time ? `${date} ${time}`.trim() : '',
		duration: (values.duration ?? '').trim(),
		rrule,
		rdates: rdates.join(', '),
		exdates: words((values.exdates ?? '').replace(/,/g, ' ')).join(' ')
	};
}

/** Languages from the ticked boxes and the free field (Dutch names or codes, separated by commas). */
function languagesFromForm(values: FormValues, problems: Reasons): string {
	const codes = new Set(words(values.language).filter((c) => FORM_LANGUAGES.some((l) => l.code === c)));
	for (const entry of (values.languages_other ?? '').split(/\s*[,;]\s*|\s+en\s+/)) {
		const name = entry.trim().toLowerCase();
		if (!name) continue;
		const code = CODES_BY_NAME.get(name) ?? (/^[a-z]{2,3}$/.test(name) && names.of(name) ? name : null);
		if (code) codes.add(code);
		else
			problems.add(
				`talen: "${entry.trim()}" kennen we niet als taal; schrijf de Nederlandse naam (bijvoorbeeld Duits)`
			);
	}
	return [...codes].join(' ');
}

const CHECKBOXES = ['women_only', 'wheelchair', 'childcare', 'closed'] as const;

/** The form's values for an activity in the import layout (for editing). */
export function rowToForm(row: Record<string, string>): FormValues {
	const codes = words(row.languages);
	const own = codes.filter((c) => FORM_LANGUAGES.some((l) => l.code === c));
	const other = codes.filter((c) => !own.includes(c));
	return {
		...row,
		...scheduleToForm(row),
		language: own.join(' '),
		languages_other: other.map(languageName).join(', '),
		...Object.fromEntries(CHECKBOXES.map((k) => [k, row[k] === 'yes' ? 'yes' : '']))
	};
}

/** A posted form as values: one string per name, ticked boxes of one name joined by spaces. */
export function formValues(form: FormData): FormValues {
	// Boxes not ticked send nothing: empty, so that showing the form again does not tick them from the saved values.
	const values: FormValues = Object.fromEntries(['days', 'language', ...CHECKBOXES].map((k) => [k, '']));
	const seen = new Set<string>();
	for (const [k, v] of form) {
		if (typeof v !== 'string') continue;
		values[k] = seen.has(k) ? `${values[k]} ${v}` : v;
		seen.add(k);
	}
	return values;
}

/**
 * The import layout's row for the form's values, and what the form itself finds wrong (the row's own checks come
 * after, in validateRow).
 */
export function formToRow(values: FormValues): { row: Record<string, string>; reasons: string[] } {
	const problems = reasons();
	const row: Record<string, string> = {};
	for (const [k, v] of Object.entries(values)) if (/^(title|description)_[a-z]{2,3}$/.test(k)) row[k] = v;
	for (const k of [
		'id',
		'category',
		'title',
		'description',
		'organiser',
		'contact',
		'address',
		'neighbourhood',
		'postcode',
		'lat',
		'lon',
		'cost',
		'price',
		'effort',
		'group_size',
		'closed_reason'
	])
		row[k] = values[k] ?? '';
	for (const k of CHECKBOXES) row[k] = values[k] ? 'yes' : 'no';
	Object.assign(row, scheduleFromForm(values, problems));
	row.languages = languagesFromForm(values, problems);
	return { row, reasons: problems.list };
}
