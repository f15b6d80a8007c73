import type { Db } from '../db';
import { LANGUAGES, type LanguageCode } from '$lib/i18n/languages';
import type { PushJob } from './queue';

/** What the phone shows: rendered on the server in the participant's language. */
export interface PushMessage {
	title: string;
	body: string;
	/** Path of the pictogram shown as the icon. */
	icon: string;
	/** Where tapping the notification goes (a path in the app). */
	url: string;
	/** Same tag: a second copy replaces the first on the phone instead of showing twice. */
	tag: string;
	lang: string;
	dir: 'ltr' | 'rtl';
	/** Seconds the push service may keep it for a phone that is off (a reminder is useless after the appointment). */
	ttl?: number;
}

/** Renders a job into the message, or null when it no longer applies (the appointment was cancelled). */
export type PushRenderer = (
	db: Db,
	job: PushJob,
	lang: LanguageCode,
	now: Date
) => Promise<PushMessage | null>;

const renderers = new Map<string, PushRenderer>();

/** Each area says how its kinds of push look (appointments: reminders; messages: a new message). */
export function registerPushKind(kind: string, render: PushRenderer): void {
	renderers.set(kind, render);
}

/** The writing direction a notification in this language needs. */
export function directionOf(lang: LanguageCode): 'ltr' | 'rtl' {
	return LANGUAGES.find((l) => l.code === lang)?.dir ?? 'ltr';
}

export function rendererFor(kind: string): PushRenderer | undefined {
	return renderers.get(kind);
}
