import { coachOf } from '$lib/server/access';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import {
	coachMessageSettings,
	MAX_COACH_PHOTO_BYTES,
	saveCoachMessageSettings,
	setCoachPhoto
} from '$lib/server/messages/settings';
import { parseForm } from '$lib/server/validation';
import type { WorkingHours } from '$lib/messages';

export const load: PageServerLoad = async ({ locals }) => ({
	settings: await coachMessageSettings(await db(), coachOf(locals).id)
});

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
	}
};
