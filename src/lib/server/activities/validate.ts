/**
 * Checking one row of the import layout (column -> text) and turning it into an activity: one zod schema, every
 * problem of the row at once, each in Dutch and naming the column ("categorie: onbekende categorie "x"").
 * The CSV import, the iCal import, the edit form and the demo data all go through here.
 */
import * as z from 'zod';
import { CATEGORIES, COSTS, EFFORTS, type Category } from '$lib/activities/categories';
import { parseCivil, parseRule, ScheduleError } from '$lib/activities/recurrence';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { columnLabel, type ActivityInput } from './layout';

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
export const MARKUP = /<\s*\/?\s*[a-z!?]/i;

/** What the schedule code says about a rule it does not accept (English, for developers), in Dutch. */
export function dutchRuleProblem(message: string): string {
	const rules: [RegExp, (m: RegExpExecArray) => string][] = [
		[
			/^FREQ (.+) not accepted$/,
			(m) => `alleen FREQ=WEEKLY (elke week) of FREQ=MONTHLY (elke maand), niet ${m[1]}`
		],
		[/^(\S+) not accepted$/, (m) => `${m[1]} wordt niet ondersteund`],
		[/^bad INTERVAL$/, () => 'INTERVAL moet een getal van 1 tot en met 52 zijn'],
		[
			/^bad BYDAY (\S+) in a weekly rule$/,
			(m) => `BYDAY ${m[1]}: een rangnummer (zoals 2TU) kan alleen bij FREQ=MONTHLY`
		],
		[/^bad BYDAY (\S+)$/, (m) => `BYDAY ${m[1]} is geen dag (MO, TU, WE, TH, FR, SA, SU)`],
		[/^bad COUNT$/, () => 'COUNT moet een heel getal vanaf 1 zijn'],
		[/^bad UNTIL (.+)$/, (m) => `UNTIL ${m[1]} is geen datum (JJJJMMDD)`],
		[/^COUNT and UNTIL together$/, () => 'COUNT en UNTIL samen kan niet'],
		[/^bad rule part (.+)$/, (m) => `"${m[1]}" is geen deel van een herhaalregel (NAAM=WAARDE)`]
	];
	for (const [pattern, say] of rules) {
		const m = pattern.exec(message);
		if (m) return say(m);
	}
	return 'kan niet worden gelezen';
}

/** Civil "YYYY-MM-DD HH:MM" (or with a T) as the catalogue stores it, "YYYY-MM-DDTHH:MM", or null. */
function civil(value: string): string | null {
	const v = value.trim().replace(' ', 'T');
	try {
		parseCivil(v);
		return v;
	} catch (e) {
		if (e instanceof ScheduleError) return null;
		throw e;
	}
}

// Each column: a cell (absent = empty), trimmed, then checked. A check that fails adds its Dutch message and gives
// back a value of the right type, so that the row's other columns are still checked and all problems are told.
type Ctx = z.RefinementCtx;
const cell = z
	.string()
	.optional()
	.transform((v) => (v ?? '').trim());
const column = <T>(check: (value: string, fail: (message: string) => void) => T) =>
	cell.transform((value, ctx: Ctx) => check(value, (message) => ctx.addIssue({ code: 'custom', message })));

const text = (max: number, required = false) =>
	column((v, fail) => {
		if (required && !v) fail('ontbreekt');
		if (MARKUP.test(v)) fail('bevat HTML of een script; dat mag niet');
		if (v.length > max) fail(`langer dan ${max} tekens`);
		return v;
	});
const yesNo = column((v, fail) => {
	if (YES.has(v.toLowerCase())) return true;
	if (!NO.has(v.toLowerCase())) fail(`niet ja of nee ("${v}")`);
	return false;
});
/** A number, or null when empty; undefined when it is not a number (already told). */
const number = (ok: (n: number) => boolean, hint = '') =>
	column((v, fail): number | null | undefined => {
		if (!v) return null;
		const n = Number(v.replace(',', '.'));
		if (Number.isFinite(n) && ok(n)) return n;
		fail(`geen geldig getal ("${v}")${hint}`);
		return undefined;
	});
const choice = <T extends string>(
	allowed: readonly T[],
	aliases: Record<string, string>,
	fallback: T,
	hint: string
) =>
	column((v, fail): T => {
		const raw = v.toLowerCase() || fallback;
		const value = aliases[raw] ?? raw;
		if ((allowed as readonly string[]).includes(value)) return value as T;
		fail(`onbekend: "${v}"; ${hint}`);
		return fallback;
	});

const translationColumns = Object.fromEntries(
	LANGUAGE_CODES.filter((l) => l !== 'nl').flatMap((l) => [
		[`title_${l}`, text(120)],
		[`description_${l}`, text(1000)]
	])
) as Record<`title_${string}` | `description_${string}`, ReturnType<typeof text>>;

