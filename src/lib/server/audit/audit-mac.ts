import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../crypto/encrypt';

// What makes the audit trail verifiable against something the database alone cannot rewrite: a
// key derived from the instance secret (KITH_SECRET, or the data folder's secret), which never
// enters the database. Every record gets a MAC of its content when the app writes it, and the
// chain hash that links it to the record before is keyed too. Someone who can write to the
// database (even switch its triggers off) can add or change rows, but cannot make them fit.
//
// The key is the process's: one Kith process serves one app, and createApp sets it from the
// app's secret before anything is recorded. (Tests that create several apps in one process get
// the newest app's key for records and checks alike.)

const MAC_VERSION = 'v1';
const NONCE_BYTES = 12;

let key: Buffer | undefined;

/** Sets the audit key from the instance secret; createApp calls it. */
export function useAuditSecret(secret: string): void {
	key = derivedKey(secret, 'kith audit trail v1');
}

function auditKey(): Buffer {
	if (!key) throw new Error('the audit key is not set: createApp sets it from the instance secret');
	return key;
}

export type AuditDetails = Record<string, string | number | boolean | null>;

/** The columns a record's MAC and hash cover: what happened, never where it sits in the chain. */
export type AuditContent = {
	at: Date;
	actorUserId: string | null;
	actingRole: string | null;
	siteId: string | null;
	action: string;
	entityType: string | null;
	entityId: string | null;
	outcome: string;
	ip: string | null;
	details: AuditDetails | null;
};

export const GENESIS_HASH = '0'.repeat(64);

function canonicalDetails(details: AuditDetails | null | undefined): string {
	if (!details) return 'null';
	const keys = Object.keys(details).sort();
	return JSON.stringify(keys.map((k) => [k, details[k] ?? null]));
}

function contentFields(row: AuditContent): (string | null)[] {
	return [
		row.at.toISOString(),
		row.actorUserId,
		row.actingRole,
		row.siteId,
		row.action,
		row.entityType,
		row.entityId,
		row.outcome,
		row.ip,
		canonicalDetails(row.details)
	];
}

const hmac = (payload: string) => createHmac('sha256', auditKey()).update(payload).digest();

/** A fresh MAC for a record about to be written: `v1.<nonce>.<tag>` (the nonce keeps each unique). */
export function recordMac(row: AuditContent): string {
	const nonce = randomBytes(NONCE_BYTES).toString('base64url');
	const tag = hmac(JSON.stringify([MAC_VERSION, nonce, ...contentFields(row)]));
	return `${MAC_VERSION}.${nonce}.${tag.toString('base64url')}`;
}

/** True when `mac` was made by this key for exactly this content. */
export function macFits(row: AuditContent, mac: string): boolean {
	const [version, nonce, tag, extra] = mac.split('.');
	if (version !== MAC_VERSION || !nonce || !tag || extra !== undefined) return false;
	const expected = hmac(JSON.stringify([MAC_VERSION, nonce, ...contentFields(row)]));
	const given = Buffer.from(tag, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The chain hash of one record: its content, its MAC and the hash of the record before it. Keyed
 * for records with a MAC; records from before MACs keep the plain SHA-256 they were sealed with.
 */
export function chainHash(row: AuditContent & { mac: string | null; prevHash: string }): string {
	if (row.mac === null) {
		return createHash('sha256')
			.update(JSON.stringify([...contentFields(row), row.prevHash]))
			.digest('hex');
	}
	return hmac(JSON.stringify([...contentFields(row), row.mac, row.prevHash])).toString('hex');
}

/** A MAC over a chain head (seq and hash), for the head witness kept outside the database. */
export function headMac(head: { seq: number; hash: string; at: string }): string {
	return hmac(JSON.stringify(['head', head.seq, head.hash, head.at])).toString('base64url');
}
