import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Opstap is served from the root (no `paths.base`), so plain hrefs are right and work before hydration.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// zod stays off the phone (issue 17: it was 28 KB gzip of the question screen). Code that can run in the browser
		// may take types from a zod schema (`import type`: erased in the build), never load zod or a module of schemas.
		files: ['src/**/*.{ts,js,svelte}'],
		ignores: [
			'src/lib/server/**',
			'src/**/*.server.{ts,js}',
			'src/routes/**/+server.{ts,js}',
			'src/lib/survey/schema/**',
			// Definitions for the engine's tests and the CLI.
			'src/lib/survey/fixtures/**',
			'src/lib/outbox/contract.ts',
			// A helper of the voice pages' form actions only (their +page.server.ts files import it).
			'src/routes/coach/voice/\\[lang\\]/upload.ts'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'zod', allowTypeImports: true, message: 'zod is for the server: import type only.' },
						{
							name: '$lib/outbox/contract',
							allowTypeImports: true,
							message: 'The contract holds zod schemas: import its types only.'
						}
					],
					patterns: [
						{
							regex: '(^|/)survey/schema(/|$)|^(\\.\\.?/)+schema(/|$)',
							allowTypeImports: true,
							message: 'The survey schemas are zod: use $lib/survey, or import type.'
						}
					]
				}
			]
		}
	},
	{ ignores: ['build/', '.svelte-kit/', 'data/', 'node_modules/', 'static/', 'bench/results/'] }
);
