/**
 * Headers that SvelteKit's `csp` setting does not cover. Set on every response by scripts/server.js (the built
 * server, static files included) and by hooks.server.ts (`npm run dev`). scripts/server.js imports this file with
 * Node's type stripping: keep it free of imports and of TypeScript that needs compiling (enums, namespaces).
 */
export function securityHeaders(https: boolean, production: boolean): Record<string, string> {
	const headers: Record<string, string> = {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		// Microphone and camera stay allowed for our own pages: voice answers and photos of letters come later.
		// Geolocation for our own pages only: "near me" on the activities screen, after the browser asks (the place
		// is used on the phone and never sent).
		'Permissions-Policy':
			'microphone=(self), camera=(self), geolocation=(self), payment=(), usb=(), interest-cohort=(), browsing-topics=()'
	};
	if (https && production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}
