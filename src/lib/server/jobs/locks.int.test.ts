import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/client';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { lockKeys, recordXactLock, tryXactLock, xactLock } from './locks';

it('gives every fixed lock a key of its own', () => {
	const keys = Object.values(lockKeys);
	expect(new Set(keys).size).toBe(keys.length);
});

/** The advisory locks this transaction holds, as pg_locks lists them. */
const heldBy = async (tx: Tx) =>
	rowsOf<{ classid: number; objid: number; objsubid: number }>(
		await tx.execute(sql`
			select classid::int8::int as classid, objid::int8 as objid, objsubid::int as objsubid
			from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
			order by objsubid, objid`)
	).map((l) => ({ ...l, objid: Number(l.objid) }));

describe.each(dbKinds)('advisory locks on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('keeps fixed keys and per-record locks in separate key spaces', async () => {
		const id = randomUUID();
		await app.db.transaction(async (tx) => {
			await tx.execute(xactLock('auditSeal'));
			await tx.execute(recordXactLock('chatSession', id));
			const [hash] = rowsOf<{ h: number }>(await tx.execute(sql`select hashtext(${id}) as h`));
			// PostgreSQL files a one-key lock under objsubid 1 and a two-key lock under 2, so a
			// record whose id happens to hash to 7402 still cannot take the sealer's lock.
			expect(await heldBy(tx)).toEqual([
				{ classid: 0, objid: lockKeys.auditSeal, objsubid: 1 },
				{ classid: 1, objid: (hash?.h ?? 0) >>> 0, objsubid: 2 }
			]);
		});
	});
});

// Waiting on another transaction needs two connections: PostgreSQL only (PGlite has one).
describe.skipIf(!process.env.TEST_DATABASE_URL)('advisory locks between connections', () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp('postgres');
	});
	afterAll(async () => app.cleanup());

	/** Runs `lock` on another connection, giving up after a moment if someone holds it. */
	const elsewhere = (lock: ReturnType<typeof xactLock>) =>
		app.db.transaction(async (tx) => {
			await tx.execute(sql`set local lock_timeout = '200ms'`);
			return rowsOf<{ ok?: boolean }>(await tx.execute(lock))[0];
		});

	it('holds a fixed lock until the transaction ends', async () => {
		await app.db.transaction(async (tx) => {
			await tx.execute(xactLock('auditSeal'));
			expect(await elsewhere(tryXactLock('auditSeal'))).toEqual({ ok: false });
			expect(await elsewhere(tryXactLock('reminders'))).toEqual({ ok: true });
		});
		expect(await elsewhere(tryXactLock('auditSeal'))).toEqual({ ok: true });
	});

	it('makes a second writer to the same record wait, and nobody else', async () => {
		const id = randomUUID();
		await app.db.transaction(async (tx) => {
			await tx.execute(recordXactLock('chatSession', id));
			await expect(elsewhere(recordXactLock('chatSession', id))).rejects.toThrow();
			await elsewhere(recordXactLock('chatSession', randomUUID()));
			expect(await elsewhere(tryXactLock('auditSeal'))).toEqual({ ok: true });
		});
		await elsewhere(recordXactLock('chatSession', id));
	});
});
