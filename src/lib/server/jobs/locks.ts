// Every PostgreSQL advisory lock Kith takes, in one place.
//
// Fixed locks use the one-key (bigint) form, and their keys are all listed here: two kinds of
// work sharing a key wait on each other for nothing (reminder rounds once waited on the audit
// sealer that way). Locks on one record use the two-key form (int, int): PostgreSQL keeps the two
// forms in separate key spaces, so a record's lock can never meet a fixed one, and the first key,
// a namespace per kind of record, keeps the kinds apart from each other. The second key is the
// record id hashed: two records of a kind may share a hash and then wait on each other, which
// costs a moment and never correctness.
//
// The queries are built here and run by the caller, so this file depends on no database code.
import { sql, type SQL } from 'drizzle-orm';

/** Fixed keys: one holder at a time, across every instance. */
export const lockKeys = {
	/** Migrating at start (db/client.ts), held by the session. */
	migrations: 7401,
	/** Sealing the audit trail (audit/seal-audit-trail.ts). */
	auditSeal: 7402,
	/** A round of reminders (groups/send-due-reminders.ts). */
	reminders: 7403
} as const;
export type FixedLock = keyof typeof lockKeys;

/** Namespaces of per-record locks: the first of the two keys. */
const recordNamespaces = {
	/** Writers to one live session's chat, so its message ids are in commit order. */
	chatSession: 1,
	/** Changes to one member's care team on one site, so two hand-overs cannot cross. */
	careTeam: 2,
	/** A member's picks of the resource directory, so they never hold more than three. */
	resourcePicks: 3,
	/** Writers to one member's network map, so its 100-item limit holds (network/). */
	networkMap: 6
} as const;
export type RecordLock = keyof typeof recordNamespaces;

/** Waits for a fixed lock, held until the transaction ends. */
export const xactLock = (lock: FixedLock): SQL =>
	sql`select pg_advisory_xact_lock(${lockKeys[lock]}::bigint)`;

/** Takes a fixed lock if nobody holds it, until the transaction ends; the row says `ok`. */
export const tryXactLock = (lock: FixedLock): SQL =>
	sql`select pg_try_advisory_xact_lock(${lockKeys[lock]}::bigint) as ok`;

/** Waits for the lock on one record of a kind, held until the transaction ends. */
export const recordXactLock = (kind: RecordLock, id: string): SQL =>
	sql`select pg_advisory_xact_lock(${recordNamespaces[kind]}::int, hashtext(${id}))`;
