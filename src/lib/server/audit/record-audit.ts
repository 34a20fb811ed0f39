import { auditLog } from './audit.schema';
import type { AuditAction } from './actions';
import { recordMac, type AuditDetails } from './audit-mac';
import { actingRole, type Actor } from '../access/actor';
import type { Db, Tx } from '../db/client';
import { writeBehind } from '../db/write-behind';

export type AuditOutcome = 'success' | 'failure' | 'denied';

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

/** The row of one record, stamped now and carrying its MAC (audit-mac.ts). */
function auditRow(entry: AuditEntry): typeof auditLog.$inferInsert {
	const content = {
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
	};
	return { ...content, mac: recordMac(content) };
}

/**
 * Writes one record inside the caller's transaction, so the record exists exactly when the change
 * it describes does. It is written unsealed and takes no lock, so audited writes never queue
 * behind each other; sealAuditTrail() chains it moments later.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values(auditRow(entry));
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

function actorEntry(actor: Actor, entry: ActorAuditEntry): AuditEntry {
	return {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId: entry.siteId === undefined ? (actor.site?.id ?? null) : entry.siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		outcome: entry.outcome ?? 'success',
		ip: actor.ip,
		details: entry.details ?? null
	};
}

/** Records an action of a signed-in person, in the caller's transaction. */
export function recordActorAudit(tx: Tx, actor: Actor, entry: ActorAuditEntry): Promise<void> {
	return recordAudit(tx, actorEntry(actor, entry));
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

const viewRecords = writeBehind<typeof auditLog.$inferInsert>({
	name: 'view audit records',
	write: (tx, rows) => tx.insert(auditLog).values(rows)
});

/**
 * recordActorAudit for a page view of group content, written behind the page (db/write-behind.ts):
 * stamped and sealed with its MAC now, stored within moments. Only for the reads decision 0009
 * lists; reading a person's health record stays in the page's transaction (recordActorAudit).
 */
export function recordViewBehind(db: Db, actor: Actor, entry: ActorAuditEntry): void {
	viewRecords.add(db, auditRow(actorEntry(actor, entry)));
}
