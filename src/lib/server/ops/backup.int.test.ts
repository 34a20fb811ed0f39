import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { asc } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { sites } from '../sites/sites.schema';
import { backupDatabase, restoreDatabase } from './backup';
import { dbKinds } from '../testing/test-app';

const site = (slug: string) => ({
	slug,
	name: `Site ${slug}`,
	defaultLocale: 'en',
	locales: ['en'],
	timeZone: 'UTC'
});
const slugs = async (d: Database) =>
	(await d.db.select({ slug: sites.slug }).from(sites).orderBy(asc(sites.slug))).map((r) => r.slug);

describe.each(dbKinds)('backup and restore on %s', (kind) => {
	const dir = mkdtempSync(join(tmpdir(), 'kith-backup-'));
	let url: string | undefined;
	let drop: (() => Promise<void>) | undefined;
	afterAll(async () => {
		await drop?.();
		rmSync(dir, { recursive: true, force: true });
	});

	it('restores exactly what the backup held, and nothing written after it', async () => {
		if (kind === 'postgres') {
			const admin = process.env.TEST_DATABASE_URL as string;
			const name = `kith_backup_${randomBytes(5).toString('hex')}`;
			const c = new pg.Client({ connectionString: admin });
			await c.connect();
			await c.query(`create database ${name}`);
			await c.end();
			const u = new URL(admin);
			u.pathname = `/${name}`;
			url = u.toString();
			drop = async () => {
				const d = new pg.Client({ connectionString: admin });
				await d.connect();
				await d.query(`drop database if exists ${name} with (force)`);
				await d.end();
			};
		}
		const file = join(dir, 'kith.backup');
		let database = openDatabase({ url, dataDir: dir });
		await database.migrate();
		await database.db.insert(sites).values([site('alpha'), site('beta')]);
		const before = await slugs(database);
		await backupDatabase({ database, url, file });
		await database.db.insert(sites).values(site('gamma'));
		expect(await slugs(database)).toEqual(['alpha', 'beta', 'gamma']);
		await database.close();

		await restoreDatabase({ kind, url, dataDir: dir, file });
		database = openDatabase({ url, dataDir: dir });
		expect(await slugs(database)).toEqual(before);
		await database.close();
	}, 120_000);
});
