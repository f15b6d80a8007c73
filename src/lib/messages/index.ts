import { amsterdamClock } from '$lib/time/amsterdam';
/**
 * Messages between a participant and their coach: the rules both sides share (pure TypeScript, no Svelte or
 * database), so the phone checks a message the same way the server does.
 */

/** Quick pictogram messages: stored as a code, shown to each side in their own language. */
export const QUICK_MESSAGES = {
	ill: 'ill',
	late: 'late',
	callMe: 'call-me',
	letter: 'letter'
} as const;
export type QuickCode = keyof typeof QUICK_MESSAGES;
export const QUICK_CODES = Object.keys(QUICK_MESSAGES) as QuickCode[];

/** The coach's quick messages, with their pictograms: the phone shows and speaks them in the participant's language. */
export const COACH_QUICK_MESSAGES = {
	howAreYou: 'conversation',
	wellDone: 'strong',
	callYou: 'phone',
	seen: 'msg-read',
	remember: 'appointments'
} as const;
export type CoachQuickCode = keyof typeof COACH_QUICK_MESSAGES;
export const COACH_QUICK_CODES = Object.keys(COACH_QUICK_MESSAGES) as CoachQuickCode[];

/** The pictogram of a quick message from either side. */
export function quickPictogram(code: string | null): string {
	return (
		(QUICK_MESSAGES as Record<string, string>)[code ?? ''] ??
		(COACH_QUICK_MESSAGES as Record<string, string>)[code ?? ''] ??
		'coach'
	);
}

export const MAX_TEXT_LENGTH = 2000;
/** A voice note is at most two minutes (the recorder stops itself; the server refuses longer ones). */
export const MAX_VOICE_MS = 120_000;
/** Recorder bit rate: speech in Opus stays clear at 24 kbit/s, so two minutes fit in about 360 kB. */
export const VOICE_BITS_PER_SECOND = 24_000;
/** Photos are downscaled on the phone to this longest side before they are kept and sent. */
export const PHOTO_MAX_SIDE = 1600;

export type MessageKind = 'text' | 'quick' | 'voice' | 'photo';

export interface MessageDraft {
	kind: MessageKind;
	text?: string;
	quick?: string;
	attachmentId?: string;
	durationMs?: number;
}

export type DraftProblem = 'empty' | 'tooLong' | 'unknownQuick' | 'noAttachment' | 'voiceTooLong';

/** Whether a message can be sent; the reason (a text key under `problems.`) when not. */
export function checkDraft(draft: MessageDraft): { ok: true } | { ok: false; problem: DraftProblem } {
	const text = (draft.text ?? '').trim();
	switch (draft.kind) {
		case 'text':
			if (!text) return { ok: false, problem: 'empty' };
			if (text.length > MAX_TEXT_LENGTH) return { ok: false, problem: 'tooLong' };
			return { ok: true };
		case 'quick':
			return draft.quick && (QUICK_CODES as string[]).includes(draft.quick)
				? { ok: true }
				: { ok: false, problem: 'unknownQuick' };
		case 'voice':
			if (!draft.attachmentId) return { ok: false, problem: 'noAttachment' };
			if ((draft.durationMs ?? 0) > MAX_VOICE_MS + 1000) return { ok: false, problem: 'voiceTooLong' };
			return { ok: true };
		case 'photo':
			if (text.length > MAX_TEXT_LENGTH) return { ok: false, problem: 'tooLong' };
			return draft.attachmentId ? { ok: true } : { ok: false, problem: 'noAttachment' };
	}
}

/** Working hours per ISO weekday (1 = Monday … 7 = Sunday): [start, end] as "HH:MM", Amsterdam time. */
export type WorkingHours = Record<string, [string, string]>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Only well-formed days with a start before the end count; anything else is "not working that day". */
export function cleanHours(hours: unknown): WorkingHours {
	const clean: WorkingHours = {};
	if (!hours || typeof hours !== 'object') return clean;
	for (const [day, span] of Object.entries(hours as Record<string, unknown>)) {
		if (!/^[1-7]$/.test(day) || !Array.isArray(span) || span.length !== 2) continue;
		const [start, end] = span;
		if (typeof start !== 'string' || typeof end !== 'string' || !TIME.test(start) || !TIME.test(end))
			continue;
		if (toMinutes(start) < toMinutes(end)) clean[day] = [start, end];
	}
	return clean;
}

/** Whether the coach is working at this moment. */
export function isWorking(hours: WorkingHours, at: Date): boolean {
	const { weekday, minutes } = amsterdamClock(at);
	const span = cleanHours(hours)[String(weekday)];
	return !!span && minutes >= toMinutes(span[0]) && minutes < toMinutes(span[1]);
}

/** The days of the week in order with their hours (null when not working), for showing them. */
export function weekSchedule(hours: WorkingHours): { weekday: number; span: [string, string] | null }[] {
	const clean = cleanHours(hours);
	return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, span: clean[String(weekday)] ?? null }));
}

/** A phone number as a tel: link target (digits and a leading +), or null when there is nothing to call. */
export function telHref(phone: string | null | undefined): string | null {
	if (!phone) return null;
	const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
	return digits.replace(/\D/g, '').length >= 3 ? `tel:${digits}` : null;
}
