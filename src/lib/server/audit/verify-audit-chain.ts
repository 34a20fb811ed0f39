import { and, asc, gt, isNotNull } from 'drizzle-orm';
import { auditLog } from './audit.schema';
import { auditHash, GENESIS_HASH, type AuditDetails } from './record-audit';
import type { Db } from '../db/client';

export type ChainReport =
	| { ok: true; checked: number }
	| { ok: false; checked: number; brokenId: number; reason: 'hash' | 'link' };

/**
 * Recomputes the sealed chain in seq order, in pages, and names the first record that does not
 * fit: its content does not match its hash, or it does not link to the record before it (a wrong
 * previous hash, or a gap in seq where a record went missing).
 */
export async function verifyAuditChain({
	db,
	pageSize = 5000
}: {
	db: Db;
	pageSize?: number;
}): Promise<ChainReport> {
	let prev = GENESIS_HASH;
	let lastSeq = 0;
	let checked = 0;
	for (;;) {
		const rows = await db
			.select()
			.from(auditLog)
			.where(and(isNotNull(auditLog.seq), gt(auditLog.seq, lastSeq)))
			.orderBy(asc(auditLog.seq))
			.limit(pageSize);
		if (rows.length === 0) return { ok: true, checked };
		for (const row of rows) {
			if (row.seq !== lastSeq + 1 || row.prevHash !== prev)
				return { ok: false, checked, brokenId: row.id, reason: 'link' };
			const expected = auditHash({
				...row,
				details: (row.details as AuditDetails | null) ?? null,
				prevHash: prev
			});
			if (expected !== row.hash) return { ok: false, checked, brokenId: row.id, reason: 'hash' };
			prev = expected;
			lastSeq++;
			checked++;
		}
	}
}
