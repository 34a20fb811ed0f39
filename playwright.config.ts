import { defineConfig } from '@playwright/test';

// Journeys run against the built app (npm run build first) on PGlite, and on PostgreSQL too
// when TEST_DATABASE_URL is set. Chromium is Debian's, never a downloaded browser.
const withPostgres = !!process.env.TEST_DATABASE_URL;
// Another checkout can run its journeys beside this one: E2E_PORT=3200 uses 3200 and 3201.
const port = Number(process.env.E2E_PORT ?? 3100);
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
		{ name: 'pglite', use: { baseURL: `http://localhost:${port}` } },
		...(withPostgres
			? [
					{
						name: 'postgres',
						use: { baseURL: `http://localhost:${port + 1}` },
						grepInvert: /@pglite-only/
					}
				]
			: [])
	],
	webServer: [
		{
			command: `npx tsx tests/e2e/server.ts pglite ${port}`,
			url: `http://localhost:${port}/readyz`,
			timeout: 120_000,
			reuseExistingServer: false,
			stdout: 'pipe'
		},
		...(withPostgres
			? [
					{
						command: `npx tsx tests/e2e/server.ts postgres ${port + 1}`,
						url: `http://localhost:${port + 1}/readyz`,
						timeout: 120_000,
						reuseExistingServer: false,
						stdout: 'pipe' as const
					}
				]
			: [])
	]
});
