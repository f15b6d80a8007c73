import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, pairDevice, pairingTriesLeft } from '$lib/server/pairing';
import { normalisePairingCode, PAIRING_CODE_LENGTH } from '$lib/server/security/tokens';
import { setSessionCookie } from '$lib/server/security/cookies';
import { parseForm } from '$lib/server/validation';

export const load: PageServerLoad = async ({ url, locals, getClientAddress }) => {
	if (locals.participant) redirect(303, '/');
	const fromLink = normalisePairingCode(url.searchParams.get('code') ?? '');
	const tries = await pairingTriesLeft(await db(), getClientAddress());
	return {
		// A link from the QR code only fills the code in: link previews must not use it up.
		code: /^\d+$/.test(fromLink) ? fromLink.slice(0, PAIRING_CODE_LENGTH) : '',
		codeLength: PAIRING_CODE_LENGTH,
		blocked: !tries.allowed
	};
};

const PairForm = z.object({ code: z.string().max(40) });

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await parseForm(request, PairForm);
		if (!form.ok) return fail(400, { error: 'incomplete' as const, remaining: null, code: '' });
		const code = normalisePairingCode(form.data.code);
		if (!new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`).test(code)) {
			return fail(400, { error: 'incomplete' as const, remaining: null, code });
		}
		const result = await pairDevice(await db(), {
			code,
			ip: getClientAddress(),
			label: (request.headers.get('user-agent') ?? '').slice(0, 200)
		});
		if (!result.ok) {
			if (result.reason === 'rate_limited') {
				setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				return fail(429, { error: 'tooMany' as const, remaining: 0, code });
			}
			return fail(400, { error: 'wrongCode' as const, remaining: result.remaining, code });
		}
		setSessionCookie(cookies, url, DEVICE_COOKIE, result.token, DEVICE_COOKIE_DAYS * 86_400);
		// First what Opstap may do with what they share (consent per purpose, issue 16); then home.
		redirect(303, '/consent');
	}
};
