// Lets a Node script import the survey engine's TypeScript as Vite would, without a build step. The engine is
// TypeScript written for Vite: its relative imports have no extension, and the project's tsconfig does not allow
// `.ts` in import paths. Node 24 strips the types itself; this hook only adds the `.ts` that Vite would have found
// and resolves SvelteKit's $lib alias. Import this module before importing any .ts file (scripts/survey-*.js).
import { registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

registerHooks({
	resolve(specifier, context, nextResolve) {
		const fromTypeScript = context.parentURL?.endsWith('.ts') ?? false;
		if (fromTypeScript && specifier.startsWith('.') && !/\.[a-z]+$/i.test(specifier)) {
			return nextResolve(`${specifier}.ts`, context);
		}
		// SvelteKit's $lib alias, as Vite resolves it (the XLSForm converter names the app's languages through it).
		if (fromTypeScript && specifier.startsWith('$lib/')) {
			const path = join(root, 'src/lib', specifier.slice('$lib/'.length));
			return nextResolve(`${pathToFileURL(path).href}${/\.[a-z]+$/i.test(path) ? '' : '.ts'}`, context);
		}
		return nextResolve(specifier, context);
	}
});
