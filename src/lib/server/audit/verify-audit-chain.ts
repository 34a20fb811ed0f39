import { and, asc, gt, isNotNull } from 'drizzle-orm';
import { auditLog } from './audit.schema';
import { chainHash, GENESIS_HASH, macFits, type AuditDetails } from './audit-mac';
import type { AuditHead } from './audit-head';
import type { Db } from '../db/client';

export type ChainReport =
	| { ok: true; checked: number }
	| {
			ok: false;
			checked: number;
			brokenId: number;
			/**
			 * forged: its content is not what Kith wrote (a row added or changed behind the app);
			 * hash: its chain hash was changed; link: it does not follow the record before it.
			 */
			reason: 'forged' | 'hash' | 'link';
	  }
	| {
			ok: false;
			checked: number;
			/** The trail no longer reaches, or no longer passes through, the witnessed head. */
			reason: 'truncated';
			head: AuditHead;
			/** The newest record the trail holds now. */
			lastSeq: number;
	  };

/**
 * Recomputes the sealed chain in seq order, in pages, and names the first record that does not
 * fit: its MAC does not fit its content (forged or altered), its chain hash does not match, or it
 * does not link to the record before it (a wrong previous hash, or a gap in seq where a record
 * went missing). Records from before MACs existed are accepted without one only before the first
 * record that has one. With a `head` witnessed earlier (audit-head.ts), a trail that ends before
 * it, or passes its seq with another hash, is reported as truncated.
 */
export async function verifyAuditChain({
	db,
	head,
	pageSize = 5000
}: {
	db: Db;
	head?: AuditHead;
	pageSize?: number;
}): Promise<ChainReport> {
	let prev = GENESIS_HASH;
	let lastSeq = 0;
	let checked = 0;
	let macsBegun = false;
	const truncated = (): ChainReport => ({
		ok: false,
		checked,
		reason: 'truncated',
		head: head as AuditHead,
		lastSeq
	});
	for (;;) {
		const rows = await db
			.select()
			.from(auditLog)
			.where(and(isNotNull(auditLog.seq), gt(auditLog.seq, lastSeq)))
			.orderBy(asc(auditLog.seq))
			.limit(pageSize);
		if (rows.length === 0) return head && lastSeq < head.seq ? truncated() : { ok: true, checked };
		for (const row of rows) {
			if (row.seq !== lastSeq + 1 || row.prevHash !== prev)
				return { ok: false, checked, brokenId: row.id, reason: 'link' };
			const content = { ...row, details: (row.details as AuditDetails | null) ?? null };
			if (row.mac !== null) macsBegun = true;
			if (macsBegun && (row.mac === null || !macFits(content, row.mac)))
				return { ok: false, checked, brokenId: row.id, reason: 'forged' };
			const expected = chainHash({ ...content, prevHash: prev });
			if (expected !== row.hash) return { ok: false, checked, brokenId: row.id, reason: 'hash' };
			if (head && row.seq === head.seq && row.hash !== head.hash) return truncated();
			prev = expected;
			lastSeq++;
			checked++;
		}
	}
}

/** One line for audit:verify and the operator. */
export function describeChainReport(report: ChainReport): string {
	if (report.ok) return `Audit trail intact: ${report.checked} records verified.`;
	if (report.reason === 'truncated')
		return report.lastSeq < report.head.seq
			? `Audit trail TRUNCATED: it ends at record ${report.lastSeq} of the chain, but the head witnessed at ${report.head.at} was record ${report.head.seq} (${report.head.seq - report.lastSeq} missing from the end); ${report.checked} records before that verify.`
			: `Audit trail TRUNCATED and continued: record ${report.head.seq} of the chain is not the one witnessed at ${report.head.at} (records were removed from the end and new ones chained after); ${report.checked} records before it verify.`;
	const why = {
		forged:
			'FORGED: its content is not what Kith wrote (a row added or changed in the database behind the app, or the instance secret differs from the one that wrote it)',
		hash: 'its chain hash was changed',
		link: 'it does not link to the record before it (a record is missing or was moved)'
	}[report.reason];
	return `Audit trail BROKEN at record id ${report.brokenId}: ${why}; ${report.checked} records before it verify.`;
}
