import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { COACH_COOKIE, logout } from '$lib/server/auth/coach';
import { clearCookie } from '$lib/server/security/cookies';

export const POST: RequestHandler = async ({ cookies, url }) => {
	await logout(await db(), cookies.get(COACH_COOKIE));
	clearCookie(cookies, url, COACH_COOKIE);
	redirect(303, '/coach/login');
};
