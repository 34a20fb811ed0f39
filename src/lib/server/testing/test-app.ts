// Real databases for integration tests: an in-memory PGlite always, and a fresh PostgreSQL
// database when TEST_DATABASE_URL is set. Each call makes its own database and drops it after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type App } from '../app';
import { openDatabase } from '../db/client';
import { parseConfig, type Config } from '../config';
import { closeLiveRooms } from '../live-room/hubs';
import { flushWritesBehind } from '../db/write-behind';

export type DbKind = 'pglite' | 'postgres';

/** The database kinds this run tests against: PGlite always, PostgreSQL when configured. */
export const dbKinds: DbKind[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export type TestApp = App & { cleanup: () => Promise<void> };

export async function createTestApp(kind: DbKind): Promise<TestApp> {
	const dataDir = mkdtempSync(join(tmpdir(), 'kith-test-'));
	let url: string | undefined;
	let dropDb: (() => Promise<void>) | undefined;
	if (kind === 'postgres') {
		const admin = process.env.TEST_DATABASE_URL;
		if (!admin) throw new Error('TEST_DATABASE_URL is not set');
		const name = `kith_test_${randomBytes(6).toString('hex')}`;
		const client = new pg.Client({ connectionString: admin });
		await client.connect();
		await client.query(`create database ${name}`);
		await client.end();
		const u = new URL(admin);
		u.pathname = `/${name}`;
		url = u.toString();
		dropDb = async () => {
			const c = new pg.Client({ connectionString: admin });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		};
	}
	const env = parseConfig({
		KITH_DATA_DIR: dataDir,
		DATABASE_URL: url,
		NODE_ENV: 'test',
		LOG_LEVEL: 'silent'
	});
	const cfg: Config = { ...env, secret: randomBytes(32).toString('hex'), dataDir };
	const database = openDatabase({ url, dataDir: kind === 'pglite' ? 'memory://' : dataDir });
	await database.migrate();
	const app = createApp(cfg, database);
	return {
		...app,
		cleanup: async () => {
			await closeLiveRooms(app);
			await flushWritesBehind(app.db);
			await app.realtime.close();
			await database.close();
			await dropDb?.();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
