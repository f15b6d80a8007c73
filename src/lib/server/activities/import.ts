import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { activities } from '../db/schema';
import { CATEGORIES, COSTS, EFFORTS, type Category } from '$lib/activities/categories';
import { scheduleProblem } from '$lib/activities/recurrence';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { parseCsv, toCsv } from './csv';
import { listActivities, type ActivityRow } from './catalogue';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';

/**
 * The CSV layout for importing activities (first line: these names; order free; ";" or "," separated; UTF-8).
 * Only id, category, title and start are required. Documented for managers on /coach/activities/import.
 */
export const CSV_COLUMNS = [
	['id', 'Your own key for the activity; a row with a known id changes that activity.'],
	['category', `One of: ${CATEGORIES.join(', ')}.`],
	['title', 'Short title in plain Dutch.'],
	['description', 'A few plain Dutch sentences. No HTML.'],
	['organiser', 'Who organises it.'],
	['contact', 'Phone number or e-mail address.'],
	['address', 'Street and number, place.'],
	['neighbourhood', 'Name of the neighbourhood.'],
	['postcode', 'Postcode, e.g. 6511 AB.'],
	['lat', 'Latitude, decimal point, e.g. 51.8426.'],
	['lon', 'Longitude, e.g. 5.8590.'],
	['start', 'First (or only) start in Amsterdam time: YYYY-MM-DD HH:MM.'],
	['duration', 'Minutes, e.g. 90.'],
	['rrule', 'Repeat rule, e.g. FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=-1SA. Empty: once.'],
	['exdates', 'Dates it does not take place, separated by spaces: YYYY-MM-DD.'],
	['rdates', 'Extra dates and times, separated by spaces: YYYY-MM-DD HH:MM.'],
	['cost', 'free, price or scheme (paid by the local scheme).'],
	['price', 'Price in euros, e.g. 2,50.'],
	['effort', 'calm, some or busy.'],
	['group_size', 'About how many people.'],
	['women_only', 'yes or no (ja/nee).'],
	['wheelchair', 'yes or no.'],
	['childcare', 'yes or no.'],
	['languages', 'Language codes spoken there, separated by spaces: nl en ar …'],
	['closed', 'yes when it is not taking place for now.'],
	['closed_reason', 'Why it is closed.'],
	['title_<lang>', 'Title translated, e.g. title_ar, title_so.'],
	['description_<lang>', 'Description translated, e.g. description_tr.']
] as const;

export type ActivityInput = Omit<
	ActivityRow,
	'id' | 'organisationId' | 'photo' | 'photoMime' | 'photoSha256' | 'createdAt' | 'updatedAt'
>;

const CATEGORY_ALIASES: Record<string, Category> = {
	taalcafé: 'taalcafe',
	taalhuis: 'taalles',
	'taal les': 'taalles',
	zwembad: 'zwemmen',
	wandelgroep: 'wandelen',
	koffie: 'ontmoeten',
	ontmoetingsplek: 'ontmoeten',
	tuin: 'moestuin',
	computercursus: 'computer',
	fietsen: 'fietsles',
	bieb: 'bibliotheek',
	maatjesproject: 'maatje',
	vrijwilliger: 'vrijwilligerswerk'
};
const YES = new Set(['yes', 'ja', 'j', 'y', '1', 'true', 'waar']);
const NO = new Set(['no', 'nee', 'n', '0', 'false', 'onwaar', '']);
const EFFORT_ALIASES: Record<string, string> = {
	rustig: 'calm',
	beetje: 'some',
	'wat inspanning': 'some',
	druk: 'busy'
};
const COST_ALIASES: Record<string, string> = {
	gratis: 'free',
	prijs: 'price',
	regeling: 'scheme',
	meedoen: 'scheme'
};

/** Markup in a text: refused, so nothing from an import can ever be mistaken for HTML anywhere. */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;

