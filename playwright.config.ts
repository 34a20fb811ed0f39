import { defineConfig } from '@playwright/test';

// Journeys run against the built app (npm run build first) on PGlite, and on PostgreSQL too
// when TEST_DATABASE_URL is set. Chromium is Debian's, never a downloaded browser.
const withPostgres = !!process.env.TEST_DATABASE_URL;
const chromium = {
	browserName: 'chromium' as const,
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	}
};

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: { ...chromium, trace: 'retain-on-failure', locale: 'en-GB' },
	projects: [
		{ name: 'pglite', use: { baseURL: 'http://localhost:3100' } },
		...(withPostgres
			? [
					{
						name: 'postgres',
						use: { baseURL: 'http://localhost:3101' },
						grepInvert: /@pglite-only/
					}
				]
			: [])
	],
	webServer: [
		{
			command: 'npx tsx tests/e2e/server.ts pglite 3100',
			url: 'http://localhost:3100/readyz',
			timeout: 120_000,
			reuseExistingServer: false,
			stdout: 'pipe'
		},
		...(withPostgres
			? [
					{
						command: 'npx tsx tests/e2e/server.ts postgres 3101',
						url: 'http://localhost:3101/readyz',
						timeout: 120_000,
						reuseExistingServer: false,
						stdout: 'pipe' as const
					}
				]
			: [])
	]
});
