import { asc, gt } from 'drizzle-orm';
import { auditLog } from './audit.schema';
import { auditHash, GENESIS_HASH, type AuditDetails } from './record-audit';
import type { Db } from '../db/client';

export type ChainReport =
	| { ok: true; checked: number }
	| { ok: false; checked: number; brokenId: number; reason: 'hash' | 'link' };

/** Recomputes the whole chain in pages and names the first record that does not fit. */
export async function verifyAuditChain({
	db,
	pageSize = 5000
}: {
	db: Db;
	pageSize?: number;
}): Promise<ChainReport> {
	let prev = GENESIS_HASH;
	let lastId = 0;
	let checked = 0;
	for (;;) {
		const rows = await db
			.select()
			.from(auditLog)
			.where(gt(auditLog.id, lastId))
			.orderBy(asc(auditLog.id))
			.limit(pageSize);
		if (rows.length === 0) return { ok: true, checked };
		for (const row of rows) {
			if (row.prevHash !== prev) return { ok: false, checked, brokenId: row.id, reason: 'link' };
			const expected = auditHash({ ...row, details: (row.details as AuditDetails | null) ?? null });
			if (expected !== row.hash) return { ok: false, checked, brokenId: row.id, reason: 'hash' };
			prev = row.hash;
			lastId = row.id;
			checked++;
		}
	}
}
