import { CLOSURE_REASON_LENGTH, CLOSURE_REASONS_MAX, reasonsFromLines } from '$lib/server/closure/reasons';
import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import {
	coachMessageSettings,
	MAX_COACH_PHOTO_BYTES,
	municipalitySettings,
	saveCoachMessageSettings,
	saveMunicipalitySettings,
	setCoachPhoto
} from '$lib/server/messages/settings';
import { parseForm } from '$lib/server/validation';
import type { WorkingHours } from '$lib/messages';

export const load: PageServerLoad = async ({ locals }) => {
	const database = await db();
	return {
		settings: await coachMessageSettings(database, coachOf(locals).id),
		municipality: await municipalitySettings(database, coachOf(locals))
	};
};

const time = z
	.string()
	.regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, 'Vul een tijd in als 09:00.')
	.default('');
const SettingsForm = z
	.object({
		phone: z
			.string()
			.trim()
			.max(40)
			.regex(/^[\d +()-]*$/, 'Een telefoonnummer heeft alleen cijfers, spaties, +, - en haakjes.')
			.default(''),
		autoReplyOn: z.string().optional(),
		autoReplyText: z.string().trim().max(1000, 'Het automatische antwoord is te lang.').default(''),
		...Object.fromEntries(
			[1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
				[`start${d}`, time],
				[`end${d}`, time]
			])
		)
	})
	.refine((f) => !f.autoReplyOn || f.autoReplyText.length > 0, {
		message: 'Schrijf de tekst van het automatische antwoord.',
		path: ['autoReplyText']
	});

const MunicipalityForm = z.object({
	urgentName: z.string().trim().max(100).default(''),
	urgentPhone: z
		.string()
		.trim()
		.max(40)
		.regex(/^[\d +()-]*$/, 'Een telefoonnummer heeft alleen cijfers, spaties, +, - en haakjes.')
		.default(''),
	// Left out of the post: left as it is.
	closureReasons: z
		.string()
		.max(4000)
		.transform((text) => reasonsFromLines(text))
		.refine(
			(lines) => lines !== null,
			`Hoogstens ${CLOSURE_REASONS_MAX} redenen, elk hoogstens ${CLOSURE_REASON_LENGTH} tekens.`
		)
		.transform((lines) => lines ?? [])
		.optional(),
	messageRetentionDays: z.coerce
		.number('Vul een aantal dagen in.')
		.int('Vul een heel aantal dagen in.')
		.min(1, 'Minstens 1 dag.')
		.max(3650, 'Hooguit 3650 dagen (10 jaar).')
});

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = await parseForm(request, SettingsForm);
		if (!form.ok) return form.failure;
		const f = form.data as Record<string, string | undefined>;
		const workingHours: WorkingHours = {};
		for (let d = 1; d <= 7; d++) {
			const start = f[`start${d}`];
			const end = f[`end${d}`];
			if (!start && !end) continue;
			if (!start || !end || start >= end)
				return fail(400, { message: 'Vul per dag een begintijd vóór de eindtijd in, of laat beide leeg.' });
			workingHours[String(d)] = [start, end];
		}
		await saveCoachMessageSettings(await db(), coachOf(locals), {
			phone: form.data.phone,
			workingHours,
			autoReplyOn: !!form.data.autoReplyOn,
			autoReplyText: form.data.autoReplyText
		});
		return { saved: true };
	},
	photo: async ({ request, locals }) => {
		let file: FormDataEntryValue | null;
		try {
			file = (await request.formData()).get('photo');
		} catch {
			return fail(413, { message: `De foto is te groot (hooguit ${MAX_COACH_PHOTO_BYTES / 1000} kB).` });
		}
		if (!(file instanceof File) || !file.size) return fail(400, { message: 'Kies een foto.' });
		const result = await setCoachPhoto(await db(), coachOf(locals), new Uint8Array(await file.arrayBuffer()));
		if (!result.ok)
			return fail(400, {
				message:
					result.reason === 'too_large'
						? `De foto is te groot (hooguit ${MAX_COACH_PHOTO_BYTES / 1000} kB).`
						: 'Dit is geen JPEG-, PNG- of WebP-foto.'
			});
		return { photoSaved: true };
	},
	municipality: async ({ request, locals }) => {
		const form = await parseForm(request, MunicipalityForm);
		if (!form.ok) return form.failure;
		if (!(await saveMunicipalitySettings(await db(), coachOf(locals), form.data)))
			return fail(403, { message: 'Alleen een beheerder stelt dit in.' });
		return { municipalitySaved: true };
	}
};
