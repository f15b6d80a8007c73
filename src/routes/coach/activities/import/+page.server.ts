import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { catalogueManager, importCentroids } from '$lib/server/activities/manage';
import { importActivities } from '$lib/server/activities/import';
import { CSV_COLUMNS, csvRows } from '$lib/server/activities/layout';
import { icalRows } from '$lib/server/activities/ical';
import { CATEGORIES } from '$lib/activities/categories';
import { readForm } from '$lib/server/validation';

const MAX_FILE = 2_000_000;

export const load: PageServerLoad = async ({ locals }) => {
	await catalogueManager(locals);
	return { columns: CSV_COLUMNS, categories: CATEGORIES };
};

/** The uploaded file, or the text carried over from the dry run. */
async function content(form: FormData): Promise<string | null> {
	const file = form.get('file');
	if (file instanceof File && file.size) {
		if (file.size > MAX_FILE) return null;
		return file.text();
	}
	const text = form.get('text');
	return typeof text === 'string' && text.trim() && text.length <= MAX_FILE ? text : null;
}

async function run(locals: App.Locals, request: Request, apply: boolean) {
	const { database, org, coach } = await catalogueManager(locals);
	const form = (await readForm(request)) ?? new FormData();
	const text = await content(form);
	if (text === null) return fail(400, { message: 'Kies een bestand (CSV of iCalendar, hoogstens 2 MB).' });
	const isIcal = /^\s*BEGIN:VCALENDAR/i.test(text);
	const category = String(form.get('category') ?? 'ontmoeten');
	let rows;
	if (isIcal)
		rows = icalRows(text, {
			category: (CATEGORIES as readonly string[]).includes(category) ? category : 'ontmoeten'
		});
	else {
		const parsed = csvRows(text);
		if ('error' in parsed) return fail(400, { message: parsed.error });
		rows = parsed;
	}
	const plan = await importActivities(database, coach, org, rows, { apply, source: isIcal ? 'ical' : 'csv' });
	return {
		plan,
		applied: apply && plan.ok,
		text: apply && plan.ok ? '' : text,
		category,
		kind: isIcal ? 'ical' : 'csv'
	};
}

export const actions: Actions = {
	check: ({ locals, request }) => run(locals, request, false),
	apply: ({ locals, request }) => run(locals, request, true),
	centroids: async ({ locals, request }) => {
		const { database, org } = await catalogueManager(locals);
		const text = await content((await readForm(request)) ?? new FormData());
		if (text === null) return fail(400, { centroidErrors: ['Kies een CSV-bestand.'] });
		const result = await importCentroids(database, org, text);
		if (!result.ok) return fail(400, { centroidErrors: result.errors });
		return { centroids: result.count };
	}
};