export type RowResult = { ok: true; input: ActivityInput } | { ok: false; reasons: string[] };

/** Checks one row (column name -> value) and turns it into an activity, or says everything that is wrong with it. */
export function validateRow(row: Record<string, string>): RowResult {
	const reasons: string[] = [];
	const get = (k: string) => (row[k] ?? '').trim();
	const text = (k: string, max: number) => {
		const v = get(k);
		if (MARKUP.test(v)) reasons.push(`${k}: contains HTML or a script tag`);
		if (v.length > max) reasons.push(`${k}: longer than ${max} characters`);
		return v;
	};
	const bool = (k: string) => {
		const v = get(k).toLowerCase();
		if (YES.has(v)) return true;
		if (!NO.has(v)) reasons.push(`${k}: not yes or no ("${get(k)}")`);
		return false;
	};
	const num = (k: string, parse: (v: string) => number, ok: (n: number) => boolean) => {
		const v = get(k);
		if (!v) return null;
		const n = parse(v.replace(',', '.'));
		if (!Number.isFinite(n) || !ok(n)) {
			reasons.push(`${k}: not a valid number ("${v}")`);
			return null;
		}
		return n;
	};

	const externalId = get('id');
	if (!externalId) reasons.push('id: missing');
	else if (!/^[\w.:@-]{1,200}$/.test(externalId)) reasons.push('id: only letters, digits and . _ - : @');
	const rawCategory = get('category').toLowerCase();
	const category = (CATEGORIES as readonly string[]).includes(rawCategory)
		? (rawCategory as Category)
		: CATEGORY_ALIASES[rawCategory];
	if (!category) reasons.push(`category: unknown category "${get('category')}"`);
	const title = text('title', 120);
	if (!title) reasons.push('title: missing');
	const description = text('description', 1000);

	const startRaw = get('start').replace(' ', 'T');
	const duration = num('duration', Number, (n) => Number.isInteger(n) && n > 0 && n <= 1440) ?? 60;
	const schedule = {
		start: startRaw,
		durationMinutes: duration,
		rrule: get('rrule') || null,
		exdates: get('exdates')
			.split(/[\s,]+/)
			.filter(Boolean),
		rdates: get('rdates')
			.split(/\s*[,;]\s*|\s+(?=\d{4}-)/)
			.filter(Boolean)
			.map((r) => r.replace(' ', 'T'))
	};
	if (!startRaw) reasons.push('start: missing');
	else {
		const problem = scheduleProblem(schedule);
		if (problem) reasons.push(`schedule: ${problem}`);
	}

	const rawCost = get('cost').toLowerCase() || 'free';
	const cost = COST_ALIASES[rawCost] ?? rawCost;
	if (!(COSTS as readonly string[]).includes(cost)) reasons.push(`cost: unknown "${get('cost')}"`);
	const price = num('price', Number, (n) => n >= 0 && n < 10_000);
	if (cost === 'price' && price === null) reasons.push('price: missing for a paid activity');
	const rawEffort = get('effort').toLowerCase() || 'calm';
	const effort = EFFORT_ALIASES[rawEffort] ?? rawEffort;
	if (!(EFFORTS as readonly string[]).includes(effort)) reasons.push(`effort: unknown "${get('effort')}"`);
	const lat = num('lat', Number, (n) => n >= -90 && n <= 90);
	const lon = num('lon', Number, (n) => n >= -180 && n <= 180);
	if ((lat === null) !== (lon === null)) reasons.push('lat/lon: give both or neither');
	const languages = get('languages')
		.toLowerCase()
		.split(/[\s,;]+/)
		.filter(Boolean);
	for (const l of languages)
		if (!/^[a-z]{2,3}$/.test(l)) reasons.push(`languages: "${l}" is not a language code`);

	const translations: ActivityInput['translations'] = {};
	for (const lang of LANGUAGE_CODES) {
		if (lang === 'nl') continue;
		const t = text(`title_${lang}`, 120);
		const d = text(`description_${lang}`, 1000);
		if (t || d) translations[lang] = { ...(t && { title: t }), ...(d && { description: d }) };
	}
	const input: ActivityInput = {
		externalId,
		category: category ?? 'ontmoeten',
		title,
		description,
		translations,
		organiser: text('organiser', 200),
		contact: text('contact', 200),
		address: text('address', 200),
		neighbourhood: text('neighbourhood', 100),
		postcode: text('postcode', 10).toUpperCase(),
		lat,
		lon,
		start: schedule.start,
		durationMinutes: duration,
		rrule: schedule.rrule?.replace(/^RRULE:/i, '').toUpperCase() ?? null,
		exdates: schedule.exdates,
		rdates: schedule.rdates,
		cost: cost as ActivityInput['cost'],
		priceCents: price === null ? null : Math.round(price * 100),
		effort: effort as ActivityInput['effort'],
		groupSize: num('group_size', Number, (n) => Number.isInteger(n) && n > 0 && n < 10_000),
		womenOnly: bool('women_only'),
		wheelchair: bool('wheelchair'),
		childcare: bool('childcare'),
		languages,
		closed: bool('closed'),
		closedReason: text('closed_reason', 200)
	};
	return reasons.length ? { ok: false, reasons } : { ok: true, input };
}

