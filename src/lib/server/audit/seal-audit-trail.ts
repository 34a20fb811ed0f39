import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { xactLock } from '../jobs/locks';
import { startPeriodic } from '../jobs/periodic';
import { auditLog } from './audit.schema';
import { chainHash, GENESIS_HASH, macFits, type AuditDetails } from './audit-mac';
import { createHeadWitness, type AuditHead, type HeadWitness } from './audit-head';
import { logger } from '../logger';

/** How often each instance seals what was written since. */
export const SEAL_INTERVAL_MS = 1000;
const UPDATE_CHUNK = 200;

/**
 * Gives every unsealed audit record its place in the hash chain: the next seq, the hash of the
 * record before it and its own hash. Records are chained in the order they are sealed, so one
 * that commits late simply joins a later batch. A record whose MAC does not fit (a row the app
 * did not write) is sealed like any other, so the chain stays whole, and reported at once;
 * audit:verify names it. Answers how many records it sealed, and tells `witness` the head.
 */
export async function sealAuditTrail({
	db,
	batchSize = 2000,
	witness
}: {
	db: Db;
	batchSize?: number;
	witness?: HeadWitness;
}): Promise<number> {
	let sealed = 0;
	let head: AuditHead | undefined;
	for (;;) {
		const n = await db.transaction(async (tx) => {
			// One sealer at a time, across every instance.
			await tx.execute(xactLock('auditSeal'));
			const [last] = await tx
				.select({ seq: auditLog.seq, hash: auditLog.hash })
				.from(auditLog)
				.where(isNotNull(auditLog.seq))
				.orderBy(desc(auditLog.seq))
				.limit(1);
			const rows = await tx
				.select()
				.from(auditLog)
				.where(isNull(auditLog.seq))
				.orderBy(asc(auditLog.id))
				.limit(batchSize);
			let seq = last?.seq ?? 0;
			let prevHash = last?.hash ?? GENESIS_HASH;
			const sealedRows = rows.map((row) => {
				const content = { ...row, details: (row.details as AuditDetails | null) ?? null };
				if (row.mac === null || !macFits(content, row.mac))
					logger.error(
						{ auditId: row.id },
						'audit record not written by Kith (its MAC does not fit)'
					);
				const hash = chainHash({ ...content, prevHash });
				const out = { id: row.id, seq: ++seq, prevHash, hash };
				prevHash = hash;
				return out;
			});
			for (let i = 0; i < sealedRows.length; i += UPDATE_CHUNK) {
				const values = sealedRows
					.slice(i, i + UPDATE_CHUNK)
					.map((r) => sql`(${r.id}::bigint, ${r.seq}::bigint, ${r.prevHash}, ${r.hash})`);
				await tx.execute(sql`
					update audit_log as a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
					from (values ${sql.join(values, sql`, `)}) as v(id, seq, prev_hash, hash)
					where a.id = v.id`);
			}
			if (seq > 0) head = { seq, hash: prevHash, at: new Date().toISOString() };
			return rows.length;
		});
		sealed += n;
		if (n < batchSize) {
			if (head && witness) await witness(db, head);
			return sealed;
		}
	}
}

/** How many records wait to be sealed (shown by audit:verify). */
export async function countUnsealed(db: Db): Promise<number> {
	const result = await db.execute(sql`select count(*)::int as n from audit_log where seq is null`);
	return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * Seals the trail every second while the server runs (shutdown stops it with every periodic
 * job). Every instance runs it; the lock lets one at a time work. Each keeps the head it sees in
 * its data folder (audit-head.ts), also when another instance did the sealing.
 */
export function startAuditSealer(app: { db: Db; config: { dataDir: string } }): void {
	const witness = createHeadWitness(app.config.dataDir);
	startPeriodic({
		name: 'audit sealing',
		everyMs: SEAL_INTERVAL_MS,
		run: () => sealAuditTrail({ db: app.db, witness })
	});
}
