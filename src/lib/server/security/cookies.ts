import type { Cookies } from '@sveltejs/kit';

/** HttpOnly and SameSite=Lax (a pairing link opened from WhatsApp or a QR code still carries it); Secure over https. */
export function setSessionCookie(
	cookies: Cookies,
	url: URL,
	name: string,
	value: string,
	maxAgeSeconds: number
) {
	cookies.set(name, value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: maxAgeSeconds
	});
}

export function clearCookie(cookies: Cookies, url: URL, name: string) {
	cookies.delete(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
