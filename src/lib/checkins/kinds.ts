/** "How are you?" check-ins (issue 15): what a participant can answer, shared by the phone and the server. */

/** The five faces, 1 = very bad … 5 = very good (the texts are the app's `faces.<n>`). */
export const FACES = [1, 2, 3, 4, 5] as const;
export type Face = (typeof FACES)[number];

/** A face at or under this is a bad answer: a signal for the coach. */
export const BAD_FACE = 2;

/** What changed since last time, as pictograms. */
export const CHANGES = ['health', 'money', 'home', 'family', 'work', 'loneliness'] as const;
export type Change = (typeof CHANGES)[number];

export const CHANGE_PICTOGRAMS: Record<Change, string> = {
	health: 'body-health',
	money: 'money',
	home: 'home',
	family: 'family',
	work: 'work',
	loneliness: 'me'
};

/** A voice note with a check-in is short: the coach listens to it, it is not a conversation. */
export const MAX_VOICE_MS = 120_000;
