import type { CoachActor } from '$lib/server/auth/coach';
import type { ParticipantActor } from '$lib/server/pairing';
import type { LanguageCode } from '$lib/i18n/languages';

declare global {
	namespace App {
		interface Locals {
			coach: CoachActor | null;
			participant: ParticipantActor | null;
			lang: LanguageCode;
			/** The device cookie belonged to a phone the coach has unpaired. */
			unpaired: boolean;
			/** Set by handleError: this request failed because the database cannot be reached (answered 503). */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			/** i18n key of a participant-facing explanation. */
			key?: string;
		}
	}
}

export {};