export interface ImportPlan {
	added: { line: number; externalId: string; title: string }[];
	changed: { line: number; externalId: string; title: string; fields: string[] }[];
	unchanged: number;
	rejected: { line: number; externalId: string; reasons: string[] }[];
	/** True when nothing was refused: only then is anything imported. */
	ok: boolean;
}

const COMPARED: (keyof ActivityInput)[] = [
	'category',
	'title',
	'description',
	'translations',
	'organiser',
	'contact',
	'address',
	'neighbourhood',
	'postcode',
	'lat',
	'lon',
	'start',
	'durationMinutes',
	'rrule',
	'exdates',
	'rdates',
	'cost',
	'priceCents',
	'effort',
	'groupSize',
	'womenOnly',
	'wheelchair',
	'childcare',
	'languages',
	'closed',
	'closedReason'
];

function changedFields(before: ActivityRow, after: ActivityInput): string[] {
	return COMPARED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Rows of a CSV file as column -> value, with their line numbers (the header is line 1). */
export function csvRows(text: string): { line: number; row: Record<string, string> }[] | { error: string } {
	const table = parseCsv(text);
	const header = table[0]?.map((h) => h.trim().toLowerCase());
	if (!header?.length) return { error: 'The file is empty.' };
	for (const required of ['id', 'category', 'title', 'start']) {
		if (!header.includes(required))
			return { error: `The column "${required}" is missing in the first line.` };
	}
	return table.slice(1).map((cells, i) => ({
		line: i + 2,
		row: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']))
	}));
}

/**
 * What an import would do (the dry run), and with `apply` does it: added, changed, unchanged and refused rows, each
 * refused one with its reasons. When any row is refused nothing is imported.
 */
export async function importActivities(
	db: Db,
	coach: CoachActor,
	organisationId: string,
	rows: { line: number; row: Record<string, string>; error?: string }[],
	options: { apply: boolean; source: 'csv' | 'ical' }
): Promise<ImportPlan> {
	const existing = new Map((await listActivities(db, organisationId)).map((a) => [a.externalId, a]));
	const plan: ImportPlan = { added: [], changed: [], unchanged: 0, rejected: [], ok: true };
	const seen = new Set<string>();
	const writes: { input: ActivityInput; id?: string }[] = [];
	for (const { line, row, error } of rows) {
		const result = validateRow(row);
		const externalId = (row.id ?? '').trim();
		const reasons = [...(error ? [error] : []), ...(result.ok ? [] : result.reasons)];
		if (externalId && seen.has(externalId)) reasons.push('id: appears twice in this file');
		seen.add(externalId);
		if (!result.ok || reasons.length) {
			plan.rejected.push({ line, externalId, reasons });
			continue;
		}
		const before = existing.get(externalId);
		if (!before) {
			plan.added.push({ line, externalId, title: result.input.title });
			writes.push({ input: result.input });
		} else {
			const fields = changedFields(before, result.input);
			if (fields.length) {
				plan.changed.push({ line, externalId, title: result.input.title, fields });
				writes.push({ input: result.input, id: before.id });
			} else plan.unchanged++;
		}
	}
	plan.ok = plan.rejected.length === 0;
	if (options.apply && plan.ok && writes.length) {
		await db.transaction(async (tx) => {
			for (const w of writes) {
				if (w.id) {
					await tx
						.update(activities)
						.set({ ...w.input, updatedAt: new Date() })
						.where(and(eq(activities.id, w.id), eq(activities.organisationId, organisationId)));
				} else await tx.insert(activities).values({ ...w.input, organisationId });
			}
		});
		await audit(
			db,
			{ type: 'coach', id: coach.id },
			{
				action: 'activities.imported',
				details: { source: options.source, added: plan.added.length, changed: plan.changed.length }
			}
		);
	}
	return plan;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** An activity in the import layout (column -> text): for the CSV export and the edit form. */
export function activityToRow(a: ActivityInput): Record<string, string> {
	const row: Record<string, string> = {
		id: a.externalId,
		category: a.category,
		title: a.title,
		description: a.description,
		organiser: a.organiser,
		contact: a.contact,
		address: a.address,
		neighbourhood: a.neighbourhood,
		postcode: a.postcode,
		lat: a.lat === null ? '' : String(a.lat),
		lon: a.lon === null ? '' : String(a.lon),
		start: a.start.replace('T', ' '),
		duration: String(a.durationMinutes),
		rrule: a.rrule ?? '',
		exdates: a.exdates.join(' '),
		rdates: a.rdates.map((r) => r.replace('T', ' ')).join(', '),
		cost: a.cost,
		price: a.priceCents === null ? '' : (a.priceCents / 100).toFixed(2),
		effort: a.effort,
		group_size: a.groupSize === null ? '' : String(a.groupSize),
		women_only: yesNo(a.womenOnly),
		wheelchair: yesNo(a.wheelchair),
		childcare: yesNo(a.childcare),
		languages: a.languages.join(' '),
		closed: yesNo(a.closed),
		closed_reason: a.closedReason
	};
	for (const lang of LANGUAGE_CODES) {
		if (lang === 'nl') continue;
		row[`title_${lang}`] = a.translations[lang]?.title ?? '';
		row[`description_${lang}`] = a.translations[lang]?.description ?? '';
	}
	return row;
}

/** The catalogue as CSV in the import layout: export, edit in a spreadsheet, import again. */
export function activitiesCsv(rows: ActivityRow[]): string {
	const objects = rows.map(activityToRow);
	const header = Object.keys(activityToRow(EMPTY));
	return toCsv([header, ...objects.map((o) => header.map((h) => o[h] ?? ''))]);
}

const EMPTY: ActivityInput = {
	externalId: '',
	category: 'ontmoeten',
	title: '',
	description: '',
	translations: {},
	organiser: '',
	contact: '',
	address: '',
	neighbourhood: '',
	postcode: '',
	lat: null,
	lon: null,
	start: '',
	durationMinutes: 60,
	rrule: null,
	exdates: [],
	rdates: [],
	cost: 'free',
	priceCents: null,
	effort: 'calm',
	groupSize: null,
	womenOnly: false,
	wheelchair: false,
	childcare: false,
	languages: [],
	closed: false,
	closedReason: ''
};

/** A new activity's form: empty, in the import layout. */
export function emptyRow(): Record<string, string> {
	return activityToRow(EMPTY);
}
