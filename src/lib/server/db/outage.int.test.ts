// A database connection lost under an idle pool (server restart, failover, an operator ending
// backends) must not end the process: node-postgres reports it as the pool's 'error' event, which
// unhandled is an uncaught exception. Needs PostgreSQL: skipped when only PGlite is tested.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from './client';
import { isDatabaseUnavailable } from './unavailable';
import { migrateWhenReachable } from '../app';

const admin = process.env.TEST_DATABASE_URL;

/**
 * A database of the test's own, opened through Kith's pool: `cut` ends every connection to it
 * from the outside, as a restarting server would; uncaught errors meanwhile are collected.
 */
async function withLostConnections(
	use: (kit: { database: Database; cut: () => Promise<void>; uncaught: unknown[] }) => Promise<void>
): Promise<void> {
	const name = `kith_outage_${randomBytes(5).toString('hex')}`;
	const c = new pg.Client({ connectionString: admin });
	await c.connect();
	await c.query(`create database ${name}`);
	const url = new URL(admin ?? '');
	url.pathname = `/${name}`;
	const database = openDatabase({ url: url.toString(), dataDir: 'memory://' });
	const uncaught: unknown[] = [];
	const onUncaught = (e: unknown) => uncaught.push(e);
	process.on('uncaughtException', onUncaught);
	const cut = async () => {
		await c.query(
			'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
			[name]
		);
		await new Promise((r) => setTimeout(r, 300));
	};
	try {
		await use({ database, cut, uncaught });
	} finally {
		process.off('uncaughtException', onUncaught);
		await database.close();
		await c.query(`drop database if exists ${name} with (force)`);
		await c.end();
	}
}

describe.skipIf(!admin)('a lost database connection', () => {
	it('is survived by the pool, and the next query reconnects', async () => {
		await withLostConnections(async ({ database, cut, uncaught }) => {
			await database.db.execute(sql`select 1`);
			await cut();
			expect(uncaught).toEqual([]);
			const r = await database.db.execute(sql`select 41 + 1 as n`);
			expect(rowsOf<{ n: number }>(r)[0]?.n).toBe(42);
		});
	});

	it('is survived in the middle of a transaction, between two statements', async () => {
		await withLostConnections(async ({ database, cut, uncaught }) => {
			const outcome = await database.db
				.transaction(async (tx) => {
					await tx.execute(sql`select 1`);
					// The server ends this connection while the transaction waits for other work.
					await cut();
					await tx.execute(sql`select 2`);
				})
				.then(
					() => 'committed',
					(e: unknown) => (isDatabaseUnavailable(e) ? 'unavailable' : e)
				);
			expect(outcome).toBe('unavailable');
			expect(uncaught).toEqual([]);
			const r = await database.db.execute(sql`select 41 + 1 as n`);
			expect(rowsOf<{ n: number }>(r)[0]?.n).toBe(42);
		});
	});

	it('at start-up is waited for, and a refused connection is recognised as an outage', async () => {
		// A port nothing listens on: migrate fails with ECONNREFUSED, recognised as unavailable.
		const database = openDatabase({
			url: 'postgres://postgres@127.0.0.1:1/none',
			dataDir: 'memory://'
		});
		try {
			const failure = await database.migrate().then(
				() => null,
				(e: unknown) => e
			);
			expect(isDatabaseUnavailable(failure)).toBe(true);
			// migrateWhenReachable keeps waiting rather than rejecting.
			const outcome = await Promise.race([
				migrateWhenReachable(database, 200).then(
					() => 'migrated',
					() => 'gave up'
				),
				new Promise((r) => setTimeout(() => r('still waiting'), 1500))
			]);
			expect(outcome).toBe('still waiting');
		} finally {
			await database.close().catch(() => undefined);
		}
	});
});
