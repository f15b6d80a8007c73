/**
 * The CSV layout of the activities catalogue: the columns (their names are the file format and stay as they are;
 * each has a Dutch name used in messages and a Dutch explanation for the import page), reading a file into rows
 * (column -> text) and turning an activity back into such a row, for the export and the edit form.
 */
import { CATEGORIES } from '$lib/activities/categories';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { readCsv, toCsv } from './csv';
import type { ActivityRow } from './catalogue';

export interface CsvColumn {
	/** The column name in the file (first line). */
	name: string;
	/** How messages name it, in Dutch. */
	label: string;
	/** What to put in it, for managers (B1). */
	help: string;
}

/**
 * The columns, in the order of the export. First line of a file: these names, in any order, separated by ";" or
 * ","; UTF-8. Only id, category, title and start are required.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
	{
		name: 'id',
		label: 'id',
		help: 'Uw eigen kenmerk van de activiteit. Een regel met een kenmerk dat al bestaat, verandert die activiteit.'
	},
	{ name: 'category', label: 'categorie', help: `Soort activiteit. Een van: ${CATEGORIES.join(', ')}.` },
	{ name: 'title', label: 'titel', help: 'Korte titel in eenvoudig Nederlands.' },
	{
		name: 'description',
		label: 'beschrijving',
		help: 'Een paar korte zinnen in eenvoudig Nederlands. Geen HTML.'
	},
	{ name: 'organiser', label: 'organisator', help: 'Wie het organiseert.' },
	{ name: 'contact', label: 'contact', help: 'Telefoonnummer of e-mailadres.' },
	{ name: 'address', label: 'adres', help: 'Straat en huisnummer, plaats.' },
	{ name: 'neighbourhood', label: 'wijk', help: 'Naam van de wijk.' },
	{
		name: 'postcode',
		label: 'postcode',
		help: 'Postcode, bijvoorbeeld 6511 AB. Zonder lat en lon komt de plek op de kaart uit de postcodetabel (de vier cijfers).'
	},
	{ name: 'lat', label: 'breedtegraad', help: 'Breedtegraad, bijvoorbeeld 51.8426. Mag leeg blijven.' },
	{ name: 'lon', label: 'lengtegraad', help: 'Lengtegraad, bijvoorbeeld 5.8590. Mag leeg blijven.' },
	{
		name: 'start',
		label: 'start',
		help: 'Eerste (of enige) keer, in Nederlandse tijd: JJJJ-MM-DD UU:MM, bijvoorbeeld 2026-09-01 10:00.'
	},
	{ name: 'duration', label: 'duur', help: 'Hoe lang, in minuten, bijvoorbeeld 90. Leeg: 60.' },
	{
		name: 'rrule',
		label: 'herhaling',
		help: 'Herhaalregel, bijvoorbeeld FREQ=WEEKLY;BYDAY=TU (elke dinsdag) of FREQ=MONTHLY;BYDAY=-1SA (laatste zaterdag van de maand). Leeg: één keer.'
	},
	{
		name: 'exdates',
		label: 'vervalt op',
		help: 'Data waarop het niet doorgaat, met spaties ertussen: JJJJ-MM-DD.'
	},
	{
		name: 'rdates',
		label: 'extra data',
		help: "Extra data en tijden, met komma's ertussen: JJJJ-MM-DD UU:MM."
	},
	{
		name: 'cost',
		label: 'kosten',
		help: 'free (gratis), price (met prijs) of scheme (betaald door de regeling).'
	},
	{ name: 'price', label: 'prijs', help: 'Prijs in euro, bijvoorbeeld 2,50.' },
	{ name: 'effort', label: 'inspanning', help: 'calm (rustig), some (een beetje) of busy (druk).' },
	{ name: 'group_size', label: 'groepsgrootte', help: 'Ongeveer hoeveel mensen.' },
	{ name: 'women_only', label: 'alleen vrouwen', help: 'ja of nee (yes/no).' },
	{ name: 'wheelchair', label: 'rolstoel', help: 'ja of nee: toegankelijk met een rolstoel.' },
	{ name: 'childcare', label: 'kinderopvang', help: 'ja of nee.' },
	{
		name: 'languages',
		label: 'talen',
		help: 'Talen die er gesproken worden, als taalcode met spaties ertussen: nl en ar …'
	},
	{ name: 'closed', label: 'gesloten', help: 'ja als het voorlopig niet doorgaat.' },
	{ name: 'closed_reason', label: 'reden gesloten', help: 'Waarom het niet doorgaat.' },
	{ name: 'title_<taal>', label: 'titel (taal)', help: 'Vertaalde titel, bijvoorbeeld title_ar, title_so.' },
	{
		name: 'description_<taal>',
		label: 'beschrijving (taal)',
		help: 'Vertaalde beschrijving, bijvoorbeeld description_tr.'
	}
];

export const REQUIRED_COLUMNS = ['id', 'category', 'title', 'start'] as const;

/** The Dutch name of a column for messages: "categorie", "titel (ar)". */
export function columnLabel(name: string): string {
	if (name === 'lat/lon') return 'breedtegraad en lengtegraad';
	const translated = /^(title|description)_([a-z]{2,3})$/.exec(name);
	if (translated) return `${translated[1] === 'title' ? 'titel' : 'beschrijving'} (${translated[2]})`;
	return CSV_COLUMNS.find((c) => c.name === name)?.label ?? name;
}

/** An activity as the catalogue stores it, without its database id, owner, photo and timestamps. */
export type ActivityInput = Omit<
	ActivityRow,
	'id' | 'organisationId' | 'photo' | 'photoMime' | 'photoSha256' | 'createdAt' | 'updatedAt'
>;

/** One row of a file, as column -> text, with its line; `error` and `warnings` from the source (an iCal feed). */
export interface SourceRow {
	line: number;
	row: Record<string, string>;
	error?: string;
	warnings?: string[];
}

/** Rows of a CSV file as column -> value, with their line numbers (the header is line 1), or why not. */
export function csvRows(text: string): SourceRow[] | { error: string } {
	const read = readCsv(text);
	if (!read.ok) return { error: read.error };
	const [head, ...body] = read.records;
	const header = head?.cells.map((h) => h.trim().toLowerCase());
	if (!header?.length) return { error: 'Het bestand is leeg.' };
	for (const required of REQUIRED_COLUMNS) {
		if (!header.includes(required)) return { error: `De kolom "${required}" ontbreekt in de eerste regel.` };
	}
	return body.map(({ line, cells }) => ({
		line,
		row: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']))
	}));
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

export const EMPTY_ACTIVITY: ActivityInput = {
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

/** The catalogue as CSV in the import layout: export, edit in a spreadsheet, import again. */
export function activitiesCsv(rows: ActivityInput[]): string {
	const header = Object.keys(activityToRow(EMPTY_ACTIVITY));
	const objects = rows.map(activityToRow);
	return toCsv([header, ...objects.map((o) => header.map((h) => o[h] ?? ''))]);
}

/** A new activity's form: empty, in the import layout. */
export function emptyRow(): Record<string, string> {
	return activityToRow(EMPTY_ACTIVITY);
}
