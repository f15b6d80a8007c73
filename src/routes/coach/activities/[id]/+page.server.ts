import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	activityForManager,
	deleteActivity,
	catalogueManager,
	saveActivity
} from '$lib/server/activities/manage';
import { activityToRow, emptyRow } from '$lib/server/activities/layout';
import { validateRow } from '$lib/server/activities/validate';
import { pc4 } from '$lib/server/activities/import';
import {
	FORM_LANGUAGES,
	formToRow,
	formValues,
	ORDINALS,
	rowToForm,
	WEEKDAYS
} from '$lib/server/activities/form';
import { centroidsOf, photoUrl, type ActivityRow } from '$lib/server/activities/catalogue';
import type { Db } from '$lib/server/db';
import { MAX_PHOTO_BYTES, setPhoto } from '$lib/server/activities/photos';
import { readForm, uuidParam } from '$lib/server/validation';
import { CATEGORIES } from '$lib/activities/categories';
import { LANGUAGES } from '$lib/i18n/languages';
import { municipalityOf } from '$lib/server/organisations';

async function context(locals: App.Locals, id: string) {
	const { database, org, coach } = await catalogueManager(locals);
	if (id === 'new') return { database, org, coach, activity: null };
	if (!uuidParam.safeParse(id).success) error(404, 'Not found');
	const activity = await activityForManager(database, org, id);
	if (!activity) error(404, 'Not found');
	return { database, org, coach, activity };
}

/** Where the activity is on the map, in words for the form. */
async function placeNote(database: Db, org: string, activity: ActivityRow | null): Promise<string | null> {
	if (!activity) return null;
	if (activity.lat === null || activity.lon === null)
		return 'Niet op de kaart: de postcode staat niet in de postcodetabel en er zijn geen coördinaten. Deelnemers vinden de activiteit dan niet bij "dichtbij".';
	const centre = (await centroidsOf(database, org))[pc4(activity.postcode) ?? ''];
	return centre && centre.lat === activity.lat && centre.lon === activity.lon
		? `Op de kaart in het midden van postcode ${pc4(activity.postcode)}.`
		: 'Op de kaart op de eigen coördinaten (zie Coördinaten).';
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { activity, database, coach, org } = await context(locals, params.id);
	return {
		schemeName: (await municipalityOf(database, coach.teamId))?.schemeName ?? null,
		id: activity?.id ?? null,
		values: rowToForm(activity ? activityToRow(activity) : emptyRow()),
		place: await placeNote(database, org, activity),
		photo: activity ? photoUrl(activity) : null,
		categories: CATEGORIES,
		weekdays: WEEKDAYS,
		ordinals: ORDINALS,
		formLanguages: FORM_LANGUAGES,
		translations: LANGUAGES.filter((l) => l.code !== 'nl').map((l) => ({ code: l.code, name: l.dutch })),
		maxPhotoKb: Math.floor(MAX_PHOTO_BYTES / 1000)
	};
};

const PHOTO_MESSAGES = {
	empty: 'Kies een foto.',
	too_large: `De foto is groter dan ${Math.floor(MAX_PHOTO_BYTES / 1000)} kB.`,
	not_image: 'Dit is geen JPEG-, PNG- of WebP-foto.',
	not_found: 'Activiteit niet gevonden.'
} as const;

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { database, org, coach, activity } = await context(locals, params.id);
		const form = await readForm(request);
		if (!form) return fail(400, { reasons: ['Dit is geen formulier.'], values: null });
		const values = formValues(form);
		const { row, reasons } = formToRow(values);
		if (reasons.length) {
			// The form's own problems, and the row's other ones (not the same column twice).
			const checked = validateRow(row);
			const columns = new Set(reasons.map((r) => r.split(':')[0]));
			const more = checked.ok ? [] : checked.reasons.filter((r) => !columns.has(r.split(':')[0]));
			return fail(400, { reasons: [...reasons, ...more], values });
		}
		const result = await saveActivity(database, coach, org, activity?.id ?? null, row);
		if (!result.ok) return fail(400, { reasons: result.reasons, values });
		redirect(303, `/coach/activities/${result.id}?saved=1`);
	},
	photo: async ({ request, locals, params }) => {
		const { database, org, activity } = await context(locals, params.id);
		if (!activity) error(404, 'Not found');
		const length = Number(request.headers.get('content-length') ?? 0);
		if (length > MAX_PHOTO_BYTES + 10_000) return fail(413, { photoError: PHOTO_MESSAGES.too_large });
		const file = (await readForm(request))?.get('photo');
		if (!(file instanceof File) || !file.size) return fail(400, { photoError: PHOTO_MESSAGES.empty });
		const result = await setPhoto(database, org, activity.id, new Uint8Array(await file.arrayBuffer()));
		if (!result.ok)
			return fail(result.reason === 'too_large' ? 413 : 400, { photoError: PHOTO_MESSAGES[result.reason] });
		return { photoSaved: true };
	},
	removePhoto: async ({ locals, params }) => {
		const { database, org, activity } = await context(locals, params.id);
		if (!activity) error(404, 'Not found');
		await setPhoto(database, org, activity.id, null);
		return { photoSaved: true };
	},
	delete: async ({ locals, params }) => {
		const { database, org, coach, activity } = await context(locals, params.id);
		if (!activity) error(404, 'Not found');
		await deleteActivity(database, coach, org, activity.id);
		redirect(303, '/coach/activities');
	}
};
