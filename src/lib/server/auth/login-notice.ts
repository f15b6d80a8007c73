import { TIME_ZONE } from '$lib/time/amsterdam';
import type { Cookies } from '@sveltejs/kit';
import type { FailedLogins } from './coach';

/**
 * After a login, the coach is told once how many failed attempts there were on their account since the previous
 * login. The count travels from the login action to the next workspace page in a short-lived flash cookie (the login
 * redirects to whatever page the coach wanted), which the workspace layout reads and removes.
 */
export const LOGIN_NOTICE_COOKIE = 'opstap_login_notice';

const cookieOptions = (url: URL) => ({
	path: '/coach',
	httpOnly: true,
	sameSite: 'lax' as const,
	secure: url.protocol === 'https:'
});

export function setLoginNotice(cookies: Cookies, url: URL, failed: FailedLogins): void {
	if (failed.count <= 0) return;
	const value = `${failed.count}|${failed.last?.getTime() ?? ''}`;
	cookies.set(LOGIN_NOTICE_COOKIE, value, { ...cookieOptions(url), maxAge: 300 });
}

/** The notice, in Dutch, if there is one; it is shown once. */
export function takeLoginNotice(cookies: Cookies, url: URL): string | null {
	const value = cookies.get(LOGIN_NOTICE_COOKIE);
	if (value === undefined) return null;
	cookies.delete(LOGIN_NOTICE_COOKIE, cookieOptions(url));
	const match = /^(\d{1,9})\|(\d{0,15})$/.exec(value);
	if (!match || Number(match[1]) <= 0) return null;
	return loginNoticeText({ count: Number(match[1]), last: match[2] ? new Date(Number(match[2])) : null });
}

export function loginNoticeText(failed: FailedLogins): string {
	const attempts = failed.count === 1 ? '1 mislukte poging' : `${failed.count} mislukte pogingen`;
	const last = failed.last
		? ` (laatste: ${failed.last.toLocaleString('nl-NL', {
				timeZone: TIME_ZONE,
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit'
			})})`
		: '';
	return `Sinds uw vorige login: ${attempts} om in te loggen${last}. Was u dat niet? Kies een sterk wachtwoord onder Account.`;
}
