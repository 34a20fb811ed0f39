import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createApp, type App } from '../app';
import { openDatabase, ownsAuditTrail, type Database } from '../db/client';
import { parseConfig } from '../config';
import { recordAuditAlone } from './record-audit';
import { sealAuditTrail } from './seal-audit-trail';
import { verifyAuditChain } from './verify-audit-chain';

// Kith on PostgreSQL as a role of its own (DATABASE_URL), migrated by the owner
// (DATABASE_OWNER_URL): the app can write and seal its audit trail but cannot change a record,
// remove one, or switch the triggers that guard them off. PostgreSQL only: roles are the server's.
const admin = process.env.TEST_DATABASE_URL;

describe.skipIf(!admin)('Kith running as its own database role', () => {
	const suffix = randomBytes(5).toString('hex');
	const dbName = `kith_role_${suffix}`;
	const role = `kith_app_${suffix}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'kith-role-'));
	let database: Database;
	let app: App;
	const adminQuery = async (text: string) => {
		const c = new pg.Client({ connectionString: admin });
		await c.connect();
		try {
			await c.query(text);
		} finally {
			await c.end();
		}
	};
	const urlFor = (user: string | null) => {
		const u = new URL(admin as string);
		u.pathname = `/${dbName}`;
		if (user) u.username = user;
		return u.toString();
	};

	beforeAll(async () => {
		await adminQuery(`create database ${dbName}`);
		await adminQuery(`create role ${role} login`);
		const cfg = parseConfig({
			KITH_DATA_DIR: dataDir,
			DATABASE_URL: urlFor(role),
			DATABASE_OWNER_URL: urlFor(null),
			NODE_ENV: 'test'
		});
		database = openDatabase({
			url: cfg.DATABASE_URL,
			ownerUrl: cfg.DATABASE_OWNER_URL,
			dataDir
		});
		await database.migrate();
		app = createApp({ ...cfg, secret: randomBytes(32).toString('hex'), dataDir }, database);
	});
	afterAll(async () => {
		await app?.realtime.close();
		await database?.close();
		await adminQuery(`drop database if exists ${dbName} with (force)`);
		await adminQuery(`drop role if exists ${role}`);
		rmSync(dataDir, { recursive: true, force: true });
	});

	const entry = {
		actorUserId: 'u1',
		actingRole: 'member',
		siteId: null,
		action: 'profile.update' as const,
		entityType: 'profile',
		entityId: 'u1',
		outcome: 'success' as const,
		ip: '127.0.0.1',
		details: null
	};

	it('writes, seals and verifies its trail, and knows it does not own it', async () => {
		expect(await ownsAuditTrail(database)).toBe(false);
		await recordAuditAlone(app.db, entry);
		await recordAuditAlone(app.db, entry);
		expect(await sealAuditTrail({ db: app.db })).toBe(2);
		expect(await verifyAuditChain({ db: app.db })).toEqual({ ok: true, checked: 2 });
	});

	it('cannot switch the triggers off, drop the guards, or change and remove records', async () => {
		// 42501: insufficient privilege ("permission denied", "must be owner").
		const refused = async (statement: string) =>
			expect(app.db.execute(sql.raw(statement))).rejects.toMatchObject({
				cause: { code: '42501' }
			});
		await refused('alter table audit_log disable trigger audit_log_no_update');
		await refused('alter table audit_log disable trigger all');
		await refused('drop trigger audit_log_no_delete on audit_log');
		await refused('alter table audit_log drop constraint audit_mac_present');
		await refused('drop index audit_mac');
		await refused("update audit_log set action = 'forged'");
		await refused('delete from audit_log');
		await refused('truncate audit_log');
		await verifyAuditChain({ db: app.db }).then((r) => expect(r.ok).toBe(true));
	});

	it('still works every other table it needs, and migrating again keeps its rights', async () => {
		await database.migrate();
		const result = await app.db.execute(
			sql`select has_table_privilege(current_user, 'memberships', 'insert, update, delete') as rw,
				has_table_privilege(current_user, 'audit_log', 'insert') as ins,
				has_column_privilege(current_user, 'audit_log', 'hash', 'update') as seal`
		);
		expect((result as { rows: unknown[] }).rows[0]).toEqual({ rw: true, ins: true, seal: true });
	});
});
