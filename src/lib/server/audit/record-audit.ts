import { createHash } from 'node:crypto';
import { auditLog } from './audit.schema';
import type { AuditAction } from './actions';
import { actingRole, type Actor } from '../access/actor';
import type { Db, Tx } from '../db/client';

export type AuditOutcome = 'success' | 'failure' | 'denied';
export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEntry = {
	actorUserId: string | null;
	actingRole: string | null;
	siteId: string | null;
	action: AuditAction;
	entityType?: string | null;
	entityId?: string | null;
	outcome: AuditOutcome;
	ip: string | null;
	/** Never personal data: ids, counts, field names. */
	details?: AuditDetails | null;
};

export const GENESIS_HASH = '0'.repeat(64);

function canonicalDetails(details: AuditDetails | null | undefined): string {
	if (!details) return 'null';
	const keys = Object.keys(details).sort();
	return JSON.stringify(keys.map((k) => [k, details[k] ?? null]));
}

/** The hash of one row: its content and the hash of the row before it. */
export function auditHash(row: {
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
	prevHash: string;
}): string {
	const payload = JSON.stringify([
		row.at.toISOString(),
		row.actorUserId,
		row.actingRole,
		row.siteId,
		row.action,
		row.entityType,
		row.entityId,
		row.outcome,
		row.ip,
		canonicalDetails(row.details),
		row.prevHash
	]);
	return createHash('sha256').update(payload).digest('hex');
}

/**
 * Writes one record inside the caller's transaction, so the record exists exactly when the change
 * it describes does. It is written unsealed and takes no lock, so audited writes never queue
 * behind each other; sealAuditTrail() chains it moments later.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values({
		at: new Date(),
		actorUserId: entry.actorUserId,
		actingRole: entry.actingRole,
		siteId: entry.siteId,
		action: entry.action,
		entityType: entry.entityType ?? null,
		entityId: entry.entityId ?? null,
		outcome: entry.outcome,
		ip: entry.ip,
		details: entry.details ?? null
	});
}

/** Writes a record on its own (e.g. a failed sign-in, where no other change happens). */
export async function recordAuditAlone(db: Db, entry: AuditEntry): Promise<void> {
	await db.transaction(async (tx) => recordAudit(tx, entry));
}

/** What an actor's action adds to the trail; who, as which role, from where comes from the Actor. */
export type ActorAuditEntry = {
	action: AuditAction;
	entityType: string;
	/** Null for a read of several records (the details then say how many). */
	entityId?: string | null;
	outcome?: AuditOutcome;
	details?: AuditDetails | null;
	/**
	 * The site the action concerns, when it is not the one the actor works in: the site of an
	 * invitation being accepted, or the site a platform admin edits. Defaults to the actor's site.
	 */
	siteId?: string | null;
};

/** Records an action of a signed-in person, in the caller's transaction. */
export function recordActorAudit(tx: Tx, actor: Actor, entry: ActorAuditEntry): Promise<void> {
	return recordAudit(tx, {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId: entry.siteId === undefined ? (actor.site?.id ?? null) : entry.siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		outcome: entry.outcome ?? 'success',
		ip: actor.ip,
		details: entry.details ?? null
	});
}

/**
 * recordActorAudit for work a person does in the app or the operator does on the command line
 * (`actor` null: no user, acting role "operator", no address). The site is always named.
 */
export function recordAuditBy(
	tx: Tx,
	actor: Actor | null,
	entry: ActorAuditEntry & { siteId: string | null }
): Promise<void> {
	if (actor) return recordActorAudit(tx, actor, entry);
	return recordAudit(tx, {
		actorUserId: null,
		actingRole: 'operator',
		siteId: entry.siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		outcome: entry.outcome ?? 'success',
		ip: null,
		details: entry.details ?? null
	});
}

/** recordActorAudit for an action that changes nothing else, so needs no transaction of its own. */
export async function recordActorAuditAlone(
	db: Db,
	actor: Actor,
	entry: ActorAuditEntry
): Promise<void> {
	await db.transaction(async (tx) => recordActorAudit(tx, actor, entry));
}
