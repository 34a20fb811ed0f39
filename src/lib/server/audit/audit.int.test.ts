import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { recordAuditAlone } from './record-audit';
import { verifyAuditChain } from './verify-audit-chain';

describe.each(dbKinds)('audit trail on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const entry = (action: string) => ({
		actorUserId: 'u1',
		actingRole: 'member',
		siteId: null,
		action,
		entityType: 'profile',
		entityId: 'u1',
		outcome: 'success' as const,
		ip: '127.0.0.1',
		details: { field: 'displayName', count: 2 }
	});

	it('chains records so the whole trail verifies', async () => {
		for (const a of ['one', 'two', 'three']) await recordAuditAlone(app.db, entry(a));
		const report = await verifyAuditChain({ db: app.db, pageSize: 2 });
		expect(report).toEqual({ ok: true, checked: 3 });
	});

	it('refuses UPDATE and DELETE on the trail', async () => {
		await expect(app.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
		await expect(app.db.execute(sql`delete from audit_log`)).rejects.toThrow();
		await expect(app.db.execute(sql`truncate audit_log`)).rejects.toThrow();
	});

	it('names the first record whose content was altered behind the trigger', async () => {
		await app.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
		await app.db.execute(sql`update audit_log set action = 'forged' where id = 2`);
		await app.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
		const report = await verifyAuditChain({ db: app.db });
		expect(report).toMatchObject({ ok: false, brokenId: 2, reason: 'hash' });
	});
});
