import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { lang } from '../upload';
import { language, SOURCE_LANGUAGE } from '$lib/i18n/languages';
import { readForm } from '$lib/server/validation';
import { pageTextAllowed } from '$lib/server/voice/tts';
import { MARKUP } from '$lib/server/activities/validate';
import {
	MAX_LENGTH,
	saveTranslation,
	searchStudio,
	studioActivities,
	type TranslatedField
} from '$lib/server/activities/translations';

const SearchQuery = z.object({
	q: z.string().max(100).catch(''),
	show: z.enum(['all', 'todo']).catch('all')
});

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const code = lang(params.lang);
	const search = SearchQuery.parse({
		q: url.searchParams.get('q') ?? '',
		show: url.searchParams.get('show') ?? 'all'
	});
	if (code === SOURCE_LANGUAGE)
		return { language: language(code), source: true, search, total: 0, progress: null, activities: [] };
	const { activities, progress } = await studioActivities(await db(), coachOf(locals), code);
	// The translator hears a translation as the phone without a voice for the language would: the server voice.
	const listen = (text: string) => {
		const line = text.replace(/\s+/g, ' ').trim();
		return pageTextAllowed(code, line) ? `/voice/say/${code}?t=${encodeURIComponent(line)}` : null;
	};
	return {
		language: language(code),
		source: false,
		search,
		total: activities.length,
		progress,
		activities: searchStudio(activities, search.q, search.show === 'todo').map((a) => ({
			...a,
			fields: a.fields.map((f) => ({ ...f, listen: f.text ? listen(f.text) : null }))
		}))
	};
};

const NAMES: Record<TranslatedField, string> = {
	title: 'De titel',
	description: 'De beschrijving',
	closedReason: 'De reden van sluiten'
};

/** One translated text: optional (empty removes it), no markup, within the Dutch text's limit. */
const translated = (field: TranslatedField) =>
	z
		.string()
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.refine((v) => v.length <= MAX_LENGTH[field], {
			message: `${NAMES[field]} mag hoogstens ${MAX_LENGTH[field]} tekens zijn. Maak de vertaling korter.`
		})
		.refine((v) => !MARKUP.test(v), {
			message: `${NAMES[field]} bevat iets dat op HTML of een script lijkt (<…). Haal dat weg.`
		})
		.optional();

const TranslationForm = z.object({
	activityId: z.uuid({ message: 'Kies eerst een activiteit.' }),
	title: translated('title'),
	description: translated('description'),
	closedReason: translated('closedReason')
});

const REFUSED = {
	forbidden: 'Je mag activiteiten niet vertalen.',
	unknown_language: 'In deze taal kun je niet vertalen: Nederlands is de bron.',
	not_found: 'Deze activiteit bestaat niet (meer) in jullie catalogus.'
} as const;

export const actions: Actions = {
	save: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await readForm(request);
		if (!form)
			return fail(400, { activityId: '', message: 'Het formulier kwam niet goed aan. Probeer het opnieuw.' });
		const raw: Record<string, string> = Object.fromEntries(
			['activityId', 'title', 'description', 'closedReason'].flatMap((k) => {
				const v = form.get(k);
				return typeof v === 'string' ? [[k, v]] : [];
			})
		);
		const parsed = TranslationForm.safeParse(raw);
		const activityId = typeof raw.activityId === 'string' ? raw.activityId.slice(0, 40) : '';
		if (!parsed.success)
			return fail(400, {
				activityId,
				message: parsed.error.issues.map((i) => i.message).join(' '),
				texts: raw
			});
		const { activityId: id, ...texts } = parsed.data;
		const result = await saveTranslation(await db(), coachOf(locals), { activityId: id, lang: code, texts });
		if (!result.ok)
			return fail(result.reason === 'not_found' ? 404 : result.reason === 'forbidden' ? 403 : 400, {
				activityId,
				message: REFUSED[result.reason],
				texts: raw
			});
		return {
			activityId: id,
			saved: result.changed.length ? 'Vertaling bewaard.' : 'Niets veranderd.'
		};
	}
};
