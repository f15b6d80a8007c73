/**
 * Adds style hashes to a Content-Security-Policy's style-src (SvelteKit writes the policy from svelte.config.js, whose
 * directives are fixed at build time; the installed themes are known only when the server runs).
 */
export function withStyleHashes(policy: string, hashes: readonly string[]): string {
	if (!hashes.length) return policy;
	const extra = hashes.map((h) => `'${h}'`).join(' ');
	const directives = policy.split(';').map((d) => d.trim());
	const at = directives.findIndex((d) => d === 'style-src' || d.startsWith('style-src '));
	// No style-src of its own: the policy's default-src decides, and an inline style would be refused anyway.
	if (at < 0) return policy;
	directives[at] = `${directives[at]} ${extra}`;
	return directives.filter(Boolean).join('; ');
}
