import { coachOf } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { failure, refuse } from '$lib/server/result';
import { parseForm } from '$lib/server/validation';
import {
	addStaff,
	changeStaff,
	passwordLink,
	setStaffActive,
	StaffChangeForm,
	StaffForm,
	StaffIdForm,
	staffOverview,
	STAFF_ROLE_LABELS,
	INVITE_DAYS,
	RESET_HOURS
} from '$lib/server/staff/staff';

export const load: PageServerLoad = async ({ locals }) => {
	const overview = await staffOverview(await db(), coachOf(locals));
	if (!overview) refuse('forbidden');
	const admin = coachOf(locals);
	return { ...overview, roles: STAFF_ROLE_LABELS, self: admin.id, ownTeam: admin.teamId };
};

/** The link the admin passes on (Opstap sends no e-mail). */
const linkOf = (origin: string, token: string) => `${origin}/coach/password/${token}`;

export const actions: Actions = {
	add: async ({ request, locals, url }) => {
		const form = await parseForm(request, StaffForm);
		if (!form.ok) return form.failure;
		const added = await addStaff(await db(), coachOf(locals), form.data);
		if (!added.ok)
			return failure(added.reason, {
				message:
					added.reason === 'conflict'
						? `Er is al een account met ${form.data.email}.`
						: added.reason === 'invalid'
							? 'Kies een team van de eigen gemeente.'
							: undefined
			});
		return {
			link: { name: form.data.name, url: linkOf(url.origin, added.token), valid: `${INVITE_DAYS} dagen` }
		};
	},
	change: async ({ request, locals }) => {
		const form = await parseForm(request, StaffChangeForm);
		if (!form.ok) return form.failure;
		const changed = await changeStaff(await db(), coachOf(locals), form.data);
		if (!changed.ok)
			return failure(changed.reason, {
				message:
					changed.reason === 'conflict'
						? 'U kunt uw eigen rol als beheerder niet weghalen.'
						: changed.reason === 'invalid'
							? 'Kies een team van de eigen gemeente.'
							: undefined
			});
		return { changed: form.data.coachId };
	},
	deactivate: async ({ request, locals }) => {
		const form = await parseForm(request, StaffIdForm);
		if (!form.ok) return form.failure;
		const done = await setStaffActive(await db(), coachOf(locals), form.data.coachId, false);
		if (!done.ok)
			return failure(done.reason, {
				message: done.reason === 'conflict' ? 'U kunt uw eigen account niet uitzetten.' : undefined
			});
		return { changed: form.data.coachId };
	},
	reactivate: async ({ request, locals }) => {
		const form = await parseForm(request, StaffIdForm);
		if (!form.ok) return form.failure;
		const done = await setStaffActive(await db(), coachOf(locals), form.data.coachId, true);
		if (!done.ok) return failure(done.reason);
		return { changed: form.data.coachId };
	},
	link: async ({ request, locals, url }) => {
		const form = await parseForm(request, StaffIdForm);
		if (!form.ok) return form.failure;
		const made = await passwordLink(await db(), coachOf(locals), form.data.coachId);
		if (!made.ok)
			return failure(made.reason, {
				message: made.reason === 'conflict' ? 'Dit account staat uit: zet het eerst weer aan.' : undefined
			});
		return { link: { name: null, url: linkOf(url.origin, made.token), valid: `${RESET_HOURS} uur` } };
	}
};
