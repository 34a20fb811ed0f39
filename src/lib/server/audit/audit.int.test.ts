import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { recordAuditAlone } from './record-audit';
import { verifyAuditChain } from './verify-audit-chain';
import { countUnsealed, sealAuditTrail } from './seal-audit-trail';

describe.each(dbKinds)('audit trail on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	// The label tells the records apart; which action they name does not matter to the chain.
	const entry = (label: string) => ({
		actorUserId: 'u1',
		actingRole: 'member',
		siteId: null,
		action: 'profile.update' as const,
		entityType: 'profile',
		entityId: 'u1',
		outcome: 'success' as const,
		ip: '127.0.0.1',
		details: { field: 'displayName', count: 2, label }
	});

	it('chains records so the whole trail verifies', async () => {
		for (const a of ['one', 'two', 'three']) await recordAuditAlone(app.db, entry(a));
		expect(await countUnsealed(app.db)).toBe(3);
		expect(await sealAuditTrail({ db: app.db })).toBe(3);
		expect(await countUnsealed(app.db)).toBe(0);
		const report = await verifyAuditChain({ db: app.db, pageSize: 2 });
		expect(report).toEqual({ ok: true, checked: 3 });
	});

	it('refuses to change an unsealed record, even alongside sealing it', async () => {
		await recordAuditAlone(app.db, entry('four'));
		await expect(
			app.db.execute(sql`update audit_log set action = 'x' where seq is null`)
		).rejects.toThrow();
		await expect(
			app.db.execute(
				sql`update audit_log set action = 'x', seq = 999, prev_hash = 'p', hash = 'h' where seq is null`
			)
		).rejects.toThrow();
		expect(await countUnsealed(app.db)).toBe(1);
	});

	it('chains records sealed in several batches, by concurrent sealers, in one unbroken line', async () => {
		for (const a of ['five', 'six', 'seven', 'eight', 'nine'])
			await recordAuditAlone(app.db, entry(a));
		const [a, b] = await Promise.all([
			sealAuditTrail({ db: app.db, batchSize: 2 }),
			sealAuditTrail({ db: app.db, batchSize: 2 })
		]);
		expect(a + b).toBe(6);
		await recordAuditAlone(app.db, entry('ten'));
		expect(await sealAuditTrail({ db: app.db })).toBe(1);
		expect(await verifyAuditChain({ db: app.db, pageSize: 3 })).toEqual({ ok: true, checked: 10 });
	});

	it('refuses UPDATE and DELETE on the trail', async () => {
		await expect(app.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
		await expect(app.db.execute(sql`update audit_log set hash = 'x'`)).rejects.toThrow();
		await expect(app.db.execute(sql`update audit_log set seq = seq + 100`)).rejects.toThrow();
		await expect(app.db.execute(sql`delete from audit_log`)).rejects.toThrow();
		await expect(app.db.execute(sql`truncate audit_log`)).rejects.toThrow();
	});

	it('names the record after one removed behind the trigger', async () => {
		await app.db.execute(sql`alter table audit_log disable trigger audit_log_no_delete`);
		await app.db.execute(sql`delete from audit_log where seq = 9`);
		await app.db.execute(sql`alter table audit_log enable trigger audit_log_no_delete`);
		const report = await verifyAuditChain({ db: app.db });
		expect(report).toMatchObject({ ok: false, checked: 8, reason: 'link' });
	});

	it('names the first record whose content was altered behind the trigger', async () => {
		await app.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
		await app.db.execute(sql`update audit_log set action = 'forged' where id = 2`);
		await app.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
		const report = await verifyAuditChain({ db: app.db });
		expect(report).toMatchObject({ ok: false, brokenId: 2, reason: 'hash' });
	});
});
