/** The kinds of contact a coach notes in the journal, with the coach's wording. */
export const JOURNAL_KINDS = {
	homeVisit: 'Huisbezoek',
	call: 'Telefoongesprek',
	meeting: 'Gesprek',
	activityAlong: 'Mee naar een activiteit',
	professional: 'Contact met andere professional'
} as const;
export type JournalKind = keyof typeof JOURNAL_KINDS;
export const JOURNAL_KIND_KEYS = Object.keys(JOURNAL_KINDS) as [JournalKind, ...JournalKind[]];
