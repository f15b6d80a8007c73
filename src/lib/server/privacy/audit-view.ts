import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../db';
import { auditLog, coaches, participants } from '../db/schema';
import { audit } from '../audit';
import type { CoachActor } from '../auth/coach';
import { can } from '../access/policy';
import { csvField } from '../survey/export';
import { periodOf } from '../indicators/period';
import { dutchFormat } from '$lib/time/amsterdam';

/** "04-12-2026 16:55:10": a moment in Amsterdam time, to the second. */
const WHEN = dutchFormat({ dateStyle: 'short', timeStyle: 'medium' });
export const auditTime = (at: Date) => WHEN.format(at);

/** What the privacy officer reads for an action, in Dutch; an action not listed shows as it is stored. */
export const AUDIT_ACTIONS: Record<string, string> = {
	'participant.viewed': 'bekeek de gegevens van een deelnemer',
	'messages.viewed': 'las de berichten van een deelnemer',
	'messages.inbox.viewed': 'bekeek het berichtenoverzicht (laatste bericht per deelnemer)',
	'journal.viewed': 'las het contactjournaal',
	'journal.noted': 'schreef in het contactjournaal',
	'answers.exported': 'exporteerde antwoorden',
	'participant.added': 'voegde een deelnemer toe',
	'participant.status': 'veranderde de status van een traject',
	'participant.handed_over': 'droeg een deelnemer over aan een collega',
	'participant.trajectory_end.set': 'zette het einde van een traject',
	'participant.erasure_requested': 'vroeg het wissen van een deelnemer aan',
	'participant.erasure_cancelled': 'trok een verzoek tot wissen in',
	'participant.erased': 'wiste een deelnemer',
	'ladder.recorded': 'legde een trede van de participatieladder vast',
	'questionnaire.assigned': 'zette een vragenlijst klaar',
	'questionnaire.assignedGroup': 'zette een vragenlijst klaar voor een groep',
	'questionnaire.imported': 'voegde een vragenlijst toe',
	'consent.changed': 'veranderde een toestemming',
	'consent.talked': 'legde vast dat er gepraat is',
	'pairing_code.issued': 'maakte een koppelcode',
	'device.paired': 'koppelde een telefoon',
	'device.unpaired': 'ontkoppelde een telefoon',
	'mydata.downloaded': 'downloadde de eigen gegevens',
	'appointment.created': 'maakte een afspraak',
	'plan.goal_added': 'zette een doel in het plan',
	'plan.step_added': 'zette een stap in het plan',
	'plan.goal_closed': 'rondde een doel af',
	'checkins.planned': 'plande "Hoe gaat het?"',
	'coach.login': 'logde in',
	'coach.login.failed': 'logde in met een verkeerd wachtwoord',
	'coach.login.rate_limited': 'werd geweigerd na te veel inlogpogingen',
	'coach.password_changed': 'veranderde het wachtwoord',
	'municipality.retention.changed': 'veranderde de bewaartermijnen',
	'retention.ran': 'ruimde op na de bewaartermijn',
	'audit.viewed': 'bekeek het auditlog',
	'audit.exported': 'exporteerde het auditlog'
};

/** Filters of the audit viewer, from the query string; bad input falls back to no filter, never a 500. */
const filterQuery = z.object({
	who: z.string().trim().max(100).catch(''),
	participant: z.string().trim().max(100).catch(''),
	action: z.string().trim().max(60).catch('')
});

export function auditFilterOf(url: URL) {
	const period = periodOf(url);
	const f = filterQuery.parse({
		who: url.searchParams.get('who') ?? '',
		participant: url.searchParams.get('participant') ?? '',
		action: url.searchParams.get('action') ?? ''
	});
	return { ...f, from: period.from, to: period.to, fromAt: period.fromAt, toAt: period.toAt };
}
export type AuditFilter = ReturnType<typeof auditFilterOf>;

/** At most this many rows on the page; the CSV holds up to EXPORT_LIMIT. */
export const PAGE_LIMIT = 200;
export const EXPORT_LIMIT = 50_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who viewed or changed whose data (issue 16 §4), for the privacy officer: newest first, filtered by person (name or
 * e-mail of staff), participant (name or number), action and period. Names are joined in where the person still
 * exists; an erased participant's rows are gone with them (see erasure.ts), except the entry that they were erased.
 */
