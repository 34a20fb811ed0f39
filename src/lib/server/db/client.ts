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

/**
 * What Kith's own role may do once the owner has migrated: read and write its tables, but on the
 * audit trail only insert and seal (the columns sealing fills). Not owning anything, it cannot
 * alter a table, drop an index or switch a trigger off. Granted again after every migration, so
 * new tables are covered.
 */
async function grantAppRole(owner: pg.Client, role: string): Promise<void> {
	const r = pg.escapeIdentifier(role);
	await owner.query(`
		grant usage on schema public, drizzle to ${r};
		grant select on all tables in schema drizzle to ${r};
		grant select, insert, update, delete on all tables in schema public to ${r};
		grant usage, select on all sequences in schema public to ${r};
		revoke update, delete, truncate on audit_log from ${r};
		grant update (seq, prev_hash, hash) on audit_log to ${r};`);
}

/**
 * drizzle-orm's node-postgres `transaction()` sends BEGIN before the try/finally that gives its
 * client back (drizzle-orm#6241, open in 0.45): a BEGIN that fails, as it does on a connection that
 * died while idle in the pool, keeps the client checked out for ever, and ten such failures during
 * an outage leave every later transaction waiting on an empty pool. Until drizzle fixes it, a
 * pooled client whose BEGIN fails is given back here, with the error, so the pool drops it;
 * drizzle never touches the client again on that path.
 */
function releaseOnFailedBegin(pool: pg.Pool): void {
	const guarded = new WeakSet<pg.PoolClient>();
	pool.on('acquire', (client) => {
		if (guarded.has(client)) return;
		guarded.add(client);
		const query = client.query.bind(client) as (...args: unknown[]) => unknown;
		(client as { query: unknown }).query = (...args: unknown[]) => {
			const result = query(...args);
			const first = args[0];
			const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
			if (result instanceof Promise && typeof text === 'string' && /^begin\b/i.test(text))
				result.catch((e: unknown) =>
					client.release(e instanceof Error ? e : new Error('begin failed'))
				);
			return result;
		};
	});
}

/**
 * PGlite under the data folder when no URL is given; a PostgreSQL pool otherwise. With `ownerUrl`
 * the migrations run as the database's owner, who then grants the pool's role what it needs.
 */
export function openDatabase(opts: { url?: string; ownerUrl?: string; dataDir: string }): Database {
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
		releaseOnFailedBegin(pool);
		const db = drizzlePg({ client: pool, schema }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			raw: { pool },
			migrate: async () => {
				const owner = opts.ownerUrl ? new pg.Client({ connectionString: opts.ownerUrl }) : null;
				const client = owner ?? (await pool.connect());
				try {
					if (owner) await owner.connect();
					// One instance migrates at a time; the others wait and then find nothing to do.
					await client.query('select pg_advisory_lock($1::bigint)', [lockKeys.migrations]);
					await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
					if (owner) {
						const { rows } = await pool.query<{ role: string }>('select current_user as role');
						const { rows: own } = await owner.query<{ role: string }>(
							'select current_user as role'
						);
						if (rows[0] && rows[0].role !== own[0]?.role) await grantAppRole(owner, rows[0].role);
					}
				} finally {
					await client
						.query('select pg_advisory_unlock($1::bigint)', [lockKeys.migrations])
						.catch(() => undefined);
					if (owner) await owner.end().catch(() => undefined);
					else (client as pg.PoolClient).release();
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

/**
 * True when the app's role owns the audit trail, so could switch its triggers off: on PostgreSQL
 * without DATABASE_OWNER_URL. (PGlite is one process owning its own files; there is no other role.)
 */
export async function ownsAuditTrail(database: Database): Promise<boolean> {
	if (database.kind !== 'postgres') return false;
	const result = await database.db.execute(
		sql`select tableowner = current_user as owns from pg_tables where tablename = 'audit_log'`
	);
	return rowsOf<{ owns: boolean }>(result)[0]?.owns ?? false;
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
