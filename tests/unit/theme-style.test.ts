import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStyleHashes } from '../../src/lib/server/http/csp';
import { themeStyle, themeStyleHashes } from '../../src/lib/server/municipality/themes';

const sha = (css: string) => `sha256-${createHash('sha256').update(css).digest('base64')}`;

describe('the municipality theme inlined into participant pages (issue 17)', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'opstap-themes-'));
		process.env.THEMES_DIR = dir;
	});
	afterEach(() => {
		delete process.env.THEMES_DIR;
		rmSync(dir, { recursive: true, force: true });
	});

	it('reads an installed theme with the hash the CSP needs, and reads it again when the file changes', () => {
		writeFileSync(join(dir, 'delft.css'), ':root{--a:#000}');
		expect(themeStyle('delft')).toEqual({ css: ':root{--a:#000}', hash: sha(':root{--a:#000}') });
		writeFileSync(join(dir, 'delft.css'), ':root{--a:#fff}');
		utimesSync(join(dir, 'delft.css'), new Date(), new Date(Date.now() + 5_000));
		expect(themeStyle('delft')?.css).toBe(':root{--a:#fff}');
		expect(themeStyleHashes()).toEqual([sha(':root{--a:#fff}')]);
	});

	it('gives nothing for a theme that is not installed or not a plain name', () => {
		writeFileSync(join(dir, 'delft.css'), ':root{}');
		expect(themeStyle('leiden')).toBeNull();
		expect(themeStyle('../delft')).toBeNull();
	});

	it('adds hashes to style-src only, and leaves a policy without style-src as it is', () => {
		const policy = "default-src 'self'; style-src 'self' 'nonce-abc'; img-src 'self'";
		expect(withStyleHashes(policy, ['sha256-x', 'sha256-y'])).toBe(
			"default-src 'self'; style-src 'self' 'nonce-abc' 'sha256-x' 'sha256-y'; img-src 'self'"
		);
		expect(withStyleHashes("default-src 'self'; style-src-attr 'none'", ['sha256-x'])).toBe(
			"default-src 'self'; style-src-attr 'none'"
		);
		expect(withStyleHashes(policy, [])).toBe(policy);
	});
});