/** The import layout's row as one schema; its output is the activity. */
export const activityRowSchema = z
	.object({
		id: column((v, fail) => {
			if (!v) fail('ontbreekt');
			else if (!/^[\w.:@-]{1,200}$/.test(v))
				fail('alleen letters, cijfers en . _ - : @ (hoogstens 200 tekens)');
			return v;
		}),
		category: column((v, fail): Category => {
			const raw = v.toLowerCase();
			const category = (CATEGORIES as readonly string[]).includes(raw)
				? (raw as Category)
				: CATEGORY_ALIASES[raw];
			if (!category) fail(`onbekende categorie "${v}"`);
			return category ?? 'ontmoeten';
		}),
		title: text(120, true),
		description: text(1000),
		organiser: text(200),
		contact: text(200),
		address: text(200),
		neighbourhood: text(100),
		postcode: text(10).transform((v) => v.toUpperCase()),
		lat: number((n) => n >= -90 && n <= 90),
		lon: number((n) => n >= -180 && n <= 180),
		start: column((v, fail) => {
			if (!v) fail('ontbreekt');
			const start = v ? civil(v) : '';
			if (start === null) fail(`geen geldige datum en tijd ("${v}"); schrijf JJJJ-MM-DD UU:MM`);
			return start ?? v;
		}),
		duration: column((v, fail) => {
			if (!v) return 60;
			const n = Number(v);
			if (Number.isInteger(n) && n > 0 && n <= 1440) return n;
			fail(`geen geldig aantal minuten ("${v}"); 1 tot en met 1440`);
			return 60;
		}),
		rrule: column((v, fail) => {
			const rule = v.replace(/^RRULE:/i, '').toUpperCase();
			if (!rule) return null;
			try {
				parseRule(rule);
			} catch (e) {
				if (!(e instanceof ScheduleError)) throw e;
				fail(`"${v}": ${dutchRuleProblem(e.message)}`);
			}
			return rule;
		}),
		exdates: column((v, fail) => {
			const dates = v.split(/[\s,]+/).filter(Boolean);
			for (const x of dates) {
				const ok = /^\d{4}-\d{2}-\d{2}$/.test(x) ? civil(`${x}T00:00`) !== null : civil(x) !== null;
				if (!ok) fail(`"${x}" is geen datum (JJJJ-MM-DD)`);
			}
			return dates;
		}),
		rdates: column((v, fail) =>
			v
				.split(/\s*[,;]\s*|\s+(?=\d{4}-)/)
				.filter(Boolean)
				.map((r) => {
					const at = civil(r);
					if (at === null) fail(`"${r}" is geen datum en tijd (JJJJ-MM-DD UU:MM)`);
					return at ?? r;
				})
		),
		cost: choice(COSTS, COST_ALIASES, 'free', 'kies free, price of scheme'),
		price: number((n) => n >= 0 && n < 10_000),
		effort: choice(EFFORTS, EFFORT_ALIASES, 'calm', 'kies calm, some of busy'),
		group_size: number((n) => Number.isInteger(n) && n > 0 && n < 10_000),
		women_only: yesNo,
		wheelchair: yesNo,
		childcare: yesNo,
		languages: column((v, fail) => {
			const codes = v
				.toLowerCase()
				.split(/[\s,;]+/)
				.filter(Boolean);
			for (const l of codes) if (!/^[a-z]{2,3}$/.test(l)) fail(`"${l}" is geen taalcode`);
			return codes;
		}),
		closed: yesNo,
		closed_reason: text(200),
		...translationColumns
	})
	.superRefine(
		(r, ctx) => {
			if (r.lat !== undefined && r.lon !== undefined && (r.lat === null) !== (r.lon === null))
				ctx.addIssue({ code: 'custom', path: ['lat/lon'], message: 'geef ze allebei, of geen van beide' });
			if (r.cost === 'price' && r.price === null)
				ctx.addIssue({
					code: 'custom',
					path: ['price'],
					message: 'ontbreekt bij een activiteit met een prijs'
				});
		},
		// Also when a column had a problem: the row's problems are all told at once.
		{ when: () => true }
	)
	.transform((r): ActivityInput => {
		const translations: ActivityInput['translations'] = {};
		const cells = r as unknown as Record<string, string | undefined>;
		for (const lang of LANGUAGE_CODES) {
			if (lang === 'nl') continue;
			const t = cells[`title_${lang}`] ?? '';
			const d = cells[`description_${lang}`] ?? '';
			if (t || d) translations[lang] = { ...(t && { title: t }), ...(d && { description: d }) };
		}
		return {
			externalId: r.id,
			category: r.category,
			title: r.title,
			description: r.description,
			translations,
			organiser: r.organiser,
			contact: r.contact,
			address: r.address,
			neighbourhood: r.neighbourhood,
			postcode: r.postcode,
			lat: r.lat ?? null,
			lon: r.lon ?? null,
			start: r.start,
			durationMinutes: r.duration,
			rrule: r.rrule,
			exdates: r.exdates,
			rdates: r.rdates,
			cost: r.cost,
			priceCents: r.price == null ? null : Math.round(r.price * 100),
			effort: r.effort,
			groupSize: r.group_size ?? null,
			womenOnly: r.women_only,
			wheelchair: r.wheelchair,
			childcare: r.childcare,
			languages: r.languages,
			closed: r.closed,
			closedReason: r.closed_reason
		};
	});

export type RowResult = { ok: true; input: ActivityInput } | { ok: false; reasons: string[] };

/** Checks one row (column name -> value) and turns it into an activity, or says everything that is wrong with it. */
export function validateRow(row: Record<string, string>): RowResult {
	const result = activityRowSchema.safeParse(row);
	if (result.success) return { ok: true, input: result.data };
	return {
		ok: false,
		reasons: result.error.issues.map((issue) => {
			const key = String(issue.path[0] ?? '');
			return key ? `${columnLabel(key)}: ${issue.message}` : issue.message;
		})
	};
}
