import type { CoachActor } from '../auth/coach';

/** The roles of the coach workspace (README: "Roles in the coach workspace"). */
export type Role = CoachActor['role'];

/**
 * What a person in the coach workspace may do, per role. This table is the one place that says so: the guard
 * (./guard.ts) checks it for every request under /coach before any route code runs, and area modules ask `can()`
 * where a rule depends on the role (which participants a query shows, who keeps the catalogue).
 */
const GRANTS = {
	/** Enter the workspace at all: their own account, password, logout. */
	'workspace.enter': ['coach', 'team_lead', 'translator', 'admin', 'policy_officer', 'privacy_officer'],
	/** See participants (a coach their own, a team lead the team) and everything that belongs to them. */
	'caseload.view': ['coach', 'team_lead'],
	/** Add a participant to the own caseload and hand out pairing codes. */
	'participant.add': ['coach', 'team_lead'],
	/** Questionnaires, ladder, coach items, plan, phones, appointments and messages of a visible participant. */
	'participant.manage': ['coach', 'team_lead'],
	/** Hand a participant to a colleague of the same team, with a note (the coach their own, a team lead the team's). */
	'participant.handover': ['coach', 'team_lead'],
	/** Close a trajectory (reason, aftercare), mark an aftercare call done, end aftercare, reopen. */
	'participant.close': ['coach', 'team_lead'],
	/** Read the coach's own journal notes of a visible participant (reading is audited). */
	'journal.read': ['coach', 'team_lead'],
	/** Write journal notes, mark a follow-up done, change a trajectory's status. */
	'journal.write': ['coach', 'team_lead'],
	/** Export answers (named or pseudonymised) of the visible participants. */
	'results.export': ['coach', 'team_lead'],
	/** Own working hours, photo and auto-reply for messages. */
	'messages.settings': ['coach', 'team_lead', 'translator', 'admin'],
	/**
	 * The people of the municipality's teams: add (with a one-time link to set a password), change role or team,
	 * switch off and on, hand a new password link.
	 */
	'staff.manage': ['admin'],
	/** The municipality's settings: urgent number, retention, closure reasons. */
	'municipality.settings': ['admin'],
	/** Keep the activity catalogue (sociale kaart): add, edit, import, export. */
	'activities.manage': ['coach', 'team_lead', 'admin'],
	/**
	 * Translate the catalogue's activity texts in the studio (title, description, why closed): translators, and
	 * whoever keeps the catalogue. Only their own municipality's activities (activities/translations.ts).
	 */
	'activities.translate': ['coach', 'team_lead', 'translator', 'admin'],
	/** Record, replace and delete voice clips in the studio. */
	'voice.record': ['coach', 'team_lead', 'translator', 'admin'],
	/** Plan "How are you?" check-ins for a visible participant, or for all of the own participants. */
	'checkins.plan': ['coach', 'team_lead'],
	/** Plan check-ins for a whole team, or for all participants of one coach of the team. */
	'checkins.planGroup': ['team_lead'],
	/**
	 * Indicators per team, coach and period, as counts with small cells suppressed (never a participant): a team lead
	 * for the team's coaches, a policy officer for the municipality's teams.
	 */
	'indicators.view': ['team_lead', 'policy_officer'],
	/** Add questionnaire versions. */
	'questionnaires.manage': ['admin'],
	/**
	 * Set a questionnaire ready at a moment for all participants of one coach of the team, or the whole team (a coach
	 * does so for their own with participant.manage).
	 */
	'questionnaires.assignGroup': ['team_lead'],
	/** Erase a participant on their request (a second admin confirms) and set retention (issue 16). */
	'participant.erase': ['admin'],
	/**
	 * Read and export the audit log: who viewed or changed whose data (issue 16 §4). Only the privacy officer
	 * (functionaris gegevensbescherming), who supervises the others and has no caseload of their own.
	 */
	'audit.view': ['privacy_officer']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

/** May this person do this? A missing actor (not logged in) may do nothing. */
export function can(actor: Pick<CoachActor, 'role'> | null | undefined, permission: Permission): boolean {
	return !!actor && (GRANTS[permission] as readonly Role[]).includes(actor.role);
}
