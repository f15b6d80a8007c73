import type { LayoutServerLoad } from './$types';
import { participantResources } from '$lib/server/i18n/resources';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	resources: participantResources(locals.lang),
	participant: locals.participant ? { displayName: locals.participant.displayName } : null
});
