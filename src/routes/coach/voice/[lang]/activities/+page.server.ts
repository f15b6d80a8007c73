import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { KeyForm, lang, uploadClip } from '../upload';
import { language, SOURCE_LANGUAGE } from '$lib/i18n/languages';
import { parseForm, readForm } from '$lib/server/validation';
import { pageTextAllowed } from '$lib/server/voice/tts';
import { MARKUP } from '$lib/server/activities/validate';
import {
	MAX_LENGTH,
	saveTranslation,
	searchStudio,
	studioActivities,
	type TranslatedField
} from '$lib/server/activities/translations';
import {
	activityClipsOfLanguage,
	activityTextKey,
	clipHash,
	isActivityKey
} from '$lib/server/voice/activity-clips';
import { clipVersion, deleteClip, MAX_CLIP_BYTES } from '$lib/server/voice/clips';

const SearchQuery = z.object({
	q: z.string().max(100).catch(''),
	show: z.enum(['all', 'todo', 'record']).catch('all')
});

/** A text's recording: none yet, current, or made for words that changed since (to record again). */
export type ClipState = 'none' | 'recorded' | 'stale';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const code = lang(params.lang);
	const source = code === SOURCE_LANGUAGE;
	const search = SearchQuery.parse({
		q: url.searchParams.get('q') ?? '',
		show: url.searchParams.get('show') ?? 'all'
	});
	const database = await db();
	const [{ activities, progress }, clips] = await Promise.all([
		studioActivities(database, coachOf(locals), code),
		activityClipsOfLanguage(database, code)
	]);
	// The translator hears a translation as the phone without a voice for the language would: the server voice.
	const listen = (text: string) => {
		const line = text.replace(/\s+/g, ' ').trim();
		return pageTextAllowed(code, line) ? `/voice/say/${code}?t=${encodeURIComponent(line)}` : null;
	};
	const recordings = { total: 0, recorded: 0, stale: 0 };
	const listed = activities.map((a) => ({
		...a,
		fields: a.fields.map((f) => {
			const key = activityTextKey(a.id, f.field);
			// A clip says the current translation (in Dutch: the Dutch); until there is one, nothing to record.
			const recordable = source || f.state === 'done';
			const clip = clips.get(key);
			const clipState: ClipState = !clip
				? 'none'
				: recordable && clip.textHash === clipHash(f.dutch, source ? f.dutch : f.text)
					? 'recorded'
					: 'stale';
			if (recordable) {
				recordings.total++;
				if (clipState !== 'none') recordings[clipState]++;
			}
			return {
				...f,
				key,
				recordable,
				clipState,
				clip: clip ? { version: clipVersion(clip.sha256), bytes: clip.bytes } : null,
				listen: !source && f.text ? listen(f.text) : null
			};
		})
	}));
	const shown =
		search.show === 'record'
			? listed.filter((a) => a.fields.some((f) => f.recordable && f.clipState !== 'recorded'))
			: listed;
	return {
		language: language(code),
		source,
		search,
		total: activities.length,
		progress: source ? null : progress,
		recordings,
		maxKilobytes: Math.floor(MAX_CLIP_BYTES / 1000),
		activities: searchStudio(shown, search.q, !source && search.show === 'todo')
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
	/** A clip of one activity text, recorded in the browser or chosen as a file (saveClip checks the activity). */
	upload: uploadClip,
	delete: async ({ request, params, locals }) => {
		const code = lang(params.lang);
		const form = await parseForm(request, KeyForm);
		if (!form.ok) return form.failure;
		const textKey = form.data.textKey;
		if (!isActivityKey(textKey) || !(await deleteClip(await db(), coachOf(locals), code, textKey)))
			return fail(404, { textKey, message: 'Deze opname bestaat niet (meer) in jullie catalogus.' });
		return { textKey, saved: 'Opname verwijderd.' };
	},
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
