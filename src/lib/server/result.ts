import { error, fail, type ActionFailure } from '@sveltejs/kit';

/**
 * One convention for what area modules refuse: they return `{ ok: false, reason }` with a reason named here (or
 * `refused(reason)`), and routes turn it into HTTP only through `refuse()` (an error page or JSON) or `failure()`
 * (a form action's answer). The status and the one wording per reason live in this table and nowhere else.
 * The coach workspace is Dutch; participant screens show their own translated texts by status.
 */
const REASONS = {
	unauthenticated: { status: 401, message: 'Log eerst in.' },
	forbidden: { status: 403, message: 'Dit hoort niet bij uw rol.' },
	not_found: { status: 404, message: 'Niet gevonden.' },
	invalid: { status: 400, message: 'Dit klopt niet. Controleer het en probeer opnieuw.' },
	conflict: { status: 409, message: 'Dit is intussen veranderd. Laad de pagina opnieuw.' },
	too_large: { status: 413, message: 'Dit is te groot.' },
	rate_limited: { status: 429, message: 'Te veel pogingen. Wacht even en probeer het dan opnieuw.' },
	unavailable: { status: 503, message: 'Opstap is even niet bereikbaar. Probeer het zo opnieuw.' }
} as const satisfies Record<string, { status: number; message: string }>;

export type Reason = keyof typeof REASONS;
export type Refusal<R extends string = Reason> = { ok: false; reason: R };
export type Result<T extends object = object, R extends string = Reason> = ({ ok: true } & T) | Refusal<R>;

export const refused = <R extends string>(reason: R): Refusal<R> => ({ ok: false, reason });

export function statusOf(reason: Reason): number {
	return REASONS[reason].status;
}

export function messageOf(reason: Reason): string {
	return REASONS[reason].message;
}

/** Ends the request with the reason's status and wording (an error page for pages, JSON for data and APIs). */
export function refuse(reason: Reason, message?: string): never {
	error(REASONS[reason].status, message ?? REASONS[reason].message);
}

/** A form action's refusal: the reason's status, its wording (or a more precise one) and what the form needs back. */
export function failure<T extends Record<string, unknown> = Record<never, never>>(
	reason: Reason,
	extra?: T & { message?: string }
): ActionFailure<T & { reason: Reason; message: string }> {
	return fail(REASONS[reason].status, {
		...(extra as T),
		reason,
		message: extra?.message ?? REASONS[reason].message
	});
}
