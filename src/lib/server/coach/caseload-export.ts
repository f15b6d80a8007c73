import type { Db } from '../db';
import type { CoachActor } from '../auth/coach';
import { audit } from '../audit';
import { can } from '../access/policy';
import { csvField } from '../survey/export';
import { amsterdamInputs } from '$lib/time/amsterdam';
import { CASE_STATUS_LABELS, worklist, type WorklistQuery } from './worklist';

/** Rows one export holds at most (a team is 1,500; a municipality's whole caseload goes per team). */
export const CASELOAD_EXPORT_LIMIT = 10_000;

/**
 * The caseload as CSV for the municipality's case system (issue 14 §7; README "Caseload export"): the rows the
 * working list shows with the same filters, not capped at a page. `participant_id` is the stable id: the same person
 * has the same id in every export and in the record's URL. Times are Amsterdam local time ("2026-12-05 14:30").
 * Exporting is audited (how many, with which filters).
 */
export const CASELOAD_COLUMNS = [
	'participant_id',
	'naam',
	'kenmerk',
	'taal',
	'coach',
	'status',
	'sinds',
	'laatste_contact',
	'volgende_afspraak',
	'vragenlijst',
	'modules_verstuurd',
	'modules_totaal',
	'trede',
	'vorige_trede',
	'trede_sinds',
	'telefoons',
	'herinneringen_aan',
	'signalen'
] as const;

const local = (at: Date | null) => (at ? amsterdamInputs(at).join(' ') : '');

export async function caseloadCsv(
	db: Db,
	coach: CoachActor,
	query: WorklistQuery,
	now = new Date()
): Promise<string | null> {
	if (!can(coach, 'caseload.view')) return null;
	const rows = await worklist(db, coach, query, now, CASELOAD_EXPORT_LIMIT);
	const lines = [
		[...CASELOAD_COLUMNS],
		...rows.map((r) => [
			r.id,
			r.displayName,
			r.nameDetail,
			r.preferredLanguage,
			r.coachName,
			CASE_STATUS_LABELS[r.caseStatus],
			local(r.createdAt),
			local(r.lastContact),
			local(r.nextAppointment),
			r.questionnaire ? `${r.questionnaire.questionnaireId} (${r.questionnaire.wave})` : '',
			r.questionnaire ? String(r.questionnaire.sent) : '',
			r.questionnaire ? String(r.questionnaire.total) : '',
			r.rung === null ? '' : String(r.rung),
			r.previousRung === null ? '' : String(r.previousRung),
			local(r.rungAt),
			String(r.activeDevices),
			r.pushDevices > 0 ? 'ja' : 'nee',
			r.signals.join('|')
		])
	];
	await audit(
		db,
		{ type: 'coach', id: coach.id },
		{
			action: 'caseload.exported',
			details: {
				rows: rows.length,
				status: query.status,
				signal: query.signal,
				q: query.q,
				coach: query.coach
			}
		}
	);
	return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}
