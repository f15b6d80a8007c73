import { coachOf } from '$lib/server/access';
import { refuse } from '$lib/server/result';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import {
	AUDIT_ACTIONS,
	PAGE_LIMIT,
	auditFilterOf,
	auditRows,
	auditTime,
	auditViewed
} from '$lib/server/privacy/audit-view';

/** The audit log for the privacy officer: who viewed or changed whose data, filtered, newest first. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const officer = coachOf(locals);
	const filter = auditFilterOf(url);
	const database = await db();
	const rows = await auditRows(database, officer, filter);
	if (!rows) refuse('forbidden');
	await auditViewed(database, officer, filter, false);
	return {
		filter: {
			who: filter.who,
			participant: filter.participant,
			action: filter.action,
			from: filter.from,
			to: filter.to
		},
		actions: Object.entries(AUDIT_ACTIONS).map(([id, text]) => ({ id, text })),
		limit: PAGE_LIMIT,
		rows: rows.map((r) => ({
			id: r.id,
			when: auditTime(r.at),
			who: r.who,
			role: r.actorRole,
			what: r.actionText,
			subject: r.subjectName,
			subjectId: r.subjectType === 'participant' ? r.subjectId : null,
			details: Object.keys(r.details).length ? JSON.stringify(r.details) : ''
		}))
	};
};
