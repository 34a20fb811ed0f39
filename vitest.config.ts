import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and integration tests run server code directly, without the SvelteKit/Vite plugins.
// Two projects so one kind runs alone: `npm run test:unit` (no database) and `npm run test:int`
// (*.int.test.ts, against PGlite and, with TEST_DATABASE_URL, PostgreSQL).
export default defineConfig({
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		maxWorkers: 2,
		// A test that asserts nothing cannot fail: every test must call expect at least once.
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.int.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'int',
					include: ['src/**/*.int.test.ts'],
					setupFiles: ['src/lib/server/testing/one-statement-at-a-time.ts']
				}
			}
		]
	}
});
