import type { PictogramName } from '$lib/pictograms';

/**
 * What a participant is asked to agree to, one purpose per screen (issue 16), in this order, right after pairing.
 * The wording lives in locales/<lang>/consent.json under `purpose.<id>`; `CONSENT_VERSION` names the wording a
 * decision was given to (bump it when a "what happens" line changes in substance, so a new decision can be asked).
 */
export const CONSENT_VERSION = '2026-11';

export const PURPOSES = ['coaching', 'team', 'research'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** What a participant can choose per purpose. Coaching is needed to use the app: the other answer is "talk first". */
export const CHOICES = {
	coaching: ['given', 'talkFirst'],
	team: ['given', 'withdrawn'],
	research: ['given', 'withdrawn']
} as const satisfies Record<Purpose, readonly string[]>;
export type Choice = (typeof CHOICES)[Purpose][number];

/** `talked`: the coach recorded that they talked with a participant who wanted that first. */
export type Decision = Choice | 'talked';

export const PURPOSE_PICTOGRAMS: Record<Purpose, PictogramName> = {
	coaching: 'coach',
	team: 'people',
	research: 'research'
};

/**
 * What each purpose means, as short points with a picture each (issue 12 §4: three sentences in a row were a wall
 * for a participant who cannot read): `purpose.<id>.points.<name>` in consent.json, shown and spoken one by one.
 */
export const PURPOSE_POINTS: Record<Purpose, readonly { name: string; pictogram: PictogramName }[]> = {
	coaching: [
		{ name: 'sees', pictogram: 'watch' },
		{ name: 'onlyHelp', pictogram: 'trust' },
		{ name: 'needed', pictogram: 'info' },
		{ name: 'talkFirst', pictogram: 'conversation' }
	],
	team: [
		{ name: 'sees', pictogram: 'watch' },
		{ name: 'why', pictogram: 'help' },
		{ name: 'ifNot', pictogram: 'coach' },
		{ name: 'others', pictogram: 'no' }
	],
	research: [
		{ name: 'purpose', pictogram: 'advice' },
		{ name: 'ifYes', pictogram: 'privacy' },
		{ name: 'ifNot', pictogram: 'trust' }
	]
};

export const CHOICE_PICTOGRAMS: Record<Decision, PictogramName> = {
	given: 'yes',
	withdrawn: 'no',
	talkFirst: 'conversation',
	talked: 'conversation'
};

export function isChoice(purpose: Purpose, value: string): value is Choice {
	return (CHOICES[purpose] as readonly string[]).includes(value);
}

/** The current state of one purpose: the newest decision, or 'unasked'. */
export type ConsentState = Record<Purpose, Decision | 'unasked'>;

/** Questionnaires wait until coaching is agreed to, or the coach has talked with the participant who asked for that. */
export function questionnairesWait(state: ConsentState): boolean {
	return state.coaching !== 'given' && state.coaching !== 'talked';
}

/** The first purpose not asked yet (the consent screens go there), or null when all are answered. */
export function firstUnasked(state: ConsentState): Purpose | null {
	return PURPOSES.find((p) => state[p] === 'unasked') ?? null;
}
