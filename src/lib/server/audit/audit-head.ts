import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { headMac } from './audit-mac';
import { auditLog } from './audit.schema';
import { logger } from '../logger';
import type { Db } from '../db/client';

// The head witness: the newest sealed record (seq and hash) as this instance last saw it, kept
// where the database cannot reach it: a file in the data folder, and the log. Removing the newest
// records, or rewriting the chain's end, leaves the database consistent with itself but not with
// a head recorded earlier; audit:verify compares the two.

export type AuditHead = { seq: number; hash: string; at: string };

const FILE = 'audit-head.json';
/** At most one log line a minute about the head; the file follows every seal. */
const LOG_EVERY_MS = 60_000;

const ZHeadFile = z.object({
	seq: z.number().int().nonnegative(),
	hash: z.string().min(1),
	at: z.string().min(1),
	mac: z.string().min(1)
});

export type ReadHead =
	{ kind: 'none' } | { kind: 'ok'; head: AuditHead } | { kind: 'invalid'; file: string };

/** The head last recorded in `dataDir`; `invalid` when the file was changed or does not parse. */
export function readAuditHead(dataDir: string): ReadHead {
	const file = join(dataDir, FILE);
	if (!existsSync(file)) return { kind: 'none' };
	try {
		const parsed = ZHeadFile.parse(JSON.parse(readFileSync(file, 'utf8')));
		const head = { seq: parsed.seq, hash: parsed.hash, at: parsed.at };
		return parsed.mac === headMac(head) ? { kind: 'ok', head } : { kind: 'invalid', file };
	} catch {
		return { kind: 'invalid', file };
	}
}

export type HeadWitness = (db: Db, head: AuditHead) => Promise<void>;

/**
 * Keeps the head of the chain as the sealer sees it. It only moves forward, and only along the
 * chain it saw: before recording a later head it checks that the record it recorded last is still
 * there with the same hash. When records were removed from the end (or the end rewritten) it stops
 * moving and says so, so the evidence stays for audit:verify.
 */
export function createHeadWitness(dataDir: string): HeadWitness {
	const read = readAuditHead(dataDir);
	let last: AuditHead | undefined = read.kind === 'ok' ? read.head : undefined;
	let broken = false;
	let loggedAt = 0;
	return async (db, head) => {
		if (broken || (last && head.seq <= last.seq && head.hash === last.hash)) return;
		if (last) {
			const [kept] = await db
				.select({ hash: auditLog.hash })
				.from(auditLog)
				.where(eq(auditLog.seq, last.seq));
			if (kept?.hash !== last.hash) {
				broken = true;
				logger.error(
					{ witnessedSeq: last.seq },
					'audit trail: the record last witnessed is gone or changed (records removed from the end?); run audit:verify'
				);
				return;
			}
		}
		last = head;
		mkdirSync(dataDir, { recursive: true });
		const file = join(dataDir, FILE);
		const tmp = `${file}.${process.pid}.tmp`;
		writeFileSync(tmp, JSON.stringify({ ...head, mac: headMac(head) }), { mode: 0o600 });
		renameSync(tmp, file);
		const now = Date.now();
		if (now - loggedAt >= LOG_EVERY_MS) {
			loggedAt = now;
			logger.info({ auditHead: `${head.seq}:${head.hash}` }, 'audit trail head');
		}
	};
}

/** Reads `<seq>:<hash>` as given to audit:verify --head (from a log line). */
export function parseHeadArgument(value: string): AuditHead | null {
	const m = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
	return m
		? { seq: Number(m[1]), hash: m[2] as string, at: 'the time of the given log line' }
		: null;
}
