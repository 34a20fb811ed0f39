import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'data/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'src/lib/server/db/auth.schema.ts'
		]
	},
	js.configs.recommended,
	...ts.configs.strict,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		// Type information for every TypeScript and Svelte file: the project's tsconfig, and a
		// default project for the few it leaves out (root configs, benchmarks, the service worker).
		files: ['**/*.ts', '**/*.svelte'],
		languageOptions: {
			parserOptions: {
				projectService: {
					allowDefaultProject: [
						'drizzle.config.ts',
						'playwright.config.ts',
						'vitest.config.ts',
						'bench/*.ts',
						'bench/lib/*.ts',
						'src/service-worker.ts'
					],
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24
				},
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// A promise nobody awaits loses its error; fire-and-forget is written `void` with a reason.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// A switch over a union names every member, or says what its default stands for.
			'@typescript-eslint/switch-exhaustiveness-check': [
				'error',
				{ considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true }
			]
		}
	},
	{
		// Journeys take `test` from the shared fixture, which fails them on a content security
		// policy violation; Playwright's own `test` would skip that guard.
		files: ['tests/e2e/**/*.e2e.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							message: 'Import test and expect from tests/e2e/fixtures/test instead.'
						}
					]
				}
			]
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-control-regex': 'off',
			'svelte/no-navigation-without-resolve': 'off'
		}
	}
);