export async function auditRows(db: Db, officer: CoachActor, filter: AuditFilter, limit = PAGE_LIMIT) {
	if (!can(officer, 'audit.view')) return null;
	const actorCoach = alias(coaches, 'actor_coach');
	const actorParticipant = alias(participants, 'actor_participant');
	const like = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
	const where: SQL[] = [gte(auditLog.at, filter.fromAt), lt(auditLog.at, filter.toAt)];
	if (filter.action) where.push(eq(auditLog.action, filter.action));
	if (filter.who)
		where.push(
			or(
				sql`${actorCoach.name} ilike ${like(filter.who)}`,
				sql`${actorCoach.email} ilike ${like(filter.who)}`
			)!
		);
	if (filter.participant)
		where.push(
			UUID.test(filter.participant)
				? or(
						eq(auditLog.subjectId, filter.participant),
						eq(auditLog.actorId, filter.participant),
						// Entries about several participants at once (the inbox) name them in their details.
						sql`${auditLog.details} -> 'participants' ? ${filter.participant}`
					)!
				: or(
						sql`${participants.displayName} ilike ${like(filter.participant)}`,
						sql`${actorParticipant.displayName} ilike ${like(filter.participant)}`
					)!
		);
	const rows = await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actorType: auditLog.actorType,
			actorId: auditLog.actorId,
			actorName: sql<string | null>`coalesce(${actorCoach.name}, ${actorParticipant.displayName})`,
			actorRole: actorCoach.role,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			subjectName: participants.displayName,
			details: auditLog.details
		})
		.from(auditLog)
		.leftJoin(actorCoach, and(eq(auditLog.actorType, 'coach'), eq(actorCoach.id, auditLog.actorId)))
		.leftJoin(
			actorParticipant,
			and(eq(auditLog.actorType, 'participant'), eq(actorParticipant.id, auditLog.actorId))
		)
		.leftJoin(
			participants,
			and(eq(auditLog.subjectType, 'participant'), eq(participants.id, auditLog.subjectId))
		)
		.where(and(...where))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit);
	return rows.map((r) => ({
		...r,
		actionText: AUDIT_ACTIONS[r.action] ?? r.action,
		who:
			r.actorType === 'coach'
				? (r.actorName ?? 'medewerker (verwijderd)')
				: r.actorType === 'participant'
					? `${r.actorName ?? 'deelnemer'} (deelnemer)`
					: r.actorType === 'system'
						? 'Opstap (automatisch)'
						: 'onbekend (niet ingelogd)'
	}));
}
export type AuditRow = NonNullable<Awaited<ReturnType<typeof auditRows>>>[number];

/** Looking at the audit log is itself written down, with the filter used. */
export async function auditViewed(db: Db, officer: CoachActor, filter: AuditFilter, exported: boolean) {
	await audit(
		db,
		{ type: 'coach', id: officer.id },
		{
			action: exported ? 'audit.exported' : 'audit.viewed',
			details: {
				from: filter.from,
				to: filter.to,
				...(filter.who ? { who: filter.who } : {}),
				...(filter.participant ? { participant: filter.participant } : {}),
				...(filter.action ? { action: filter.action } : {})
			}
		}
	);
}

/** The same rows as CSV (as the other exports: commas, a BOM added by the route; no formula can start a field). */
export function auditCsv(rows: AuditRow[]): string {
	const header = ['tijd', 'wie', 'rol', 'wat', 'actie', 'over', 'deelnemernummer', 'details'];
	const lines = rows.map((r) =>
		[
			auditTime(r.at),
			r.who,
			r.actorRole ?? r.actorType,
			r.actionText,
			r.action,
			r.subjectName ?? '',
			r.subjectType === 'participant' ? (r.subjectId ?? '') : '',
			Object.keys(r.details).length ? JSON.stringify(r.details) : ''
		]
			.map((v) => csvField(String(v)))
			.join(',')
	);
	return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
