import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as schema from './schema';
import { lockKeys } from '../jobs/locks';
import { logger } from '../logger';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Applies the committed migrations; safe to call from several instances at once. */
	migrate: () => Promise<void>;
	close: () => Promise<void>;
	/** The raw client, for LISTEN/NOTIFY and dumps. */
	raw: { pglite?: PGlite; pool?: pg.Pool };
};

export const migrationsFolder = resolve(process.env.KITH_MIGRATIONS_DIR ?? 'drizzle');

/** PGlite under the data folder when no URL is given; a PostgreSQL pool otherwise. */
export function openDatabase(opts: { url?: string; dataDir: string }): Database {
	if (opts.url) {
		const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
		// A client whose server went away (restart, failover) reports it as an 'error' event.
		// Unhandled, node-postgres raises it as an uncaught exception and the process ends. The
		// pool listens to a client only while it is idle (and re-emits here); a checked-out client
		// (a transaction awaiting other work between two statements) needs its own listener,
		// added on connect below. Either way the statement that used it fails by itself, the pool
		// drops the client, and the next query connects afresh once the server is back.
		const lost = (e: Error) =>
			logger.warn(
				{ err: e.message, code: (e as { code?: string }).code },
				'database connection lost'
			);
		// Logged once, by the client's own listener.
		pool.on('error', () => undefined);
		// pool.end() resolves once it has asked every client to end, not once their connections
		// have closed: close() waits for those too, so nothing of this pool outlives it.
		const closed = new Set<Promise<void>>();
		pool.on('connect', (c) => {
			closed.add(new Promise((done) => c.once('end', () => done())));
			c.on('error', lost);
		});
		const db = drizzlePg({ client: pool, schema }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			raw: { pool },
			migrate: async () => {
				const client = await pool.connect();
				try {
					// One instance migrates at a time; the others wait and then find nothing to do.
					await client.query('select pg_advisory_lock($1::bigint)', [lockKeys.migrations]);
					await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
				} finally {
					await client
						.query('select pg_advisory_unlock($1::bigint)', [lockKeys.migrations])
						.catch(() => undefined);
					client.release();
				}
			},
			close: async () => {
				await pool.end();
				await Promise.all(closed);
			}
		};
	}
	const dir = opts.dataDir === 'memory://' ? undefined : join(opts.dataDir, 'pglite');
	if (dir) mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir);
	const db = drizzlePglite({ client, schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		raw: { pglite: client },
		migrate: async () => {
			await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
		},
		close: () => client.close()
	};
}

/** True when the database answers and every committed migration is applied. */
export async function isReady(database: Database, expectedMigrations: number): Promise<boolean> {
	try {
		const result = await database.db.execute(
			sql`select count(*)::int as n from drizzle.__drizzle_migrations`
		);
		return (rowsOf<{ n: number }>(result)[0]?.n ?? 0) >= expectedMigrations;
	} catch {
		return false;
	}
}

/** Rows of a raw `db.execute` result; PGlite and node-postgres both answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
