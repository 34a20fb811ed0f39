import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import { auditLog } from './audit.schema';
import { chainHash, GENESIS_HASH } from './audit-mac';
import { sql } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { recordAuditAlone } from './record-audit';
import { describeChainReport, verifyAuditChain } from './verify-audit-chain';
import { countUnsealed, sealAuditTrail } from './seal-audit-trail';
import { createHeadWitness, readAuditHead } from './audit-head';

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

describe.each(dbKinds)('audit trail on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

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

	it('names the first record whose content was altered behind the trigger as forged', async () => {
		await app.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
		await app.db.execute(sql`update audit_log set action = 'forged' where id = 2`);
		await app.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
		const report = await verifyAuditChain({ db: app.db });
		expect(report).toMatchObject({ ok: false, brokenId: 2, reason: 'forged' });
		expect(describeChainReport(report)).toMatch(/BROKEN at record id 2: FORGED/);
	});
});

// The attacks the trail must survive: someone who can write to the database (even as its owner,
// switching triggers off) adds a row the sealer then chains, copies a genuine one, rewrites the
// chain after a removal, or removes the newest records.
describe.each(dbKinds)('audit trail against a writer behind the app on %s', (kind) => {
	let app: TestApp;
	beforeEach(async () => {
		app = await createTestApp(kind);
	});
	afterEach(async () => app.cleanup());

	const record = async (n: number) => {
		for (let i = 0; i < n; i++) await recordAuditAlone(app.db, entry(`r${i}`));
	};
	const idOfSeq = async (seq: number) =>
		rowsOf<{ id: number }>(
			await app.db.execute(sql`select id::int as id from audit_log where seq = ${seq}`)
		)[0]?.id;

	it('names a row inserted behind the app, which the sealer chained, as forged', async () => {
		await record(3);
		const forgedMac = 'v1.AAAAAAAAAAAAAAAA.bm90LWEtcmVhbC10YWctbm90LWEtcmVhbC10YWc';
		await app.db.execute(sql`insert into audit_log (at, actor_user_id, action, outcome, mac)
			values (now(), 'u2', 'people.disable', 'success', ${forgedMac})`);
		await record(2);
		expect(await sealAuditTrail({ db: app.db })).toBe(6);
		const report = await verifyAuditChain({ db: app.db });
		expect(report).toMatchObject({ ok: false, reason: 'forged', checked: 3 });
		expect(report.ok === false && 'brokenId' in report && report.brokenId).toBe(await idOfSeq(4));
	});

	it('refuses a record without a MAC, and a copy of a genuine one', async () => {
		await record(1);
		await expect(
			app.db.execute(
				sql`insert into audit_log (at, action, outcome) values (now(), 'x', 'success')`
			)
		).rejects.toThrow();
		await expect(
			app.db
				.execute(sql`insert into audit_log (at, actor_user_id, acting_role, action, entity_type, entity_id, outcome, ip, details, mac)
				select at, actor_user_id, acting_role, action, entity_type, entity_id, outcome, ip, details, mac from audit_log limit 1`)
		).rejects.toThrow();
		expect(await sealAuditTrail({ db: app.db })).toBe(1);
		expect(await verifyAuditChain({ db: app.db })).toEqual({ ok: true, checked: 1 });
	});

	it('names a chain re-linked after a removal, which unkeyed hashes could not tell', async () => {
		await record(5);
		await sealAuditTrail({ db: app.db });
		// Remove record 3, renumber the rest and re-link them with SHA-256 hashes, as anyone could
		// when the chain was unkeyed: every seq and link fits, but the keyed hash cannot be remade.
		await app.db.execute(sql`alter table audit_log disable trigger user`);
		await app.db.execute(sql`delete from audit_log where seq = 3`);
		const rows = await app.db.select().from(auditLog).orderBy(asc(auditLog.seq));
		let prevHash = GENESIS_HASH;
		for (const [i, row] of rows.entries()) {
			const content = { ...row, details: row.details ?? null };
			const hash = chainHash({ ...content, mac: null, prevHash });
			await app.db.execute(
				sql`update audit_log set seq = ${i + 1}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`
			);
			prevHash = hash;
		}
		await app.db.execute(sql`alter table audit_log enable trigger user`);
		expect(await verifyAuditChain({ db: app.db })).toMatchObject({
			ok: false,
			checked: 0,
			reason: 'hash'
		});
	});

	it('names records removed from the end, with the head the sealer witnessed', async () => {
		const witness = createHeadWitness(app.config.dataDir);
		await record(5);
		await sealAuditTrail({ db: app.db, witness });
		const read = readAuditHead(app.config.dataDir);
		expect(read).toMatchObject({ kind: 'ok', head: { seq: 5 } });
		const head = read.kind === 'ok' ? read.head : undefined;
		expect(await verifyAuditChain({ db: app.db, head })).toEqual({ ok: true, checked: 5 });

		await app.db.execute(sql`alter table audit_log disable trigger audit_log_no_delete`);
		await app.db.execute(sql`delete from audit_log where seq > 3`);
		await app.db.execute(sql`alter table audit_log enable trigger audit_log_no_delete`);
		// Without the witness the shortened trail is consistent with itself.
		expect(await verifyAuditChain({ db: app.db })).toEqual({ ok: true, checked: 3 });
		const report = await verifyAuditChain({ db: app.db, head });
		expect(report).toMatchObject({ ok: false, reason: 'truncated', lastSeq: 3 });
		expect(describeChainReport(report)).toMatch(
			/TRUNCATED.*was record 5 \(2 missing from the end\)/
		);

		// New records chained after the removal take the removed places; the witness does not move
		// past the evidence, and the trail still fails at the witnessed place.
		await record(4);
		await sealAuditTrail({ db: app.db, witness });
		const after = readAuditHead(app.config.dataDir);
		expect(after).toMatchObject({ kind: 'ok', head: { seq: 5, hash: head?.hash } });
		expect(await verifyAuditChain({ db: app.db, head })).toMatchObject({
			ok: false,
			reason: 'truncated',
			checked: 4
		});
	});

	it('refuses a witness file that was edited', async () => {
		const witness = createHeadWitness(app.config.dataDir);
		await record(2);
		await sealAuditTrail({ db: app.db, witness });
		const file = join(app.config.dataDir, 'audit-head.json');
		const stored = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...stored, seq: 1 }));
		expect(readAuditHead(app.config.dataDir)).toMatchObject({ kind: 'invalid' });
	});
});
