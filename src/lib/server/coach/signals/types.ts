import { sql, type SQL } from 'drizzle-orm';

/** What a signal's condition may use: the participant row and the moment the caseload is asked for. */
export interface SignalContext {
	/** `participants.id` of the row (an SQL column reference). */
	participantId: SQL;
	/** `participants.case_status` of the row. */
	caseStatus: SQL;
	/** `participants.created_at` of the row. */
	createdAt: SQL;
	now: Date;
	/** Today in Amsterdam, "YYYY-MM-DD". */
	today: string;
}

/**
 * A quiet signal on the caseload: something the coach may want to act on for a participant. Each area adds its own
 * signal as a file in this folder and one line in ./index.ts; the caseload query evaluates every registered signal
 * in the same SQL (as a boolean per row), and the signal filter uses the same condition, so a new signal needs no
 * change to the caseload itself.
 */
export interface CaseloadSignal {
	/** Stable key: the `?signal=` filter value and `data-signal` in the page. */
	key: string;
	/** The coach's wording (Dutch), short: it is a badge. */
	label: string;
	/** 'call': the coach should get in touch (stands out); 'notice': worth a look. */
	tone: 'call' | 'notice';
	/** True for a participant when the signal is on. Must stay cheap per row: use indexed lookups on participant_id. */
	when(ctx: SignalContext): SQL;
	/** Where a click on the badge leads (relative to the participant's page when it starts with "?" or "#"). */
	href?: string;
}

/**
 * "There is such a row" for one participant, as a correlated scalar subquery: `anyRow(sql\`from t where
 * t.participant_id = ${participantId} and …\`)`. Not EXISTS: for a team's 1,500 rows PostgreSQL turns EXISTS into a
 * hashed subplan that reads the whole table (400,000 messages at 50,000 participants: 0.4 s), where this stays an
 * index lookup per row (bench/caseload.ts).
 */
export function anyRow(fromWhere: SQL): SQL {
	return sql`coalesce((select true ${fromWhere} limit 1), false)`;
}
