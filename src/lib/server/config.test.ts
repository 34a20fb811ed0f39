import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
	it('uses the embedded database and local origin when nothing is set', () => {
		const c = parseConfig({});
		expect(c.DATABASE_URL).toBeUndefined();
		expect(c.ORIGIN).toBe('http://localhost:3000');
		expect(c.KITH_DATA_DIR).toBe('./data');
	});

	it('stops with a message that names each malformed setting', () => {
		const run = () =>
			parseConfig({ DATABASE_URL: 'mysql://x', ORIGIN: 'not a url', KITH_SECRET: 'short' });
		expect(run).toThrow(ConfigError);
		expect(run).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
		expect(run).toThrow(/ORIGIN/);
		expect(run).toThrow(/KITH_SECRET: must be at least 32 characters/);
	});

	it('takes the owner for migrations only beside the database Kith runs on', () => {
		expect(() => parseConfig({ DATABASE_OWNER_URL: 'postgres://owner@db/kith' })).toThrow(
			/DATABASE_OWNER_URL is for migrations of the DATABASE_URL database/
		);
		const c = parseConfig({
			DATABASE_URL: 'postgres://kith@db/kith',
			DATABASE_OWNER_URL: 'postgres://owner@db/kith'
		});
		expect(c.DATABASE_OWNER_URL).toBe('postgres://owner@db/kith');
	});
});
